// What one ConfigureProvider call produced: the effective settings, the
// errors to repeat at read time, and the API client. Immutable once built
// and shared (shared_ptr) with the reads that started under it, so a later
// ConfigureProvider (reattach mode) can replace it without disturbing them.
#pragma once

#include <memory>
#include <string>

#include "cty/value.h"
#include "jdcloud/client.h"
#include "provider/client_factory.h"
#include "provider/diagnostics.h"
#include "provider/environment.h"
#include "provider/provider_config.h"

namespace provider {

struct ConfiguredState {
  ProviderConfig config;
  // Configuration errors: reported by ConfigureProvider and again by every
  // read, since a client may read even after a failed configure.
  Diagnostics errors;
  // Null when there are errors or when a client setting is unknown: a client
  // is never built from a placeholder.
  std::shared_ptr<jdcloud::Client> client;
  std::string secret_fingerprint;
};

struct ConfigureOutcome {
  std::shared_ptr<const ConfiguredState> state;
  Diagnostics diagnostics;
};

ConfigureOutcome Configure(const cty::Value& config, const std::string& terraform_version,
                           const EnvLookup& env, const ClientFactory& client_factory);

}  // namespace provider
