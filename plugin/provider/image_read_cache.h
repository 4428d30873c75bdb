// Single-flight + cache for describeImage: identical reads (same endpoint,
// access key, secret key, region and image) in one process cost ONE API
// call. Concurrent readers wait for the one flight; successes are kept for
// the process's life; a failure goes to every waiter of that flight and is
// not kept, so the next read tries again.
#pragma once

#include <compare>
#include <expected>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "jdcloud/cancellation.h"
#include "jdcloud/client.h"
#include "jdcloud/error.h"

namespace provider {

struct ImageReadKey {
  std::string endpoint;
  std::string access_key;
  std::string secret_fingerprint;  // SecretFingerprint(secret), never the secret itself
  std::string region;
  std::string image_id;
  auto operator<=>(const ImageReadKey&) const = default;
};

class ImageReadCache {
 public:
  using Outcome = std::expected<jdcloud::DescribeImageResult, jdcloud::ApiError>;
  using Fetch = std::function<Outcome(jdcloud::Cancellation&)>;

  // The cached success for `key`, else the result of the running flight for
  // `key` started under the same `cancel`, else runs `fetch(*cancel)` as a
  // new flight. A flight started under an earlier (stopped) cancellation is
  // not joined: reads after StopProvider are served normally.
  Outcome Get(const ImageReadKey& key, const std::shared_ptr<jdcloud::Cancellation>& cancel,
              const Fetch& fetch);

 private:
  struct Flight {
    std::shared_future<Outcome> result;
    std::shared_ptr<jdcloud::Cancellation> cancel;
  };
  Outcome RunFlight(const ImageReadKey& key, const std::shared_ptr<Flight>& flight,
                    std::promise<Outcome> promise, jdcloud::Cancellation& cancel, const Fetch& fetch);

  mutable std::mutex mu_;  // guards the maps only; never held across an API call
  std::map<ImageReadKey, jdcloud::DescribeImageResult> done_;
  std::map<ImageReadKey, std::shared_ptr<Flight>> flights_;
};

}  // namespace provider
