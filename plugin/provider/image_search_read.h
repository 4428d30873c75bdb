// A describeImages search as the data sources run it: through the shared
// single-flight cache (identical searches in one process cost one set of
// calls), then withdrawn (offline) images dropped, name_regex and the order
// of image_order.h applied to the answer.
#pragma once

#include <compare>
#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "cty/value.h"
#include "jdcloud/image_search.h"
#include "provider/data_source.h"
#include "provider/diagnostics.h"
#include "provider/read_target.h"
#include "provider/single_flight_cache.h"

namespace provider {

struct ImageSearchKey {
  std::string endpoint;
  std::string access_key;
  std::string secret_fingerprint;  // SecretFingerprint(secret), never the secret itself
  std::string region;
  jdcloud::ImageSearch search;
  auto operator<=>(const ImageSearchKey&) const = default;
};

using ImageSearchCache = SingleFlightCache<ImageSearchKey, jdcloud::DescribeImagesResult>;

struct ImageMatches {
  std::shared_ptr<const jdcloud::DescribeImagesResult> answer;  // keeps `images` valid
  std::vector<const jdcloud::Image*> images;                    // name_regex applied, newest first
};

// Runs the search a wholly known, valid `filter` asks for; the error is the
// diagnostic naming the region and every filter value.
std::expected<ImageMatches, Diagnostic> SearchImages(ImageSearchCache& cache, const ReadTarget& target,
                                                     const cty::Value& filter, const ReadContext& context);

}  // namespace provider
