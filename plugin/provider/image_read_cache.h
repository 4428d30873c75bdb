// The cache of jdcloud_image lookups: identical reads (same endpoint, access
// key, secret key, region and image) in one process cost ONE API call.
#pragma once

#include <compare>
#include <string>

#include "cty/value.h"
#include "jdcloud/client.h"
#include "provider/single_flight_cache.h"

namespace provider {

struct ImageReadKey {
  std::string endpoint;
  std::string access_key;
  std::string secret_fingerprint;  // SecretFingerprint(secret), never the secret itself
  std::string region;
  std::string image_id;
  auto operator<=>(const ImageReadKey&) const = default;
};

// What one successful read produced: the API's answer (per-read warnings
// depend on it and on the time) and the state mapped from it, built and
// encoded once.
struct ImageRead {
  jdcloud::DescribeImageResult result;
  cty::Value state;
  std::string state_msgpack;  // `state` encoded against ImageStateType()
};

using ImageReadCache = SingleFlightCache<ImageReadKey, ImageRead>;

}  // namespace provider
