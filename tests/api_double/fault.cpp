#include "fault.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <regex>
#include <utility>

namespace api_double {
namespace {

using rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr int kMaxOversize = 1024 * 1024 * 1024;
constexpr int kMaxDelayMs = 10 * 60 * 1000;
constexpr int kMaxTrickleBytes = 64 * 1024;
constexpr int kMaxIntervalMs = 60 * 1000;

struct Named {
  std::string_view name;
  int value;
};

constexpr std::array kKindNames{
    Named{"status", static_cast<int>(FaultKind::Status)},
    Named{"delay", static_cast<int>(FaultKind::Delay)},
    Named{"malformed", static_cast<int>(FaultKind::Malformed)},
    Named{"oversize", static_cast<int>(FaultKind::Oversize)},
    Named{"drop", static_cast<int>(FaultKind::Drop)},
    Named{"trickle", static_cast<int>(FaultKind::Trickle)},
    Named{"interim", static_cast<int>(FaultKind::Interim)},
    Named{"redirect", static_cast<int>(FaultKind::Redirect)},
    Named{"close_after_response", static_cast<int>(FaultKind::CloseAfterResponse)},
    Named{"total_count_mismatch", static_cast<int>(FaultKind::TotalCountMismatch)},
    Named{"repeat_page", static_cast<int>(FaultKind::RepeatPage)},
};
constexpr std::array kRouteNames{
    Named{"*", static_cast<int>(Route::Any)},
    Named{"describeImage", static_cast<int>(Route::DescribeImage)},
    Named{"describeImages", static_cast<int>(Route::DescribeImages)},
};
constexpr std::array kPartNames{
    Named{"body", static_cast<int>(TricklePart::Body)},
    Named{"head", static_cast<int>(TricklePart::Head)},
};
constexpr std::array kBodyNames{
    Named{"not_json", static_cast<int>(MalformedBody::NotJson)},
    Named{"truncated", static_cast<int>(MalformedBody::Truncated)},
    Named{"wrong_types", static_cast<int>(MalformedBody::WrongTypes)},
    Named{"missing_image", static_cast<int>(MalformedBody::MissingImage)},
    Named{"missing_result", static_cast<int>(MalformedBody::MissingResult)},
    Named{"empty", static_cast<int>(MalformedBody::Empty)},
};
constexpr std::array kDropNames{
    Named{"before_response", static_cast<int>(DropPoint::BeforeResponse)},
    Named{"mid_body", static_cast<int>(DropPoint::MidBody)},
};

template <std::size_t N>
std::optional<int> Lookup(const std::array<Named, N>& table, std::string_view name) {
  for (const auto& n : table)
    if (n.name == name) return n.value;
  return std::nullopt;
}

template <std::size_t N>
std::string_view NameOf(const std::array<Named, N>& table, int value) {
  for (const auto& n : table)
    if (n.value == value) return n.name;
  return "?";
}

template <std::size_t N>
std::string Choices(const std::array<Named, N>& table) {
  std::string out;
  for (const auto& n : table) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

// Reads one member with type checks; every error names the member.
class FaultReader {
 public:
  explicit FaultReader(const Value& obj) : obj_(obj) {}

  std::optional<std::string> error;

  std::optional<std::string> String(const char* name) {
    auto it = obj_.FindMember(name);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsString()) return Fail(std::string(name) + " must be a string");
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }

  std::optional<int> Int(const char* name, int lo, int hi) {
    auto it = obj_.FindMember(name);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsInt64() || it->value.GetInt64() < lo || it->value.GetInt64() > hi)
      return Fail(std::string(name) + " must be an integer in " + std::to_string(lo) + ".." +
                  std::to_string(hi));
    return static_cast<int>(it->value.GetInt64());
  }

  std::optional<bool> Bool(const char* name) {
    auto it = obj_.FindMember(name);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsBool()) return Fail(std::string(name) + " must be true or false");
    return it->value.GetBool();
  }

  std::optional<std::string> RawJson(const char* name) {
    auto it = obj_.FindMember(name);
    if (it == obj_.MemberEnd()) return std::nullopt;
    rapidjson::StringBuffer buf;
    Writer w(buf);
    it->value.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
  }

  std::nullopt_t Fail(std::string message) {
    if (!error) error = std::move(message);
    return std::nullopt;
  }

 private:
  const Value& obj_;
};

constexpr std::string_view kKnownMembers[] = {
    "image_id", "kind",  "times",      "delay_ms", "status",     "error_status", "message",
    "retry_after", "body", "field", "value",   "size_bytes", "chunked",      "drop",
    "trickle_bytes", "interval_ms", "part", "location", "route", "total_count_delta"};

bool ListOnly(FaultKind kind) { return kind == FaultKind::TotalCountMismatch || kind == FaultKind::RepeatPage; }

// Which API the fault is for: "route", else what its kind and image_id imply.
std::optional<std::string> ResolveRoute(FaultReader& r, Fault& f) {
  const auto name = r.String("route");
  if (name) {
    const auto route = Lookup(kRouteNames, *name);
    if (!route) return "route must be one of " + Choices(kRouteNames);
    f.route = static_cast<Route>(*route);
  } else if (ListOnly(f.kind)) {
    f.route = Route::DescribeImages;
  }
  if (ListOnly(f.kind) && f.route != Route::DescribeImages)
    return "kind " + std::string(KindName(f.kind)) + " applies to route describeImages only";
  // describeImages has no image id in its path.
  if (f.image_id != "*" && f.route == Route::DescribeImages)
    return "route describeImages takes no image_id";
  return std::nullopt;
}

std::expected<Fault, std::string> ParseOne(const Value& obj) {
  if (!obj.IsObject()) return std::unexpected("a fault must be a JSON object");
  for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
    const std::string_view name(m->name.GetString(), m->name.GetStringLength());
    if (std::find(std::begin(kKnownMembers), std::end(kKnownMembers), name) == std::end(kKnownMembers))
      return std::unexpected("unknown member \"" + std::string(name) + "\"");
  }
  FaultReader r(obj);
  Fault f;
  const auto kind_name = r.String("kind");
  if (r.error) return std::unexpected(*r.error);
  if (!kind_name) return std::unexpected("kind is required (" + Choices(kKindNames) + ", rate_limit, quota_exceeded)");

  // Two shorthands for the throttling answers tests need most.
  std::string kind_text = *kind_name;
  if (kind_text == "rate_limit" || kind_text == "quota_exceeded") {
    f.status = 429;
    f.error_status = kind_text == "rate_limit" ? "RATE_LIMIT" : "QUOTA_EXCEEDED";
    kind_text = "status";
  }
  const auto kind = Lookup(kKindNames, kind_text);
  if (!kind) return std::unexpected("unknown kind \"" + *kind_name + "\"");
  f.kind = static_cast<FaultKind>(*kind);

  if (auto id = r.String("image_id")) f.image_id = *id;
  static const std::regex kImageId("^(\\*|img-[0-9a-z]{8,32})$");
  if (!std::regex_match(f.image_id, kImageId))
    return std::unexpected("image_id must be \"*\" or match ^img-[0-9a-z]{8,32}$");
  f.times = r.Int("times", 1, 1'000'000);
  f.delay_ms = r.Int("delay_ms", 0, kMaxDelayMs).value_or(0);
  if (auto s = r.Int("status", 100, 599)) f.status = *s;
  if (auto s = r.String("error_status")) f.error_status = *s;
  if (auto s = r.String("message")) f.message = *s;
  f.retry_after = r.Int("retry_after", 0, 3600);
  if (auto b = r.String("body")) {
    const auto body = Lookup(kBodyNames, *b);
    if (!body) return std::unexpected("body must be one of " + Choices(kBodyNames));
    f.body = static_cast<MalformedBody>(*body);
  }
  if (auto s = r.String("field")) {
    if (s->empty() || s->front() != '/' || !rapidjson::Pointer(s->c_str()).IsValid())
      return std::unexpected("field must be a JSON pointer such as /sizeMB");
    f.field = *s;
  }
  if (auto n = r.Int("total_count_delta", -1'000'000, 1'000'000)) {
    if (*n == 0) return std::unexpected("total_count_delta must not be 0");
    f.total_count_delta = *n;
  }
  f.value_json = r.RawJson("value");
  if (auto n = r.Int("size_bytes", 1, kMaxOversize)) f.size_bytes = static_cast<std::size_t>(*n);
  f.chunked = r.Bool("chunked").value_or(false);
  if (auto d = r.String("drop")) {
    const auto point = Lookup(kDropNames, *d);
    if (!point) return std::unexpected("drop must be one of " + Choices(kDropNames));
    f.drop_point = static_cast<DropPoint>(*point);
  }
  if (auto n = r.Int("trickle_bytes", 0, kMaxTrickleBytes)) f.trickle_bytes = static_cast<std::size_t>(*n);
  if (auto n = r.Int("interval_ms", 1, kMaxIntervalMs)) f.interval_ms = *n;
  if (auto p = r.String("part")) {
    const auto part = Lookup(kPartNames, *p);
    if (!part) return std::unexpected("part must be one of " + Choices(kPartNames));
    f.part = static_cast<TricklePart>(*part);
  }
  if (auto s = r.String("location")) f.location = *s;
  if (r.error) return std::unexpected(*r.error);
  if (auto bad_route = ResolveRoute(r, f)) return std::unexpected(*bad_route);
  if (r.error) return std::unexpected(*r.error);

  // Each kind's range of "status", and its default.
  const auto status_in = [&](int lo, int hi, int fallback) -> std::optional<std::string> {
    if (f.status == 0) f.status = fallback;
    if (f.status >= lo && f.status <= hi) return std::nullopt;
    return "kind " + std::string(KindName(f.kind)) + " needs \"status\" in " + std::to_string(lo) + ".." +
           std::to_string(hi);
  };
  std::optional<std::string> bad_status;
  if (f.kind == FaultKind::Status && f.status != 0) bad_status = status_in(400, 599, 0);
  if (f.kind == FaultKind::Interim) bad_status = status_in(100, 199, 103);
  if (f.kind == FaultKind::Redirect) bad_status = status_in(300, 399, 301);
  if (bad_status) return std::unexpected(*bad_status);
  if (f.kind == FaultKind::Trickle && f.part == TricklePart::Head && f.trickle_bytes == 0)
    return std::unexpected("a trickled head needs \"trickle_bytes\" > 0");

  if (f.kind == FaultKind::Status && f.status == 0) return std::unexpected("kind status needs \"status\" (400..599)");
  if (f.kind == FaultKind::Delay && f.delay_ms == 0) return std::unexpected("kind delay needs \"delay_ms\" > 0");
  if (f.kind == FaultKind::Malformed && !obj.HasMember("body"))
    return std::unexpected("kind malformed needs \"body\" (" + Choices(kBodyNames) + ")");
  return f;
}

void WriteFault(Writer& w, const Fault& f) {
  w.StartObject();
  w.Key("image_id");
  w.String(f.image_id.c_str());
  w.Key("kind");
  w.String(KindName(f.kind).data());
  if (f.route != Route::Any) {
    w.Key("route");
    w.String(RouteName(f.route).data());
  }
  if (f.times) {
    w.Key("times_left");
    w.Int(*f.times);
  }
  if (f.delay_ms) {
    w.Key("delay_ms");
    w.Int(f.delay_ms);
  }
  switch (f.kind) {
    case FaultKind::Status:
      w.Key("status");
      w.Int(f.status);
      if (!f.error_status.empty()) {
        w.Key("error_status");
        w.String(f.error_status.c_str());
      }
      if (f.retry_after) {
        w.Key("retry_after");
        w.Int(*f.retry_after);
      }
      break;
    case FaultKind::Malformed:
      w.Key("body");
      w.String(NameOf(kBodyNames, static_cast<int>(f.body)).data());
      if (f.body == MalformedBody::WrongTypes && f.field) {
        w.Key("field");
        w.String(f.field->c_str());
      }
      break;
    case FaultKind::Oversize:
      w.Key("size_bytes");
      w.Uint64(f.size_bytes);
      w.Key("chunked");
      w.Bool(f.chunked);
      break;
    case FaultKind::Drop:
      w.Key("drop");
      w.String(NameOf(kDropNames, static_cast<int>(f.drop_point)).data());
      break;
    case FaultKind::Trickle:
      w.Key("trickle_bytes");
      w.Uint64(f.trickle_bytes);
      w.Key("interval_ms");
      w.Int(f.interval_ms);
      if (f.part == TricklePart::Head) {
        w.Key("part");
        w.String("head");
      }
      break;
    case FaultKind::Interim:
      w.Key("status");
      w.Int(f.status);
      break;
    case FaultKind::Redirect:
      w.Key("status");
      w.Int(f.status);
      w.Key("location");
      w.String(f.location.c_str());
      break;
    case FaultKind::TotalCountMismatch:
      w.Key("total_count_delta");
      w.Int(f.total_count_delta);
      break;
    case FaultKind::Delay:
    case FaultKind::CloseAfterResponse:
    case FaultKind::RepeatPage:
      break;
  }
  w.EndObject();
}

}  // namespace

std::string_view KindName(FaultKind kind) { return NameOf(kKindNames, static_cast<int>(kind)); }
std::string_view RouteName(Route route) { return NameOf(kRouteNames, static_cast<int>(route)); }

std::expected<std::vector<Fault>, std::string> ParseFaults(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    return std::unexpected(std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()));
  std::vector<Fault> out;
  if (!doc.IsArray()) {
    auto f = ParseOne(doc);
    if (!f) return std::unexpected(f.error());
    out.push_back(std::move(*f));
    return out;
  }
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    auto f = ParseOne(doc[i]);
    if (!f) return std::unexpected("fault " + std::to_string(i) + ": " + f.error());
    out.push_back(std::move(*f));
  }
  return out;
}

std::string FaultsToJson(const std::vector<Fault>& faults) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("faults");
  w.StartArray();
  for (const auto& f : faults) WriteFault(w, f);
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

void FaultTable::Add(std::vector<Fault> faults) {
  std::lock_guard lock(mu_);
  for (auto& f : faults) faults_.push_back(std::move(f));
}

void FaultTable::Clear() {
  std::lock_guard lock(mu_);
  faults_.clear();
}

template <class Score>
std::optional<Fault> FaultTable::TakeBest(Score score) {
  std::lock_guard lock(mu_);
  auto best = faults_.end();
  int best_score = -1;
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (const int s = score(*it); s > best_score) {
      best = it;
      best_score = s;
    }
  }
  if (best == faults_.end()) return std::nullopt;
  Fault taken = *best;
  if (best->times && --*best->times == 0) faults_.erase(best);
  return taken;
}

std::optional<Fault> FaultTable::Take(std::string_view image_id) {
  return TakeBest([image_id](const Fault& f) {
    if (f.route == Route::DescribeImages) return -1;
    if (f.image_id == image_id) return 2;
    if (f.image_id != "*") return -1;
    return f.route == Route::DescribeImage ? 1 : 0;
  });
}

std::optional<Fault> FaultTable::TakeForList(int page_number) {
  return TakeBest([page_number](const Fault& f) {
    if (f.route == Route::DescribeImage || f.image_id != "*") return -1;
    if (ListOnly(f.kind) && page_number < 2) return -1;
    return f.route == Route::DescribeImages ? 1 : 0;
  });
}

std::vector<Fault> FaultTable::List() const {
  std::lock_guard lock(mu_);
  return faults_;
}

}  // namespace api_double
