#include "answer_generator.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <span>
#include <vector>

#include "image_mapping.h"

namespace harness {
namespace {

using cty::Type;
using cty::Value;
using Shape = FieldMapping::Shape;

// Everything the API might put beside the fields SPEC maps.
constexpr const char* kUnknownNames[] = {"enabled", "snapshotPolicies", "chargeInfo", "loginName",
                                         "serviceCode", "hygonCapable", "resourceGroupId", "x-extra"};

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

void AppendEscape(std::string& out, unsigned unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xf];
}

class Generator {
 public:
  Generator(std::uint64_t seed, std::string image_id) : rng_(seed), image_id_(std::move(image_id)) {
    wrong_kind_countdown_ = Chance(10) ? static_cast<int>(Below(40)) : -1;
  }

  GeneratedAnswer Generate() {
    GeneratedAnswer answer;
    std::map<std::string, Value> attributes;
    answer.image_json = ObjectText(ImageMapping(), "result.image", attributes, /*top=*/true);
    answer.wrong_kind_path = wrong_kind_path_;
    if (wrong_kind_path_.empty()) answer.expected = Value::Object(MappedObjectType(ImageMapping()), std::move(attributes));
    return answer;
  }

 private:
  bool Chance(unsigned percent) { return Below(100) < percent; }
  std::uint64_t Below(std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_); }
  template <class T>
  const T& Pick(std::span<const T> items) { return items[Below(items.size())]; }

  std::string Space() {
    static constexpr const char* kSpaces[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
    return kSpaces[Below(std::size(kSpaces))];
  }

  // ---- strings ----
  char32_t CodePoint() {
    switch (Below(8)) {
      case 0: return static_cast<char32_t>(Below(0x20));                 // control characters, NUL included
      case 1: return U"\"\\/\u007f\u2028\u2029\ufffd"[Below(8)];          // must-escape and unusual
      case 2: return static_cast<char32_t>(0x4e00 + Below(0x5000));      // CJK
      case 3: return static_cast<char32_t>(0x1f600 + Below(0x50));       // emoji, beyond the BMP
      case 4: return static_cast<char32_t>(0xa0 + Below(0x60));          // Latin-1
      default: return static_cast<char32_t>(0x20 + Below(0x5f));         // printable ASCII
    }
  }

  // One code point as JSON text: raw where JSON allows, else (or at random) escaped.
  void AppendJsonChar(std::string& json, char32_t cp) {
    static const std::map<char32_t, const char*> kShort = {{'"', "\\\""}, {'\\', "\\\\"}, {'/', "\\/"},
                                                           {'\b', "\\b"}, {'\f', "\\f"}, {'\n', "\\n"},
                                                           {'\r', "\\r"}, {'\t', "\\t"}};
    const bool must_escape = cp < 0x20 || cp == '"' || cp == '\\';
    if (!must_escape && !Chance(25)) return AppendUtf8(json, cp);
    if (auto it = kShort.find(cp); it != kShort.end() && Chance(70)) {
      json += it->second;
    } else if (cp >= 0x10000) {  // a surrogate pair
      AppendEscape(json, 0xd800 + ((cp - 0x10000) >> 10));
      AppendEscape(json, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      AppendEscape(json, static_cast<unsigned>(cp));
    }
  }

  std::string StringText(std::string& decoded) {
    std::string json = "\"";
    const std::uint64_t length = Chance(15) ? 0 : Below(Chance(5) ? 300 : 12);
    for (std::uint64_t i = 0; i < length; ++i) {
      const char32_t cp = CodePoint();
      AppendUtf8(decoded, cp);
      AppendJsonChar(json, cp);
    }
    return json + "\"";
  }

  // ---- numbers ----
  // A number as digits (no leading or trailing zeros) and point: value =
  // 0.<digits> * 10^point. Canonical is the plain text cty prints.
  struct Decimal {
    bool negative = false;
    std::string digits;
    int point = 0;
  };

  Decimal RandomDecimal() {
    static constexpr const char* kInteresting[] = {"40", "350.5", "0", "9223372036854775807", "9223372036854775808",
                                                   "18446744073709551615", "18446744073709551616",
                                                   "0.123456789012345678901234567891", "1", "100000000000000000000000000"};
    Decimal d;
    if (Chance(3)) {  // beyond any double: 1e400, 1.5e-350
      d.digits = std::to_string(1 + Below(9)) + (Chance(50) ? "5" : "");
      d.point = static_cast<int>(300 + Below(200)) * (Chance(50) ? 1 : -1);
      d.negative = Chance(30);
      return d;
    }
    std::string text = Chance(50) ? kInteresting[Below(std::size(kInteresting))] : "";
    if (text.empty()) {
      const std::uint64_t n = 1 + Below(Chance(10) ? 30 : 6);
      for (std::uint64_t i = 0; i < n; ++i) text += static_cast<char>('0' + Below(10));
      if (Chance(40)) text.insert(1 + Below(text.size()), ".");
    }
    const auto dot = text.find('.');
    std::string all = text;
    if (dot != std::string::npos) all.erase(dot, 1);
    d.point = static_cast<int>(dot == std::string::npos ? text.size() : dot);
    const auto first = all.find_first_not_of('0');
    if (first == std::string::npos) return d;  // zero: no digits, never negative
    d.point -= static_cast<int>(first);
    d.digits = all.substr(first);
    d.digits.erase(d.digits.find_last_not_of('0') + 1);
    d.negative = Chance(30);
    return d;
  }

  static std::string Canonical(const Decimal& d) {
    if (d.digits.empty()) return "0";
    std::string out = d.negative ? "-" : "";
    const int n = static_cast<int>(d.digits.size());
    if (d.point >= n) return out + d.digits + std::string(d.point - n, '0');
    if (d.point > 0) return out + d.digits.substr(0, d.point) + "." + d.digits.substr(d.point);
    return out + "0." + std::string(-d.point, '0') + d.digits;
  }

  // Any JSON spelling of `d`: plain with zeros padded, or a mantissa with
  // the point anywhere (and leading or trailing zeros) and the exponent
  // that makes up the difference, in any of its forms.
  std::string Spelling(const Decimal& d) {
    const bool negative = d.negative || (d.digits.empty() && Chance(30));  // "-0" is zero
    std::string text = negative ? "-" : "";
    const std::string trailing(Chance(30) ? Below(3) : 0, '0');
    if (d.digits.empty()) {
      text += "0";
      if (!trailing.empty()) text += "." + trailing;
      if (Chance(30)) text += "e" + std::to_string(Below(5));
      return text;
    }
    const int n = static_cast<int>(d.digits.size());
    if (Chance(40)) {  // plain
      const std::string canonical = Canonical(Decimal{false, d.digits, d.point});
      const bool has_point = canonical.find('.') != std::string::npos;
      return text + canonical + (has_point ? trailing : (trailing.empty() ? "" : "." + trailing));
    }
    const int leading = Chance(20) ? static_cast<int>(1 + Below(3)) : 0;
    const int int_len = leading > 0 ? 0 : static_cast<int>(Below(n + 1));  // digits before the point
    const std::string digits = std::string(leading, '0') + d.digits + trailing;
    text += int_len == 0 ? "0" : digits.substr(0, int_len);
    if (static_cast<int>(digits.size()) > int_len) text += "." + digits.substr(int_len);
    // value = 0.<d.digits> * 10^point; the mantissa is 0.<d.digits> * 10^(int_len - leading).
    const int exponent = d.point - (int_len - leading);
    if (exponent != 0 || Chance(30)) {
      text += Chance(50) ? "e" : "E";
      if (exponent >= 0 && Chance(50)) text += "+";
      text += std::to_string(exponent);
    }
    return text;
  }

  // ---- wrong kinds ----
  // Never inside a decoy duplicate: the last occurrence overrides it.
  bool InjectWrongKind() {
    return decoys_open_ == 0 && wrong_kind_countdown_ >= 0 && wrong_kind_path_.empty() && wrong_kind_countdown_-- == 0;
  }

  std::string WrongKindText(Shape shape) {
    switch (shape) {
      case Shape::String: return Chance(50) ? "5" : "true";
      case Shape::Number: return Chance(50) ? "\"12\"" : "false";
      case Shape::Bool: return Chance(50) ? "\"false\"" : "1";
      case Shape::Object: return Chance(50) ? "[]" : "\"x\"";
      case Shape::ListOfObjects:
      case Shape::TagMap: return Chance(50) ? "{}" : "\"x\"";
    }
    return "null";
  }

  // ---- unknown members ----
  std::string AnyJson(int depth) {
    switch (Below(depth > 3 ? 5 : 7)) {
      case 0: return "null";
      case 1: return Chance(50) ? "true" : "false";
      // 1.8e308 and 1e-400 are as far as RapidJSON 1.1 reads: it refuses exponents past 308.
      case 2: return Chance(20) ? (Chance(50) ? "1.8e308" : "-1e-400") : Spelling(RandomDecimal());
      case 3:
      case 4: {
        std::string ignored;
        return StringText(ignored);
      }
      case 5: {
        std::string a = "[";
        for (std::uint64_t i = 0, n = Below(4); i < n; ++i) a += (i ? "," : "") + Space() + AnyJson(depth + 1);
        return a + "]";
      }
      default: {
        std::string o = "{";
        for (std::uint64_t i = 0, n = Below(4); i < n; ++i)
          o += std::string(i ? "," : "") + "\"k" + std::to_string(i) + "\":" + Space() + AnyJson(depth + 1);
        return o + "}";
      }
    }
  }

  // ---- fields ----
  // A valid value of `f`'s shape and what the state must then hold.
  std::string ValueText(const FieldMapping& f, const std::string& path, Value& expected) {
    switch (f.shape) {
      case Shape::String: {
        std::string decoded;
        std::string text = StringText(decoded);
        expected = Value::String(std::move(decoded));
        return text;
      }
      case Shape::Number: {
        Decimal d = RandomDecimal();
        auto n = cty::Number::Parse(Canonical(d));
        expected = Value::NumberVal(*n);
        return Spelling(d);
      }
      case Shape::Bool: {
        const bool b = Chance(50);
        expected = Value::Bool(b);
        return b ? "true" : "false";
      }
      case Shape::Object: {
        std::map<std::string, Value> attributes;
        std::string text = ObjectText(f.nested, path, attributes, false);
        expected = Value::Object(MappedObjectType(f.nested), std::move(attributes));
        return text;
      }
      case Shape::ListOfObjects: return ListText(f, path, expected);
      case Shape::TagMap: return TagsText(path, expected);
    }
    return "null";
  }

  std::string ListText(const FieldMapping& f, const std::string& path, Value& expected) {
    const Type element_type = MappedObjectType(f.nested);
    std::vector<Value> elements;
    std::string text = "[";
    for (std::uint64_t i = 0, n = Below(4); i < n; ++i) {
      text += (i ? "," : "") + Space();
      if (Chance(20)) {  // a null element stays, so indices keep the API's meaning
        text += "null";
        elements.push_back(Value::Null(element_type));
        continue;
      }
      std::map<std::string, Value> attributes;
      text += ObjectText(f.nested, path + "[" + std::to_string(i) + "]", attributes, false);
      elements.push_back(Value::Object(element_type, std::move(attributes)));
    }
    expected = Value::List(element_type, std::move(elements));
    return text + "]";
  }

  // [{key, value}]: null elements and null or absent keys are skipped, a null
  // or absent value is a null element, the last duplicate key wins.
  std::string TagsText(const std::string& path, Value& expected) {
    static constexpr const char* kKeys[] = {"team", "env", "成本中心", "owner"};
    std::map<std::string, Value> entries;
    std::string text = "[";
    for (std::uint64_t i = 0, n = Below(5); i < n; ++i) {
      text += (i ? "," : "") + Space();
      if (Chance(10)) {
        text += "null";
        continue;
      }
      const bool has_key = !Chance(15);
      const std::string key = kKeys[Below(std::size(kKeys))];
      std::string decoded;
      const bool has_value = !Chance(20);
      std::string value_text = has_value ? StringText(decoded) : (Chance(50) ? "null" : "");
      text += "{";
      if (has_key) text += "\"key\":\"" + key + "\"";
      else if (Chance(50)) text += "\"key\":null";
      if (!value_text.empty()) text += std::string(text.back() == '{' ? "" : ",") + "\"value\":" + value_text;
      text += "}";
      if (has_key) entries.insert_or_assign(key, has_value ? Value::String(decoded) : Value::Null(Type::String()));
    }
    (void)path;
    expected = Value::Map(Type::String(), std::move(entries));
    return text + "]";
  }

  // One member of an object, with the forms a member can take.
  void AppendField(std::string& text, bool& first, const FieldMapping& f, const std::string& path,
                   std::map<std::string, Value>& attributes) {
    const Type type = MappedObjectType(std::span<const FieldMapping>(&f, 1)).attributes().at(f.attribute);
    auto member = [&](const std::string& value) {
      text += std::string(first ? "" : ",") + Space() + "\"" + f.api_field + "\"" + Space() + ":" + Space() + value;
      first = false;
    };
    const bool decoy = Chance(8);
    if (decoy) {  // an earlier duplicate: the last occurrence counts
      Value ignored;
      ++decoys_open_;
      member(ValueText(f, path, ignored));
      --decoys_open_;
    }
    if (InjectWrongKind()) {
      wrong_kind_path_ = path;
      member(WrongKindText(f.shape));
      attributes.emplace(f.attribute, Value::Null(type));
      return;
    }
    // After a decoy the member cannot be absent: it would be the decoy's.
    const auto form = decoy ? 10 + Below(90) : Below(100);
    if (form < 10) {  // absent
      attributes.emplace(f.attribute, Value::Null(type));
    } else if (form < 20) {  // null
      member("null");
      attributes.emplace(f.attribute, Value::Null(type));
    } else {
      Value expected;
      member(ValueText(f, path, expected));
      attributes.emplace(f.attribute, std::move(expected));
    }
  }

  std::string ObjectText(std::span<const FieldMapping> fields, const std::string& path,
                         std::map<std::string, Value>& attributes, bool top) {
    std::set<std::string> names;
    for (const auto& f : fields) names.insert(f.api_field);
    std::vector<const FieldMapping*> order;
    for (const auto& f : fields) order.push_back(&f);
    std::shuffle(order.begin(), order.end(), rng_);  // member order carries no meaning
    std::string text = "{";
    bool first = true;
    for (const FieldMapping* f : order) {
      if (top && std::string(f->api_field) == "imageId") {
        AppendImageId(text, first, attributes);
        continue;
      }
      AppendField(text, first, *f, path + "." + f->api_field, attributes);
      if (Chance(10)) {  // an unknown member, to be ignored
        const std::string name = kUnknownNames[Below(std::size(kUnknownNames))];
        if (names.count(name) == 0) {
          text += std::string(first ? "" : ",") + "\"" + name + "\":" + AnyJson(0);
          first = false;
        }
      }
    }
    return text + Space() + "}";
  }

  // The requested id, sometimes after a decoy duplicate, now and then absent.
  void AppendImageId(std::string& text, bool& first, std::map<std::string, Value>& attributes) {
    if (Chance(5)) {
      attributes.emplace("id", Value::Null(Type::String()));
      return;
    }
    if (Chance(10)) {
      text += std::string(first ? "" : ",") + "\"imageId\":\"img-decoy0000\"";
      first = false;
    }
    text += std::string(first ? "" : ",") + "\"imageId\":\"" + image_id_ + "\"";
    first = false;
    attributes.emplace("id", Value::String(image_id_));
  }

  std::mt19937_64 rng_;
  std::string image_id_;
  int wrong_kind_countdown_;
  int decoys_open_ = 0;
  std::string wrong_kind_path_;
};

}  // namespace

GeneratedAnswer GenerateAnswer(std::uint64_t seed, const std::string& image_id) {
  return Generator(seed, image_id).Generate();
}

}  // namespace harness
