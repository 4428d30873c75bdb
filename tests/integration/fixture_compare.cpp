#include "fixture_compare.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "image_mapping.h"

namespace harness {
namespace {

using Shape = FieldMapping::Shape;

std::string JsonText(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

std::string ValueText(const cty::Value& v) {
  if (v.is_unknown()) return "(unknown)";
  if (v.is_null()) return "null";
  switch (v.type().kind()) {
    case cty::Kind::String: return "\"" + v.as_string() + "\"";
    case cty::Kind::Number: return v.as_number().ToString();
    case cty::Kind::Bool: return v.as_bool() ? "true" : "false";
    default: return v.type().FriendlyName();
  }
}

// A member's last occurrence, as SPEC reads a duplicated member.
const rapidjson::Value* LastMember(const rapidjson::Value& object, const char* name) {
  const rapidjson::Value* found = nullptr;
  for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m) {
    if (std::string_view(m->name.GetString(), m->name.GetStringLength()) == name) found = &m->value;
  }
  return found;
}

class Comparer {
 public:
  std::vector<std::string> mismatches;

  void Object(const std::string& path, const rapidjson::Value* json, const cty::Value& state,
              std::span<const FieldMapping> fields, const std::set<std::string>& echoed = {}) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!json->IsObject()) return Fail(path, "fixture member is not an object");
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::Object)) return;
    std::set<std::string> mapped(echoed);
    for (const auto& f : fields) {
      mapped.insert(f.attribute);
      const rapidjson::Value* member = LastMember(*json, f.api_field);
      std::string sub = path.empty() ? f.attribute : path + "." + f.attribute;
      if (state.entries().count(f.attribute) == 0) {
        Fail(sub, "attribute missing from state");
        continue;
      }
      Field(sub, member, state.entries().at(f.attribute), f);
    }
    for (const auto& [name, _] : state.entries()) {
      if (mapped.count(name) == 0) Fail(path.empty() ? name : path + "." + name, "attribute not in SPEC");
    }
  }

 private:
  static bool IsAbsent(const rapidjson::Value* json) { return json == nullptr || json->IsNull(); }

  void Fail(const std::string& path, const std::string& what) { mismatches.push_back(path + ": " + what); }

  void ExpectNull(const std::string& path, const cty::Value& state) {
    if (!state.is_null()) Fail(path, "expected null (absent in fixture), got " + ValueText(state));
  }

  bool Known(const std::string& path, const cty::Value& state) {
    if (state.is_unknown()) Fail(path, "unknown value in state");
    else if (state.is_null()) Fail(path, "null in state but present in fixture");
    return state.is_known() && !state.is_null();
  }

  bool IsKind(const std::string& path, const cty::Value& state, cty::Kind kind) {
    if (state.type().kind() == kind) return true;
    Fail(path, "state has type " + state.type().FriendlyName());
    return false;
  }

  void Field(const std::string& path, const rapidjson::Value* json, const cty::Value& state,
             const FieldMapping& f) {
    switch (f.shape) {
      case Shape::String: return String(path, json, state);
      case Shape::Number: return Number(path, json, state);
      case Shape::Bool: return Bool(path, json, state);
      case Shape::Object: return Object(path, json, state, f.nested);
      case Shape::ListOfObjects: return List(path, json, state, f.nested);
      case Shape::TagMap: return Tags(path, json, state);
    }
  }

  void String(const std::string& path, const rapidjson::Value* json, const cty::Value& state) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::String)) return;
    if (!json->IsString() || state.as_string() != json->GetString()) {
      Fail(path, "expected " + JsonText(*json) + ", got " + ValueText(state));
    }
  }

  void Number(const std::string& path, const rapidjson::Value* json, const cty::Value& state) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::Number)) return;
    // Fixtures are parsed with numbers as their text: SPEC carries them exactly.
    auto expected = json->IsString() ? cty::Number::Parse(json->GetString()) : std::nullopt;
    if (!expected || !(*expected == state.as_number())) Fail(path, "expected " + JsonText(*json) + ", got " + ValueText(state));
  }

  void Bool(const std::string& path, const rapidjson::Value* json, const cty::Value& state) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::Bool)) return;
    if (!json->IsBool() || state.as_bool() != json->GetBool()) {
      Fail(path, "expected " + JsonText(*json) + ", got " + ValueText(state));
    }
  }

  void List(const std::string& path, const rapidjson::Value* json, const cty::Value& state,
            std::span<const FieldMapping> fields) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!json->IsArray()) return Fail(path, "fixture member is not an array");
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::List)) return;
    const auto& elements = state.elements();
    if (elements.size() != json->Size()) {
      return Fail(path, "expected " + std::to_string(json->Size()) + " elements, got " +
                            std::to_string(elements.size()));
    }
    for (rapidjson::SizeType i = 0; i < json->Size(); ++i) {
      Object(path + "[" + std::to_string(i) + "]", &(*json)[i], elements[i], fields);
    }
  }

  void Tags(const std::string& path, const rapidjson::Value* json, const cty::Value& state) {
    if (IsAbsent(json)) return ExpectNull(path, state);
    if (!json->IsArray()) return Fail(path, "fixture member is not an array");
    if (!Known(path, state) || !IsKind(path, state, cty::Kind::Map)) return;
    // SPEC: null keys skipped, null value -> null element, last duplicate wins.
    std::map<std::string, const rapidjson::Value*> expected;
    for (const auto& tag : json->GetArray()) {
      if (!tag.IsObject()) continue;
      const rapidjson::Value* key = LastMember(tag, "key");
      if (key == nullptr || !key->IsString()) continue;
      expected[key->GetString()] = LastMember(tag, "value");
    }
    const auto& entries = state.entries();
    for (const auto& [k, _] : entries) {
      if (expected.count(k) == 0) Fail(path + "[\"" + k + "\"]", "unexpected tag in state");
    }
    for (const auto& [k, v] : expected) {
      auto it = entries.find(k);
      if (it == entries.end()) {
        Fail(path + "[\"" + k + "\"]", "tag missing from state");
        continue;
      }
      String(path + "[\"" + k + "\"]", v, it->second);
    }
  }
};

// SPEC: status present and not "ready", offline, or expired_time (RFC 3339,
// empty = never) in the past.
std::vector<std::string> UnusableReasons(const rapidjson::Value& image) {
  std::vector<std::string> reasons;
  const rapidjson::Value* status = LastMember(image, "status");
  if (status && status->IsString() && std::string(status->GetString()) != "ready") reasons.push_back("status");
  const rapidjson::Value* offline = LastMember(image, "offline");
  if (offline && offline->IsBool() && offline->GetBool()) reasons.push_back("offline");
  const rapidjson::Value* expired = LastMember(image, "expiredTime");
  if (expired && expired->IsString() && expired->GetStringLength() > 0) {
    std::tm tm{};
    // The date and time only: fixtures' zones are at most hours away from a far past or future.
    const char* end = strptime(expired->GetString(), "%Y-%m-%d", &tm);
    if (end != nullptr && (*end == 'T' || *end == ' ')) end = strptime(end + 1, "%H:%M:%S", &tm);
    if (end != nullptr && timegm(&tm) < std::time(nullptr)) reasons.push_back("expired");
  }
  return reasons;
}

}  // namespace

std::vector<std::string> CompareImageState(const rapidjson::Value& image, const cty::Value& state) {
  Comparer c;
  // The data block's own arguments, echoed rather than mapped from the API.
  c.Object("", &image, state, ImageMapping(), {"image_id", "region", "most_recent", "filter"});
  return c.mismatches;
}

const rapidjson::Value& Fixture::image() const {
  auto result = document.FindMember("result");
  if (result != document.MemberEnd() && result->value.IsObject()) {
    auto img = result->value.FindMember("image");
    if (img != result->value.MemberEnd()) return img->value;
  }
  return document;
}

std::expected<Fixture, std::string> LoadFixture(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  Fixture f;
  f.document.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.str().c_str());
  if (f.document.HasParseError() || !f.document.IsObject()) {
    return std::unexpected(path + " is not a JSON object");
  }
  const rapidjson::Value& image = f.image();
  if (!image.IsObject()) return std::unexpected(path + " has no Image object");
  auto id = image.FindMember("imageId");
  if (id != image.MemberEnd() && id->value.IsString()) f.image_id = id->value.GetString();
  auto meta = image.FindMember("__double");
  if (meta != image.MemberEnd() && meta->value.IsObject()) {
    auto regions = meta->value.FindMember("regions");
    if (regions != meta->value.MemberEnd() && regions->value.IsArray() && !regions->value.Empty() &&
        regions->value[0].IsString()) {
      f.region = regions->value[0].GetString();
    }
  }
  f.unusable_reasons = UnusableReasons(image);
  return f;
}

std::vector<std::string> FixtureImageIds(const std::string& fixtures_dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir + "/images", ec)) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace harness
