#include "provider/read_target.h"

#include <utility>

#include "provider/provider_config.h"

namespace provider {
namespace {

AttributePath PathOf(const char* name) { return {AttributeName{name}}; }

std::string UnknownNames(const ProviderConfig& config) {
  std::string names;
  for (const auto& name : config.unknown) names += (names.empty() ? "" : ", ") + name;
  return names;
}

// The provider configuration is not known yet (plan with a provider block
// that depends on resources): defer when the client allows it, else say why
// the read cannot happen now.
ReadResult ProviderConfigUnknown(const ProviderConfig& config, const ClientCapabilities& caps, std::string_view what) {
  if (caps.deferral_allowed) {
    ReadResult result;
    result.deferred_provider_config_unknown = true;
    return result;
  }
  return Failed(ErrorDiag(
      "Provider configuration not known until apply",
      "The provider \"jdcloud\" configuration depends on values not known until apply (" + UnknownNames(config) +
          "), so " + std::string(what) +
          " cannot be read during plan. Use values known at plan time in the "
          "provider block, or apply the resources it depends on first (e.g. with -target)."));
}

struct Region {
  std::string name;
  bool unknown = false;
};

// The data block's (known) region, else the provider's.
Region EffectiveRegion(const cty::Value& config, const ProviderConfig& provider_config) {
  const cty::Value& block_region = config.GetAttr("region");
  if (IsKnownNonEmptyString(block_region)) return {block_region.as_string(), false};
  if (provider_config.IsUnknown(kRegionArg.name)) return {"", true};
  return {provider_config.settings.region, false};
}

Diagnostic MissingRegion(std::string_view what) {
  return ErrorDiag("Missing JD Cloud region",
                   "No region to read " + std::string(what) + " from: set `region` in this data block, or `region` in "
                   "the provider \"jdcloud\" block, or the JDCLOUD_REGION environment variable.",
                   PathOf("region"));
}

}  // namespace

ReadResult Failed(Diagnostics diagnostics) {
  ReadResult result;
  result.diagnostics = std::move(diagnostics);
  return result;
}

ReadResult Failed(Diagnostic diagnostic) { return Failed(Diagnostics{std::move(diagnostic)}); }

bool IsKnownNonEmptyString(const cty::Value& v) {
  return v.is_known() && !v.is_null() && v.type().kind() == cty::Kind::String && !v.as_string().empty();
}

jdcloud::ApiError UnmappableAnswer(const std::string& problem, const std::string& request_id) {
  jdcloud::ApiError error{};
  error.kind = jdcloud::ApiError::Kind::MalformedBody;
  error.http_status = 200;
  error.request_id = request_id;
  error.message = problem;
  return error;
}

std::expected<ReadTarget, ReadResult> ResolveReadTarget(const cty::Value& config, const ReadContext& context,
                                                        std::string_view what) {
  if (config.GetAttr("region").is_unknown())  // Terraform reads only wholly known configs
    return std::unexpected(
        Failed(ErrorDiag("Region not known", "region must be known when the data source is read.", PathOf("region"))));
  const ConfiguredState* state = context.state.get();
  if (state == nullptr)
    return std::unexpected(Failed(ErrorDiag("Provider not configured",
                                            "Terraform read a data source before configuring the provider \"jdcloud\".")));
  if (!state->errors.empty()) return std::unexpected(Failed(state->errors));
  if (state->config.ClientSettingsUnknown()) return std::unexpected(ProviderConfigUnknown(state->config, context.caps, what));
  Region region = EffectiveRegion(config, state->config);
  if (region.unknown) return std::unexpected(ProviderConfigUnknown(state->config, context.caps, what));
  if (region.name.empty()) return std::unexpected(Failed(MissingRegion(what)));
  if (!state->client)
    return std::unexpected(
        Failed(ErrorDiag("Provider not configured", "The provider \"jdcloud\" has no usable API client.")));
  return ReadTarget{state, state->client.get(), std::move(region.name)};
}

}  // namespace provider
