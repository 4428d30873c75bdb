// The `jdcloud_image` data source: validates its arguments and reads one
// image, either by id (describeImage, through the lookup cache) or by a
// `filter` search (describeImages, through the search cache it shares with
// jdcloud_images), always under the current cancellation.
#pragma once

#include <memory>

#include "provider/data_source.h"
#include "provider/image_read_cache.h"
#include "provider/image_search_read.h"

namespace provider {

class ImageDataSource final : public DataSource {
 public:
  explicit ImageDataSource(std::shared_ptr<ImageSearchCache> searches) : searches_(std::move(searches)) {}

  std::string_view TypeName() const override;
  Schema BuildSchema() const override;
  // Format checks on their attribute paths and the one-mode rules (exactly
  // one of image_id and filter; most_recent only with filter); never an API call.
  Diagnostics Validate(const cty::Value& config) const override;
  ReadResult Read(const cty::Value& config, const ReadContext& context) const override;

 private:
  ReadResult Lookup(const cty::Value& config, const ReadContext& context) const;
  ReadResult Search(const cty::Value& config, const ReadContext& context) const;

  mutable ImageReadCache cache_;                // successes for the process's life; thread-safe
  std::shared_ptr<ImageSearchCache> searches_;  // thread-safe
};

}  // namespace provider
