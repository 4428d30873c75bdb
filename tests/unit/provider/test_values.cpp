#include "test_values.h"

#include <utility>

#include "provider/image_schema.h"
#include "provider/provider_schema.h"

namespace provider_test {

cty::Value ObjectOfType(const cty::Type& type, std::map<std::string, cty::Value> given) {
  std::map<std::string, cty::Value> attributes;
  for (const auto& [name, attribute_type] : type.attributes()) {
    auto it = given.find(name);
    attributes.emplace(name, it == given.end() ? cty::Value::Null(attribute_type) : it->second);
  }
  return cty::Value::Object(std::move(attributes));
}

cty::Value ProviderConfigValue(std::map<std::string, cty::Value> given) {
  static const cty::Type type = provider::BuildProviderSchema().block.ImpliedType();
  return ObjectOfType(type, std::move(given));
}

cty::Value FullProviderConfig(const std::string& access_key, const std::string& secret_key,
                              const std::string& region, const std::string& endpoint) {
  return ProviderConfigValue({{"access_key", cty::Value::String(access_key)},
                              {"secret_key", cty::Value::String(secret_key)},
                              {"region", cty::Value::String(region)},
                              {"endpoint", cty::Value::String(endpoint)}});
}

cty::Value ImageConfig(const std::string& image_id, std::optional<std::string> region) {
  std::map<std::string, cty::Value> given{{"image_id", cty::Value::String(image_id)}};
  if (region) given.emplace("region", cty::Value::String(*region));
  return ObjectOfType(provider::ImageStateType(), std::move(given));
}

provider::EnvLookup Env(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

std::string AllText(const provider::Diagnostics& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += d.summary + "\n" + d.detail + "\n";
  return text;
}

}  // namespace provider_test
