// The `jdcloud_image` data source: validates its arguments and reads one
// image through the configured client, the shared single-flight cache and
// the current cancellation.
#pragma once

#include "provider/data_source.h"
#include "provider/image_read_cache.h"

namespace provider {

class ImageDataSource final : public DataSource {
 public:
  std::string_view TypeName() const override;
  Schema BuildSchema() const override;
  // image_id / region format checks on their attribute paths; never an API call.
  Diagnostics Validate(const cty::Value& config) const override;
  ReadResult Read(const cty::Value& config, const ReadContext& context) const override;

 private:
  mutable ImageReadCache cache_;  // successes for the process's life; thread-safe
};

}  // namespace provider
