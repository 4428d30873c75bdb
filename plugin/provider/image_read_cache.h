// Single-flight + cache for image reads: identical reads (same endpoint,
// access key, secret key, region and image) in one process cost ONE API
// call. Concurrent readers wait for the one flight; the latest successes are
// kept (a bounded number, so memory stays flat however many images a process
// reads), shared rather than copied; a failure goes to every waiter of that
// flight and is not kept, so the next read tries again.
#pragma once

#include <compare>
#include <deque>
#include <expected>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cty/value.h"
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

// What one successful read produced: the API's answer (per-read warnings
// depend on it and on the time) and the state mapped from it, built and
// encoded once.
struct ImageRead {
  jdcloud::DescribeImageResult result;
  cty::Value state;
  std::string state_msgpack;  // `state` encoded against ImageStateType()
};

class ImageReadCache {
 public:
  using Outcome = std::expected<std::shared_ptr<const ImageRead>, jdcloud::ApiError>;
  using Fetch = std::function<Outcome(jdcloud::Cancellation&)>;

  // Terraform reads each data block once per process, so the cache serves
  // repeated blocks and concurrent duplicates; 128 images (a few MiB) covers
  // any configuration's working set while bounding a long-lived process.
  static constexpr size_t kDefaultCapacity = 128;
  explicit ImageReadCache(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

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

  void Keep(const ImageReadKey& key, std::shared_ptr<const ImageRead> read);  // with mu_ held

  const size_t capacity_;
  mutable std::mutex mu_;  // guards the containers only; never held across an API call
  std::map<ImageReadKey, std::shared_ptr<const ImageRead>> done_;
  std::deque<ImageReadKey> kept_order_;  // done_'s keys, oldest first: evicted first
  std::map<ImageReadKey, std::shared_ptr<Flight>> flights_;
};

}  // namespace provider
