#include "provider/image_data_source.h"

#include <string>
#include <utility>

#include "cty/codec.h"
#include "log/log.h"
#include "provider/api_diagnostics.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"
#include "provider/image_warnings.h"
#include "provider/read_target.h"
#include "provider/validation.h"

namespace provider {
namespace {

AttributePath PathOf(const char* name) { return {AttributeName{name}}; }

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
  auto target = ResolveReadTarget(config, context, "this image");
  if (!target) return std::move(target.error());
  const ConfiguredState* state = target->state;
  const std::string& region_name = target->region;

  logging::Debug("reading image", {{"image_id", image_id}, {"region", region_name}});
  ImageReadKey key{state->config.settings.endpoint, state->config.settings.access_key,
                   state->secret_fingerprint, region_name, image_id};
  // The state is mapped inside the flight, once per image: mapping builds
  // hundreds of cty values, the largest cost of a read after the API call.
  jdcloud::Client& client = *target->client;
  ImageReadCache::Outcome outcome =
      cache_.Get(key, context.cancel, [&](jdcloud::Cancellation& cancel) -> ImageReadCache::Outcome {
        auto described = client.DescribeImage(region_name, image_id, cancel);
        if (!described) return std::unexpected(std::move(described.error()));
        logging::Debug("image read", {{"image_id", image_id}, {"request_id", described->request_id}});
        auto image_state = MapImage(described->image, image_id, region_name);
        if (!image_state) return std::unexpected(UnmappableAnswer(image_state.error(), described->request_id));
        std::string encoded = cty::EncodeMsgpack(*image_state, ImageStateType());
        return std::make_shared<const ImageRead>(
            ImageRead{std::move(*described), std::move(*image_state), std::move(encoded)});
      });
  if (!outcome) {
    logging::Warn("image read failed", {{"image_id", image_id},
                                        {"region", region_name},
                                        {"request_id", outcome.error().request_id},
                                        {"attempts", std::to_string(outcome.error().attempts)}});
    return Failed(ApiErrorDiagnostic(outcome.error(), image_id, region_name));
  }
  const ImageRead& read = **outcome;

  ReadResult result;
  result.state = read.state;  // values are immutable and shared: no deep copy
  result.state_msgpack = std::shared_ptr<const std::string>(*outcome, &read.state_msgpack);  // keeps `read` alive
  result.diagnostics = ImageWarnings(read.result.image, image_id, region_name, read.result.request_id, context.now);
  return result;
}

}  // namespace provider
