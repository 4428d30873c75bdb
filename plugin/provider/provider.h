// The provider core: everything Terraform asks of a provider, in protocol-
// neutral terms. The v5 and v6 adapters decode requests into cty values,
// call this, and encode the answers. Safe to call from many threads at once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cty/value.h"
#include "provider/diagnostics.h"
#include "provider/schema.h"

namespace provider {

struct ClientCapabilities {
  bool deferral_allowed = false;
};

struct ReadResult {
  std::optional<cty::Value> state;  // set on success (possibly with warnings)
  // The same state already encoded as msgpack against the data source's
  // type, when the data source keeps it (a cached image is encoded once);
  // the protocol sends these bytes instead of encoding `state` again.
  std::shared_ptr<const std::string> state_msgpack;
  Diagnostics diagnostics;
  // Set instead of state when the provider configuration had unknown values
  // and the client allows deferral (Deferred.reason PROVIDER_CONFIG_UNKNOWN).
  bool deferred_provider_config_unknown = false;
};

class Provider {
 public:
  // Builds the schemas once.
  static std::unique_ptr<Provider> Create();
  virtual ~Provider() = default;

  virtual const Schema& ProviderSchema() const = 0;
  virtual const std::map<std::string, Schema>& DataSourceSchemas() const = 0;

  virtual Diagnostics ValidateProviderConfig(const cty::Value& config) = 0;
  // `config` may contain unknowns; they are never errors.
  virtual Diagnostics ConfigureProvider(const cty::Value& config,
                                        const std::string& terraform_version) = 0;
  virtual Diagnostics ValidateDataSourceConfig(const std::string& type_name,
                                               const cty::Value& config) = 0;
  virtual ReadResult ReadDataSource(const std::string& type_name, const cty::Value& config,
                                    const ClientCapabilities& caps) = 0;
  // Cancels in-flight API calls and backoff sleeps; returns at once. Later
  // calls are served normally.
  virtual void Stop() = 0;
};

}  // namespace provider
