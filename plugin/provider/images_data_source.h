// The `jdcloud_images` data source: every image a `filter` finds
// (describeImages, name_regex applied), newest first, as `ids` and `images`.
// No match is two empty lists, not an error.
#pragma once

#include <memory>

#include "provider/data_source.h"
#include "provider/image_search_read.h"

namespace provider {

inline constexpr std::string_view kImagesDataSourceType = "jdcloud_images";

class ImagesDataSource final : public DataSource {
 public:
  // `searches` is shared with jdcloud_image's search mode.
  explicit ImagesDataSource(std::shared_ptr<ImageSearchCache> searches) : searches_(std::move(searches)) {}

  std::string_view TypeName() const override;
  Schema BuildSchema() const override;
  Diagnostics Validate(const cty::Value& config) const override;
  ReadResult Read(const cty::Value& config, const ReadContext& context) const override;

 private:
  std::shared_ptr<ImageSearchCache> searches_;  // thread-safe
};

// The object type of one element of `images`.
const cty::Type& ListedImageType();

}  // namespace provider
