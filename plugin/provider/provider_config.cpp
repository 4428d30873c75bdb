#include "provider/provider_config.h"

#include <optional>
#include <utility>

#include "cty/number.h"
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

std::string WithoutTrailingSlash(std::string endpoint) {
  if (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

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

void ApplyEndpoint(const std::optional<Found>& found, std::string* setting, Diagnostics* diags) {
  if (!found) return;
  if (IsUsableEndpoint(found->text)) {
    *setting = WithoutTrailingSlash(found->text);
  } else {
    diags->push_back(InvalidValue(kEndpointArg, *found, kEndpointRule));
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

// The secret key straight from the config value (or the environment) into its
// Secret: unlike the other arguments it never passes through a Found copy.
secret::Secret EffectiveSecret(const cty::Value& config, const EnvLookup& env,
                               std::set<std::string, std::less<>>* unknown) {
  const ProviderArgument& arg = kSecretKeyArg;
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
      return secret::Secret(value.as_string());
    }
  }
  if (!env) return {};
  std::optional<std::string> from_env = env(std::string(arg.env));
  if (!from_env) return {};
  secret::Secret found(*from_env);  // empty string = unset
  secret::WipeString(*from_env);
  return found;
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

bool IsUsableEndpoint(std::string_view endpoint) {
  std::string_view rest;
  if (endpoint.starts_with("https://")) {
    rest = endpoint.substr(8);
  } else if (endpoint.starts_with("http://")) {
    rest = endpoint.substr(7);
  } else {
    return false;
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || rest.front() == ':') return false;
  for (char c : rest) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
    if (!ok) return false;  // no path, query, userinfo or whitespace
  }
  return true;
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
  return diags;
}

DecodedProviderConfig DecodeProviderConfig(const cty::Value& config, const EnvLookup& env) {
  DecodedProviderConfig out;
  ProviderSettings& s = out.config.settings;
  auto* unknown = &out.config.unknown;
  Diagnostics& diags = out.diagnostics;

  if (auto found = Effective(config, env, kAccessKeyArg, unknown)) s.access_key = found->text;
  s.secret_key = EffectiveSecret(config, env, unknown);
  ApplyRegion(Effective(config, env, kRegionArg, unknown), &s.region, &diags);
  ApplyEndpoint(Effective(config, env, kEndpointArg, unknown), &s.endpoint, &diags);
  ApplyNumber(Effective(config, env, kMaxRetriesArg, unknown), kMaxRetriesArg, kMinMaxRetries,
              kMaxMaxRetries, &s.max_retries, &diags);
  ApplyNumber(Effective(config, env, kRequestTimeoutArg, unknown), kRequestTimeoutArg,
              kMinRequestTimeoutSeconds, kMaxRequestTimeoutSeconds, &s.request_timeout_seconds,
              &diags);

  if (s.access_key.empty() && !out.config.IsUnknown(kAccessKeyArg.name)) {
    diags.push_back(Missing(kAccessKeyArg, "access key"));
  }
  if (s.secret_key.empty() && !out.config.IsUnknown(kSecretKeyArg.name)) {
    diags.push_back(Missing(kSecretKeyArg, "secret key"));
  }
  return out;
}

}  // namespace provider
