// The `provider "jdcloud"` configuration schema (SPEC "Provider jdcloud
// configuration"): every argument optional, because each has an environment
// fallback; `secret_key` and `session_token` sensitive.
#pragma once

#include <string_view>

#include "provider/schema.h"

namespace provider {

// Argument names and their environment fallbacks, shared by the schema and
// the config decoder so that the two can never disagree.
struct ProviderArgument {
  std::string_view name;
  std::string_view env;
};
inline constexpr ProviderArgument kAccessKeyArg{"access_key", "JDCLOUD_ACCESS_KEY"};
inline constexpr ProviderArgument kSecretKeyArg{"secret_key", "JDCLOUD_SECRET_KEY"};
inline constexpr ProviderArgument kSessionTokenArg{"session_token", "JDCLOUD_SESSION_TOKEN"};
inline constexpr ProviderArgument kRegionArg{"region", "JDCLOUD_REGION"};
inline constexpr ProviderArgument kEndpointArg{"endpoint", "JDCLOUD_ENDPOINT"};
inline constexpr ProviderArgument kMaxRetriesArg{"max_retries", "JDCLOUD_MAX_RETRIES"};
inline constexpr ProviderArgument kCaFileArg{"ca_file", "JDCLOUD_CA_FILE"};
inline constexpr ProviderArgument kRequestTimeoutArg{"request_timeout", "JDCLOUD_REQUEST_TIMEOUT"};

inline constexpr std::string_view kDefaultEndpoint = "https://vm.jdcloud-api.com";
inline constexpr int kDefaultMaxRetries = 3;
inline constexpr int kMinMaxRetries = 0;
inline constexpr int kMaxMaxRetries = 20;
inline constexpr int kDefaultRequestTimeoutSeconds = 30;
inline constexpr int kMinRequestTimeoutSeconds = 1;
inline constexpr int kMaxRequestTimeoutSeconds = 3600;

Schema BuildProviderSchema();

}  // namespace provider
