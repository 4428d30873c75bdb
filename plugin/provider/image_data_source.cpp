#include "provider/image_data_source.h"

#include <string>
#include <utility>

#include "cty/codec.h"
#include "log/log.h"
#include "provider/api_diagnostics.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"
#include "provider/image_warnings.h"
#include "provider/validation.h"

namespace provider {
namespace {

AttributePath PathOf(const char* name) { return {AttributeName{name}}; }

ReadResult Failed(Diagnostics diagnostics) {
  ReadResult result;
  result.diagnostics = std::move(diagnostics);
  return result;
}

ReadResult Failed(Diagnostic diagnostic) { return Failed(Diagnostics{std::move(diagnostic)}); }

std::string UnknownNames(const ProviderConfig& config) {
  std::string names;
  for (const auto& name : config.unknown) names += (names.empty() ? "" : ", ") + name;
  return names;
}

// The provider configuration is not known yet (plan with a provider block
// that depends on resources): defer when the client allows it, else say why
// the read cannot happen now.
ReadResult ProviderConfigUnknown(const ProviderConfig& config, const ClientCapabilities& caps) {
  if (caps.deferral_allowed) {
    ReadResult result;
    result.deferred_provider_config_unknown = true;
    return result;
  }
  return Failed(ErrorDiag(
      "Provider configuration not known until apply",
      "The provider \"jdcloud\" configuration depends on values not known until apply (" +
          UnknownNames(config) +
          "), so this image cannot be read during plan. Use values known at plan time in the "
          "provider block, or apply the resources it depends on first (e.g. with -target)."));
}

bool IsKnownNonEmptyString(const cty::Value& v) {
  return v.is_known() && !v.is_null() && v.type().kind() == cty::Kind::String && !v.as_string().empty();
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

Diagnostic MissingRegion() {
  return ErrorDiag("Missing JD Cloud region",
                   "No region to read the image from: set `region` in this data block, or `region` in "
                   "the provider \"jdcloud\" block, or the JDCLOUD_REGION environment variable.",
                   PathOf("region"));
}

// An answer the parser accepted but Terraform cannot hold (a number beyond
// its range): a malformed answer, with no state.
jdcloud::ApiError UnmappableAnswer(const std::string& problem, const std::string& request_id) {
  jdcloud::ApiError error{};
  error.kind = jdcloud::ApiError::Kind::MalformedBody;
  error.http_status = 200;
  error.request_id = request_id;
  error.message = problem;
  return error;
}

}  // namespace

std::string_view ImageDataSource::TypeName() const { return kImageDataSourceType; }

Schema ImageDataSource::BuildSchema() const { return BuildImageSchema(); }

Diagnostics ImageDataSource::Validate(const cty::Value& config) const {
  if (config.is_null() || config.is_unknown()) return {};
  Diagnostics diags = ValidateImageIdValue(config.GetAttr("image_id"), PathOf("image_id"));
  for (auto& d : ValidateRegionValue(config.GetAttr("region"), PathOf("region"))) diags.push_back(std::move(d));
  return diags;
}

ReadResult ImageDataSource::Read(const cty::Value& config, const ReadContext& context) const {
  if (Diagnostics diags = Validate(config); HasError(diags)) return Failed(std::move(diags));
  const cty::Value& image_id_value = config.GetAttr("image_id");  // null when config is null
  if (!IsKnownNonEmptyString(image_id_value)) {
    return Failed(ErrorDiag("Missing image_id",
                            "image_id must be a known image ID such as \"img-m5s0f7ss4c\" when the "
                            "image is read.",
                            PathOf("image_id")));
  }
  const std::string& image_id = image_id_value.as_string();
  if (config.GetAttr("region").is_unknown()) {  // Terraform reads only wholly known configs
    return Failed(ErrorDiag("Region not known", "region must be known when the image is read.",
                            PathOf("region")));
  }
  const ConfiguredState* state = context.state.get();
  if (state == nullptr) {
    return Failed(ErrorDiag("Provider not configured",
                            "Terraform read a data source before configuring the provider \"jdcloud\"."));
  }
  if (!state->errors.empty()) return Failed(state->errors);
  if (state->config.ClientSettingsUnknown()) return ProviderConfigUnknown(state->config, context.caps);
  Region region = EffectiveRegion(config, state->config);
  if (region.unknown) return ProviderConfigUnknown(state->config, context.caps);
  if (region.name.empty()) return Failed(MissingRegion());
  if (!state->client) {
    return Failed(ErrorDiag("Provider not configured", "The provider \"jdcloud\" has no usable API client."));
  }

  logging::Debug("reading image", {{"image_id", image_id}, {"region", region.name}});
  ImageReadKey key{state->config.settings.endpoint, state->config.settings.access_key,
                   state->secret_fingerprint, region.name, image_id};
  // The state is mapped inside the flight, once per image: mapping builds
  // hundreds of cty values, the largest cost of a read after the API call.
  jdcloud::Client& client = *state->client;
  ImageReadCache::Outcome outcome =
      cache_.Get(key, context.cancel, [&](jdcloud::Cancellation& cancel) -> ImageReadCache::Outcome {
        auto described = client.DescribeImage(region.name, image_id, cancel);
        if (!described) return std::unexpected(std::move(described.error()));
        logging::Debug("image read", {{"image_id", image_id}, {"request_id", described->request_id}});
        auto image_state = MapImage(described->image, image_id, region.name);
        if (!image_state) return std::unexpected(UnmappableAnswer(image_state.error(), described->request_id));
        std::string encoded = cty::EncodeMsgpack(*image_state, ImageStateType());
        return std::make_shared<const ImageRead>(
            ImageRead{std::move(*described), std::move(*image_state), std::move(encoded)});
      });
  if (!outcome) {
    logging::Warn("image read failed", {{"image_id", image_id},
                                        {"region", region.name},
                                        {"request_id", outcome.error().request_id},
                                        {"attempts", std::to_string(outcome.error().attempts)}});
    return Failed(ApiErrorDiagnostic(outcome.error(), image_id, region.name));
  }
  const ImageRead& read = **outcome;

  ReadResult result;
  result.state = read.state;  // values are immutable and shared: no deep copy
  result.state_msgpack = std::shared_ptr<const std::string>(*outcome, &read.state_msgpack);  // keeps `read` alive
  result.diagnostics = ImageWarnings(read.result.image, image_id, region.name, read.result.request_id, context.now);
  return result;
}

}  // namespace provider
