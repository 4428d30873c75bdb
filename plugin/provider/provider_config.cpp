#include "provider/provider_config.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "cty/number.h"
#include "jdcloud/endpoint.h"
#include "provider/validation.h"

namespace provider {
namespace {

// Where an effective value came from: errors name the attribute or the variable.
enum class Source { Config, Env };

struct Found {
  std::string text;  // for strings; numbers keep their decimal text
  std::optional<cty::Number> number;
  Source source = Source::Config;
};

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// The configured value of an argument: nullopt when null or an empty string;
// records unknowns in `unknown`.
std::optional<Found> ConfigValue(const cty::Value& config, const ProviderArgument& arg,
                                 std::set<std::string, std::less<>>* unknown) {
  if (config.is_null() || config.is_unknown()) {
    if (config.is_unknown() && unknown != nullptr) unknown->insert(std::string(arg.name));
    return std::nullopt;
  }
  const cty::Value& value = config.GetAttr(arg.name);
  if (value.is_unknown()) {
    if (unknown != nullptr) unknown->insert(std::string(arg.name));
    return std::nullopt;
  }
  if (value.is_null()) return std::nullopt;
  if (value.type().kind() == cty::Kind::String) {
    if (value.as_string().empty()) return std::nullopt;  // empty string = unset
    return Found{value.as_string(), std::nullopt, Source::Config};
  }
  if (value.type().kind() == cty::Kind::Number) {
    return Found{value.as_number().ToString(), value.as_number(), Source::Config};
  }
  return std::nullopt;
}

std::optional<Found> EnvValue(const EnvLookup& env, const ProviderArgument& arg) {
  if (!env) return std::nullopt;
  std::optional<std::string> value = env(std::string(arg.env));
  if (!value || value->empty()) return std::nullopt;  // empty string = unset
  return Found{*value, std::nullopt, Source::Env};
}

AttributePath PathOf(const ProviderArgument& arg) { return {AttributeName{std::string(arg.name)}}; }

Diagnostic InvalidValue(const ProviderArgument& arg, const Found& found, const std::string& rule) {
  if (found.source == Source::Config) {
    return ErrorDiag("Invalid " + std::string(arg.name),
                     std::string(arg.name) + " must be " + rule + "; got " +
                         (found.number ? found.text : QuotedForDiagnostic(found.text)) + ".",
                     PathOf(arg));
  }
  return ErrorDiag("Invalid " + std::string(arg.env) + " environment variable",
                   "The " + std::string(arg.env) + " environment variable (used for " +
                       std::string(arg.name) + ") must be " + rule + "; got " + QuotedForDiagnostic(found.text) + ".");
}

// A whole number within [min, max], from config (a cty number) or the
// environment (decimal text).
std::optional<int> WholeInRange(const Found& found, int min, int max) {
  std::optional<cty::Number> number = found.number;
  if (!number) number = cty::Number::Parse(Trimmed(found.text));
  if (!number) return std::nullopt;
  std::optional<int64_t> whole = number->ToInt64();
  if (!whole || *whole < min || *whole > max) return std::nullopt;
  return static_cast<int>(*whole);
}

std::string RangeRule(int min, int max) {
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

const std::string kEndpointRule = "an http:// or https:// base URL such as https://vm.jdcloud-api.com";

// The endpoint as the client will use it: "scheme://host[:port]", lower case,
// no trailing slash, no default port.
std::string Normalized(const jdcloud::Endpoint& endpoint) { return endpoint.scheme + "://" + endpoint.HostHeader(); }

// Applies a number argument: the value when valid, else a diagnostic.
void ApplyNumber(const std::optional<Found>& found, const ProviderArgument& arg, int min, int max,
                 int* setting, Diagnostics* diags) {
  if (!found) return;
  if (std::optional<int> value = WholeInRange(*found, min, max)) {
    *setting = *value;
  } else {
    diags->push_back(InvalidValue(arg, *found, RangeRule(min, max)));
  }
}

// The argument, or its variable, and why it is invalid -- showing the value
// only where `why` does: a credential or an endpoint's user info never.
Diagnostic InvalidBecause(const ProviderArgument& arg, Source source, const std::string& why) {
  if (source == Source::Config)
    return ErrorDiag("Invalid " + std::string(arg.name), std::string(arg.name) + " " + why + ".", PathOf(arg));
  return ErrorDiag("Invalid " + std::string(arg.env) + " environment variable",
                   "The " + std::string(arg.env) + " environment variable (used for " + std::string(arg.name) +
                       ") " + why + ".");
}

void ApplyEndpoint(const std::optional<Found>& found, std::string* setting, Diagnostics* diags) {
  if (!found) return;
  const auto endpoint = jdcloud::ParseEndpoint(found->text);
  if (endpoint) {
    *setting = Normalized(*endpoint);
  } else if (endpoint.error().has_user_info) {
    diags->push_back(InvalidBecause(kEndpointArg, found->source, "is not usable: " + endpoint.error().reason));
  } else {
    diags->push_back(InvalidValue(kEndpointArg, *found, kEndpointRule + " (" + endpoint.error().reason + ")"));
  }
}

// A space, tab, CR, LF or other control character in a credential is a
// copy-and-paste or key-file accident (a trailing newline, CRLF line ends);
// sent on, it would corrupt the request's headers or its signature.
bool IsCleanCredential(std::string_view value) {
  return std::none_of(value.begin(), value.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

constexpr std::string_view kUncleanCredential =
    "contains whitespace or control characters (for example a trailing newline from a key file); the value is "
    "not shown";

// Read here, at configure time, so that a wrong path is an error on the
// argument rather than a TLS failure at the first read.
void ApplyCaFile(const std::optional<Found>& found, std::shared_ptr<const jdcloud::TrustedRoots>* setting,
                 Diagnostics* diags) {
  if (!found) return;
  auto roots = jdcloud::TrustedRoots::FromPemFile(found->text);
  if (roots) {
    *setting = std::move(*roots);
  } else {
    const std::string what = QuotedForDiagnostic(found->text) + " " + roots.error() +
                             "; it must be a PEM file of CA certificates";
    diags->push_back(InvalidBecause(kCaFileArg, found->source, what));
  }
}

// The proxy environment is Go's, so it is read as Go reads it
// (jdcloud/proxy.h); only the endpoint's own scheme and host matter.
void ApplyProxy(const EnvLookup& env, const std::string& endpoint, std::optional<jdcloud::Proxy>* setting,
                Diagnostics* diags) {
  const auto parsed = jdcloud::ParseEndpoint(endpoint);
  if (!parsed) return;  // already reported
  auto proxy = jdcloud::ProxyFor(*parsed, env);
  if (proxy) {
    *setting = std::move(*proxy);
  } else {
    diags->push_back(ErrorDiag("Invalid proxy environment variable", proxy.error() + "."));
  }
}

const std::string kRegionRule = "a JD Cloud region ID such as cn-north-1";

void ApplyRegion(const std::optional<Found>& found, std::string* setting, Diagnostics* diags) {
  if (!found) return;
  if (IsValidRegion(found->text)) {
    *setting = found->text;
  } else {
    diags->push_back(InvalidValue(kRegionArg, *found, kRegionRule));
  }
}

std::optional<Found> Effective(const cty::Value& config, const EnvLookup& env,
                               const ProviderArgument& arg,
                               std::set<std::string, std::less<>>* unknown) {
  std::optional<Found> found = ConfigValue(config, arg, unknown);
  if (found || unknown->contains(arg.name)) return found;
  return EnvValue(env, arg);
}

// A secret (secret_key, session_token) straight from the config value (or
// the environment) into its Secret: unlike the other arguments it never
// passes through a Found copy.
struct FoundSecret {
  secret::Secret value;
  Source source = Source::Config;
};

FoundSecret EffectiveSecret(const cty::Value& config, const EnvLookup& env, const ProviderArgument& arg,
                            std::set<std::string, std::less<>>* unknown) {
  if (config.is_unknown()) {
    unknown->insert(std::string(arg.name));
    return {};
  }
  if (!config.is_null()) {
    const cty::Value& value = config.GetAttr(arg.name);
    if (value.is_unknown()) {
      unknown->insert(std::string(arg.name));
      return {};
    }
    if (!value.is_null() && value.type().kind() == cty::Kind::String && !value.as_string().empty()) {
      return {secret::Secret(value.as_string()), Source::Config};
    }
  }
  if (!env) return {};
  std::optional<std::string> from_env = env(std::string(arg.env));
  if (!from_env) return {};
  secret::Secret found(*from_env);  // empty string = unset
  secret::WipeString(*from_env);
  return {std::move(found), Source::Env};
}

// Sets a secret setting, or reports it unusable without showing it.
void ApplySecret(FoundSecret found, const ProviderArgument& arg, secret::Secret* setting, Diagnostics* diags) {
  if (!IsCleanCredential(found.value.view())) {
    diags->push_back(InvalidBecause(arg, found.source, std::string(kUncleanCredential)));
    return;
  }
  *setting = std::move(found.value);
}

void ApplyAccessKey(const std::optional<Found>& found, std::string* setting, Diagnostics* diags) {
  if (!found) return;
  if (!IsCleanCredential(found->text)) {
    diags->push_back(InvalidBecause(kAccessKeyArg, found->source, std::string(kUncleanCredential)));
    return;
  }
  *setting = found->text;
}

Diagnostic Missing(const ProviderArgument& arg, const std::string& what) {
  return ErrorDiag("Missing JD Cloud " + what,
                   "The provider needs " + what + ": set `" + std::string(arg.name) +
                       "` in the provider \"jdcloud\" block or the " + std::string(arg.env) +
                       " environment variable.",
                   PathOf(arg));
}

}  // namespace

bool ProviderConfig::ClientSettingsUnknown() const {
  for (const auto& name : unknown) {
    if (name != kRegionArg.name) return true;
  }
  return false;
}

Diagnostics ValidateProviderConfigValues(const cty::Value& config) {
  Diagnostics diags;
  ProviderSettings scratch;
  ApplyNumber(ConfigValue(config, kMaxRetriesArg, nullptr), kMaxRetriesArg, kMinMaxRetries,
              kMaxMaxRetries, &scratch.max_retries, &diags);
  ApplyNumber(ConfigValue(config, kRequestTimeoutArg, nullptr), kRequestTimeoutArg,
              kMinRequestTimeoutSeconds, kMaxRequestTimeoutSeconds, &scratch.request_timeout_seconds,
              &diags);
  ApplyEndpoint(ConfigValue(config, kEndpointArg, nullptr), &scratch.endpoint, &diags);
  ApplyRegion(ConfigValue(config, kRegionArg, nullptr), &scratch.region, &diags);
  ApplyAccessKey(ConfigValue(config, kAccessKeyArg, nullptr), &scratch.access_key, &diags);
  std::set<std::string, std::less<>> unknown;  // unknowns pass validation
  ApplySecret(EffectiveSecret(config, {}, kSecretKeyArg, &unknown), kSecretKeyArg, &scratch.secret_key, &diags);
  ApplySecret(EffectiveSecret(config, {}, kSessionTokenArg, &unknown), kSessionTokenArg, &scratch.session_token,
              &diags);
  return diags;
}

DecodedProviderConfig DecodeProviderConfig(const cty::Value& config, const EnvLookup& env) {
  DecodedProviderConfig out;
  ProviderSettings& s = out.config.settings;
  auto* unknown = &out.config.unknown;
  Diagnostics& diags = out.diagnostics;

  const std::optional<Found> access_key = Effective(config, env, kAccessKeyArg, unknown);
  ApplyAccessKey(access_key, &s.access_key, &diags);
  FoundSecret secret_key = EffectiveSecret(config, env, kSecretKeyArg, unknown);
  const bool has_secret_key = !secret_key.value.empty();
  ApplySecret(std::move(secret_key), kSecretKeyArg, &s.secret_key, &diags);
  ApplySecret(EffectiveSecret(config, env, kSessionTokenArg, unknown), kSessionTokenArg, &s.session_token,
              &diags);
  ApplyRegion(Effective(config, env, kRegionArg, unknown), &s.region, &diags);
  ApplyEndpoint(Effective(config, env, kEndpointArg, unknown), &s.endpoint, &diags);
  ApplyCaFile(Effective(config, env, kCaFileArg, unknown), &s.extra_roots, &diags);
  ApplyProxy(env, s.endpoint, &s.proxy, &diags);
  ApplyNumber(Effective(config, env, kMaxRetriesArg, unknown), kMaxRetriesArg, kMinMaxRetries,
              kMaxMaxRetries, &s.max_retries, &diags);
  ApplyNumber(Effective(config, env, kRequestTimeoutArg, unknown), kRequestTimeoutArg,
              kMinRequestTimeoutSeconds, kMaxRequestTimeoutSeconds, &s.request_timeout_seconds,
              &diags);

  if (!access_key && !out.config.IsUnknown(kAccessKeyArg.name)) {
    diags.push_back(Missing(kAccessKeyArg, "access key"));
  }
  if (!has_secret_key && !out.config.IsUnknown(kSecretKeyArg.name)) {
    diags.push_back(Missing(kSecretKeyArg, "secret key"));
  }
  return out;
}

}  // namespace provider
