#include "protocol/provider_types.h"

namespace protocol {

ProviderTypes::ProviderTypes(const provider::Provider& provider)
    : provider_config_(provider.ProviderSchema().block.ImpliedType()) {
  for (const auto& [name, schema] : provider.DataSourceSchemas()) {
    data_sources_.emplace(name, schema.block.ImpliedType());
  }
}

const cty::Type* ProviderTypes::DataSource(std::string_view type_name) const {
  auto it = data_sources_.find(type_name);
  return it == data_sources_.end() ? nullptr : &it->second;
}

}  // namespace protocol
