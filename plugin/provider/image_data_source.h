// The `jdcloud_image` data source: validates its arguments and reads one
// image through the configured client, the shared single-flight cache and
// the current cancellation.
#pragma once

#include <chrono>
#include <memory>

#include "cty/value.h"
#include "jdcloud/cancellation.h"
#include "provider/configured_state.h"
#include "provider/diagnostics.h"
#include "provider/image_read_cache.h"
#include "provider/provider.h"

namespace provider {

// Everything a read needs besides its own config, captured when it starts.
struct ReadContext {
  std::shared_ptr<const ConfiguredState> state;  // null: never configured
  std::shared_ptr<jdcloud::Cancellation> cancel;
  ClientCapabilities caps;
  std::chrono::system_clock::time_point now;
};

class ImageDataSource {
 public:
  explicit ImageDataSource(ImageReadCache& cache) : cache_(cache) {}

  // image_id / region format checks on their attribute paths; never an API call.
  Diagnostics Validate(const cty::Value& config) const;

  ReadResult Read(const cty::Value& config, const ReadContext& context) const;

 private:
  ImageReadCache& cache_;
};

}  // namespace provider
