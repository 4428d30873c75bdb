#include "provider/image_data_source.h"

#include <map>
#include <string>
#include <vector>
#include <utility>

#include "cty/codec.h"
#include "log/log.h"
#include "provider/api_diagnostics.h"
#include "provider/image_filter.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"
#include "provider/image_warnings.h"
#include "provider/read_target.h"
#include "provider/validation.h"

namespace provider {
namespace {

AttributePath PathOf(const char* name) { return {AttributeName{name}}; }

bool IsTrue(const cty::Value& v) { return v.is_known() && !v.is_null() && v.as_bool(); }

// Exactly one of image_id and filter; most_recent = true only with filter.
// An unknown value may become either, so it is never an error here.
Diagnostics ValidateMode(const cty::Value& config) {
  const cty::Value& image_id = config.GetAttr("image_id");
  const cty::Value& filter = config.GetAttr(kFilterBlock);
  Diagnostics diags;
  if (image_id.is_known() && !image_id.is_null() && filter.is_known() && !filter.is_null())
    diags.push_back(ErrorDiag("Conflicting image_id and filter",
                              "Set either image_id (look one image up by its ID) or a filter block (search), "
                              "not both.",
                              PathOf("filter")));
  if (image_id.is_known() && image_id.is_null() && filter.is_known() && filter.is_null())
    diags.push_back(ErrorDiag("Missing image_id or filter",
                              "Set image_id to look an image up by its ID, or a filter block to search for one.",
                              PathOf("image_id")));
  if (IsTrue(config.GetAttr("most_recent")) && filter.is_known() && filter.is_null())
    diags.push_back(ErrorDiag("most_recent without filter",
                              "most_recent = true chooses among the images a filter block finds; set a filter "
                              "block, or remove most_recent.",
                              PathOf("most_recent")));
  return diags;
}

Diagnostic NoMatch(const std::string& described) {
  return ErrorDiag("No image matches the filter",
                   "No image " + described + " was found. Check the filter's values, or list what a wider "
                   "filter finds with data \"jdcloud_images\".");
}

// The count and up to 5 ids, newest first.
Diagnostic SeveralMatch(const std::string& described, const std::vector<const jdcloud::Image*>& images) {
  std::string ids;
  for (std::size_t i = 0; i < images.size() && i < 5; ++i)
    ids += (i ? ", " : "") + QuotedForDiagnostic(*images[i]->GetString("id"));
  if (images.size() > 5) ids += ", …";
  return ErrorDiag("Several images match the filter",
                   std::to_string(images.size()) + " images " + described + " match (newest first: " + ids +
                       "). Set most_recent = true to use the newest, or narrow the filter so that one image "
                       "matches.");
}

// Whether `config` sets most_recent or filter, which MapImage leaves null.
bool SetsSearchArguments(const cty::Value& config) {
  return !config.GetAttr("most_recent").is_null() || !config.GetAttr(kFilterBlock).is_null();
}

// `state` (as MapImage built it) with most_recent and filter as configured.
cty::Value WithSearchArguments(const cty::Value& state, const cty::Value& config) {
  if (!SetsSearchArguments(config)) return state;  // shares the value: no copy
  const cty::Value& most_recent = config.GetAttr("most_recent");
  const cty::Value& filter = config.GetAttr(kFilterBlock);
  std::map<std::string, cty::Value> attributes = state.entries();
  attributes["most_recent"] = most_recent;
  attributes[std::string(kFilterBlock)] = filter;
  return cty::Value::Object(state.type(), std::move(attributes));
}

}  // namespace

std::string_view ImageDataSource::TypeName() const { return kImageDataSourceType; }

Schema ImageDataSource::BuildSchema() const { return BuildImageSchema(); }

Diagnostics ImageDataSource::Validate(const cty::Value& config) const {
  if (config.is_null() || config.is_unknown()) return {};
  Diagnostics diags = ValidateImageIdValue(config.GetAttr("image_id"), PathOf("image_id"));
  for (auto& d : ValidateRegionValue(config.GetAttr("region"), PathOf("region"))) diags.push_back(std::move(d));
  for (auto& d : ValidateFilter(config.GetAttr(kFilterBlock), FilterUse::kImageSearch)) diags.push_back(std::move(d));
  for (auto& d : ValidateMode(config)) diags.push_back(std::move(d));
  return diags;
}

ReadResult ImageDataSource::Read(const cty::Value& config, const ReadContext& context) const {
  if (Diagnostics diags = Validate(config); HasError(diags)) return Failed(std::move(diags));
  return config.GetAttr(kFilterBlock).is_null() ? Lookup(config, context) : Search(config, context);
}

ReadResult ImageDataSource::Search(const cty::Value& config, const ReadContext& context) const {
  const cty::Value& filter = config.GetAttr(kFilterBlock);
  if (!filter.IsWhollyKnown())
    return Failed(ErrorDiag("Filter not known", "The filter block must be known when the image is read.",
                            PathOf("filter")));
  auto target = ResolveReadTarget(config, context, "this image");
  if (!target) return std::move(target.error());
  auto matches = SearchImages(*searches_, *target, filter, context);
  if (!matches) return Failed(std::move(matches.error()));
  // Described only for a diagnostic: a successful read does not build the text.
  if (matches->images.empty()) return Failed(NoMatch(DescribeSearch(target->region, filter)));
  if (matches->images.size() > 1 && !IsTrue(config.GetAttr("most_recent")))
    return Failed(SeveralMatch(DescribeSearch(target->region, filter), matches->images));

  const jdcloud::Image& chosen = *matches->images.front();
  const std::string image_id = *chosen.GetString("id");  // the list parser refuses images without one
  logging::Debug("image chosen", {{"image_id", image_id}, {"matches", std::to_string(matches->images.size())}});
  auto state = MapImage(chosen, image_id, target->region);
  if (!state)
    return Failed(ApiErrorDiagnostic(UnmappableAnswer(state.error(), matches->answer->request_id),
                                     ApiCall{"describeImages", "images " + DescribeSearch(target->region, filter)}));
  ReadResult result;
  result.state = WithSearchArguments(*state, config);
  result.diagnostics = ImageWarnings(chosen, image_id, target->region, matches->answer->request_id, context.now);
  return result;
}

ReadResult ImageDataSource::Lookup(const cty::Value& config, const ReadContext& context) const {
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
  result.state = WithSearchArguments(read.state, config);
  // Values are immutable and shared: the cached state (and its bytes) serve
  // every read whose search arguments are null, the usual lookup.
  if (!SetsSearchArguments(config))
    result.state_msgpack = std::shared_ptr<const std::string>(*outcome, &read.state_msgpack);  // keeps `read` alive
  result.diagnostics = ImageWarnings(read.result.image, image_id, region_name, read.result.request_id, context.now);
  return result;
}

}  // namespace provider
