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
      const rapidjson::Value* member = nullptr;
      auto it = json->FindMember(f.api_field);
      if (it != json->MemberEnd()) member = &it->value;
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
    bool equal = false;
    if (json->IsInt64()) {
      auto i = state.as_number().ToInt64();
      equal = i && *i == json->GetInt64();
    } else if (json->IsNumber()) {
      equal = state.as_number().ToDouble() == json->GetDouble();
    }
    if (!equal) Fail(path, "expected " + JsonText(*json) + ", got " + ValueText(state));
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
      auto key = tag.FindMember("key");
      if (key == tag.MemberEnd() || !key->value.IsString()) continue;
      auto value = tag.FindMember("value");
      expected[key->value.GetString()] = value == tag.MemberEnd() ? nullptr : &value->value;
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
  auto status = image.FindMember("status");
  if (status != image.MemberEnd() && status->value.IsString() &&
      std::string(status->value.GetString()) != "ready") {
    reasons.push_back("status");
  }
  auto offline = image.FindMember("offline");
  if (offline != image.MemberEnd() && offline->value.IsBool() && offline->value.GetBool()) {
    reasons.push_back("offline");
  }
  auto expired = image.FindMember("expiredTime");
  if (expired != image.MemberEnd() && expired->value.IsString() && expired->value.GetStringLength() > 0) {
    std::tm tm{};
    const char* end = strptime(expired->value.GetString(), "%Y-%m-%dT%H:%M:%S", &tm);
    if (end != nullptr && timegm(&tm) < std::time(nullptr)) reasons.push_back("expired");
  }
  return reasons;
}

}  // namespace

std::vector<std::string> CompareImageState(const rapidjson::Value& image, const cty::Value& state) {
  Comparer c;
  c.Object("", &image, state, ImageMapping(), {"image_id", "region"});
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
  f.document.Parse(text.str().c_str());
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
