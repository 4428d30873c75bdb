#include "value_json.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace harness {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void Write(const cty::Value& v, Writer& w) {
  if (v.is_unknown()) {
    w.String("(known after apply)");
    return;
  }
  if (v.is_null()) {
    w.Null();
    return;
  }
  switch (v.type().kind()) {
    case cty::Kind::String:
      w.String(v.as_string().c_str(), static_cast<rapidjson::SizeType>(v.as_string().size()));
      return;
    case cty::Kind::Number: {
      // The exact decimal text; JSON numbers have no size limit.
      const auto& text = v.as_number().ToString();
      w.RawValue(text.c_str(), text.size(), rapidjson::kNumberType);
      return;
    }
    case cty::Kind::Bool:
      w.Bool(v.as_bool());
      return;
    case cty::Kind::List:
    case cty::Kind::Set:
    case cty::Kind::Tuple:
      w.StartArray();
      for (const auto& e : v.elements()) Write(e, w);
      w.EndArray();
      return;
    case cty::Kind::Map:
    case cty::Kind::Object:
      w.StartObject();
      for (const auto& [k, e] : v.entries()) {
        w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
        Write(e, w);
      }
      w.EndObject();
      return;
    case cty::Kind::Dynamic:
      w.Null();
      return;
  }
}

}  // namespace

std::string ValueToPrettyJson(const cty::Value& value) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.SetIndent(' ', 2);
  Write(value, w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace harness
