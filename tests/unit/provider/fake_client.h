// A fake JD Cloud API for the provider's unit tests: a programmable
// DescribeImage behind the real jdcloud::Client interface, counting calls and
// recording what the provider built the client with.
#pragma once

#include <atomic>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "jdcloud/client.h"
#include "provider/client_factory.h"

namespace provider_test {

using Outcome = std::expected<jdcloud::DescribeImageResult, jdcloud::ApiError>;
using Handler =
    std::function<Outcome(const std::string& region, const std::string& image_id, jdcloud::Cancellation&)>;
using SearchOutcome = std::expected<jdcloud::DescribeImagesResult, jdcloud::ApiError>;
using SearchHandler = std::function<SearchOutcome(const std::string& region, const jdcloud::ImageSearch& search,
                                                  jdcloud::Cancellation&)>;

class FakeApi {
 public:
  // Answers every call with `handler` (default: an image echoing the id).
  void SetHandler(Handler handler);
  Outcome Call(const std::string& region, const std::string& image_id, jdcloud::Cancellation& cancel);
  // Answers every DescribeImages with `handler` (default: no images).
  void SetSearchHandler(SearchHandler handler);
  SearchOutcome Search(const std::string& region, const jdcloud::ImageSearch& search, jdcloud::Cancellation& cancel);
  int searches() const { return searches_.load(); }
  // The searches received, in order.
  std::vector<jdcloud::ImageSearch> search_log() const;

  int calls() const { return calls_.load(); }
  int clients_created() const { return clients_created_.load(); }
  jdcloud::ClientOptions last_options() const;
  jdcloud::Credentials last_credentials() const;
  // Regions and ids of every call, in order.
  std::vector<std::string> calls_log() const;

  // A factory whose clients forward to this FakeApi. The FakeApi must outlive them.
  provider::ClientFactory Factory();
  // Makes the factory fail as Client::Create does for an unusable endpoint.
  void FailCreate(std::string message);

 private:
  mutable std::mutex mu_;
  Handler handler_;
  SearchHandler search_handler_;
  std::vector<jdcloud::ImageSearch> search_log_;
  std::atomic<int> searches_{0};
  std::string create_error_;
  jdcloud::ClientOptions options_;
  jdcloud::Credentials credentials_;
  std::vector<std::string> log_;
  std::atomic<int> calls_{0};
  std::atomic<int> clients_created_{0};
};

// The Image the real parser reads from a describeImage answer whose
// result.image is `image_json` (a JSON object). Aborts, printing the parser's
// error, when the parser refuses it: the tests' own JSON must be valid.
jdcloud::Image ImageFromJson(std::string_view image_json);
// `s` as a JSON string literal, quoted and escaped.
std::string JsonString(std::string_view s);
// A minimal ready image with this id: {"imageId": id, "name": "test image", "status": "ready"}.
jdcloud::Image ReadyImage(const std::string& image_id);
Outcome Success(jdcloud::Image image, std::string request_id = "req-ok-1");
Outcome Failure(jdcloud::ApiError::Kind kind, int http_status, std::string api_status,
                std::string message, std::string request_id, int attempts = 1);

}  // namespace provider_test
