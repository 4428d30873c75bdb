#include "config_object.h"

namespace harness {

cty::Value ConfigObject(const cty::Type& object_type, const std::map<std::string, cty::Value>& set) {
  std::map<std::string, cty::Value> attrs;
  for (const auto& [name, type] : object_type.attributes()) {
    auto it = set.find(name);
    attrs.emplace(name, it != set.end() ? it->second : cty::Value::Null(type));
  }
  return cty::Value::Object(std::move(attrs));
}

}  // namespace harness
