#include "provider/images_data_source.h"

#include <string>
#include <utility>
#include <vector>

#include "provider/api_diagnostics.h"
#include "provider/image_filter.h"
#include "provider/image_mapping.h"
#include "provider/image_schema.h"
#include "provider/read_target.h"
#include "provider/schema_builder.h"
#include "provider/validation.h"

namespace provider {
namespace {

std::vector<Attribute> ListedImageAttributes() {
  std::vector<Attribute> attributes = {ComputedAttribute("image_id", cty::Type::String(), "ID of the image.")};
  for (auto& attribute : ImageComputedAttributes()) attributes.push_back(std::move(attribute));
  return attributes;
}

// The state: the configuration as given, with ids and images filled in.
std::expected<cty::Value, jdcloud::ApiError> StateOf(const cty::Value& config, const std::string& region,
                                                    const ImageMatches& matches) {
  std::vector<cty::Value> ids;
  std::vector<cty::Value> images;
  for (const jdcloud::Image* image : matches.images) {
    auto element = MapListedImage(*image, ListedImageType());
    if (!element) return std::unexpected(UnmappableAnswer(element.error(), matches.answer->request_id));
    ids.push_back(element->GetAttr("image_id"));
    images.push_back(std::move(*element));
  }
  return cty::Value::Object({{"region", cty::Value::String(region)},
                             {std::string(kFilterBlock), config.GetAttr(kFilterBlock)},
                             {"ids", cty::Value::List(cty::Type::String(), std::move(ids))},
                             {"images", cty::Value::List(ListedImageType(), std::move(images))}});
}

}  // namespace

const cty::Type& ListedImageType() {
  static const cty::Type type = NestedObjectType(ListedImageAttributes());
  return type;
}

std::string_view ImagesDataSource::TypeName() const { return kImagesDataSourceType; }

Schema ImagesDataSource::BuildSchema() const {
  Schema schema;
  schema.block.description =
      "Lists the JD Cloud VM images a search finds (`describeImages`), newest first. No match is two empty lists.";
  auto& a = schema.block.attributes;
  a.push_back(OptionalComputedAttribute("region", cty::Type::String(),
                                        "Region to search, e.g. `cn-north-1`. Defaults to the provider's region."));
  a.push_back(ComputedAttribute("ids", cty::Type::List(cty::Type::String()),
                                "IDs of the images found, newest first (by `create_time`; ties by ID)."));
  a.push_back(ComputedNestedAttribute("images", NestedAttributes::Nesting::List, ListedImageAttributes(),
                                      "The images found, in the order of `ids`, each with the attributes of "
                                      "`jdcloud_image` (without `region`)."));
  schema.block.block_types.push_back(BuildFilterBlock(FilterUse::kImageList));
  return schema;
}

Diagnostics ImagesDataSource::Validate(const cty::Value& config) const {
  if (config.is_null() || config.is_unknown()) return {};
  Diagnostics diags = ValidateRegionValue(config.GetAttr("region"), {AttributeName{"region"}});
  for (auto& d : ValidateFilter(config.GetAttr(kFilterBlock), FilterUse::kImageList)) diags.push_back(std::move(d));
  return diags;
}

ReadResult ImagesDataSource::Read(const cty::Value& config, const ReadContext& context) const {
  if (Diagnostics diags = Validate(config); HasError(diags)) return Failed(std::move(diags));
  const cty::Value& filter = config.GetAttr(kFilterBlock);
  if (filter.is_null() || !filter.IsWhollyKnown())
    return Failed(ErrorDiag("Filter not known", "The filter block must be set and known when the images are read.",
                            {AttributeName{std::string(kFilterBlock)}}));
  auto target = ResolveReadTarget(config, context, "these images");
  if (!target) return std::move(target.error());
  auto matches = SearchImages(*searches_, *target, filter, context);
  if (!matches) return Failed(std::move(matches.error()));
  auto state = StateOf(config, target->region, *matches);
  if (!state)
    return Failed(ApiErrorDiagnostic(state.error(), ApiCall{"describeImages",
                                                            "images " + DescribeSearch(target->region, filter)}));
  ReadResult result;
  result.state = std::move(*state);
  return result;
}

}  // namespace provider
