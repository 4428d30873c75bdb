// The cty object types that values of the provider's configuration and of
// each data source decode to and encode from, computed once per service.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "cty/type.h"
#include "provider/provider.h"

namespace protocol {

class ProviderTypes {
 public:
  explicit ProviderTypes(const provider::Provider& provider);

  const cty::Type& ProviderConfig() const { return provider_config_; }
  // nullptr when the provider has no data source of that name.
  const cty::Type* DataSource(std::string_view type_name) const;

 private:
  cty::Type provider_config_;
  std::map<std::string, cty::Type, std::less<>> data_sources_;
};

}  // namespace protocol
