// Decoding the provider configuration into effective settings: config values
// beat environment variables, an empty string counts as unset, then the
// defaults apply. Unknown config values (not known until apply) are tolerated
// and remembered, so that no client is ever built from a placeholder.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "cty/value.h"
#include "jdcloud/proxy.h"
#include "jdcloud/trusted_roots.h"
#include "provider/diagnostics.h"
#include "provider/environment.h"
#include "provider/provider_schema.h"
#include "secret/secret.h"

namespace provider {

struct ProviderSettings {
  std::string access_key;  // empty: set nowhere
  // Never logged, never in a diagnostic. Copies of the config (and the
  // client and signer built from it) share this one region.
  secret::Secret secret_key;  // empty: set nowhere
  // Temporary (STS) credentials' token, as sensitive as the secret key.
  secret::Secret session_token;  // empty: long-term credentials
  std::string region;      // empty: data blocks must set their own
  std::string endpoint{kDefaultEndpoint};  // normalised: scheme://host[:port], lower case
  int max_retries = kDefaultMaxRetries;
  int request_timeout_seconds = kDefaultRequestTimeoutSeconds;
  // ca_file's certificates, read at configure time; null: the system store only.
  std::shared_ptr<const jdcloud::TrustedRoots> extra_roots;
  // From HTTPS_PROXY / HTTP_PROXY / NO_PROXY for this endpoint; nullopt: direct.
  std::optional<jdcloud::Proxy> proxy;
};

struct ProviderConfig {
  ProviderSettings settings;
  // Arguments whose configured value is unknown; their settings are
  // placeholders that must never be used.
  std::set<std::string, std::less<>> unknown;

  bool IsUnknown(std::string_view name) const { return unknown.contains(name); }
  // True when something the API client needs (everything but region) is unknown.
  bool ClientSettingsUnknown() const;
};

struct DecodedProviderConfig {
  ProviderConfig config;
  // Invalid config values (on the attribute's path), invalid environment
  // values (naming the variable), and missing credentials (naming the
  // argument and its variable).
  Diagnostics diagnostics;
};

// Checks only what the configuration itself says (ValidateProviderConfig):
// whole numbers in range, endpoint shape, credentials' characters. Unknown
// and null values pass.
Diagnostics ValidateProviderConfigValues(const cty::Value& config);

// The effective settings for ConfigureProvider.
DecodedProviderConfig DecodeProviderConfig(const cty::Value& config, const EnvLookup& env);

}  // namespace provider
