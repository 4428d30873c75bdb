#include "fake_client.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "jdcloud/response_parser.h"
#include "json/quoting.h"

namespace provider_test {
namespace {

class FakeClient final : public jdcloud::Client {
 public:
  explicit FakeClient(FakeApi& api) : api_(api) {}
  std::expected<jdcloud::DescribeImageResult, jdcloud::ApiError> DescribeImage(
      const std::string& region, const std::string& image_id, jdcloud::Cancellation& cancel) override {
    return api_.Call(region, image_id, cancel);
  }
  std::expected<jdcloud::DescribeImagesResult, jdcloud::ApiError> DescribeImages(
      const std::string& region, const jdcloud::ImageSearch& search, jdcloud::Cancellation& cancel) override {
    return api_.Search(region, search, cancel);
  }

 private:
  FakeApi& api_;
};

}  // namespace

void FakeApi::SetHandler(Handler handler) {
  std::lock_guard lock(mu_);
  handler_ = std::move(handler);
}

Outcome FakeApi::Call(const std::string& region, const std::string& image_id, jdcloud::Cancellation& cancel) {
  Handler handler;
  {
    std::lock_guard lock(mu_);
    handler = handler_;
    log_.push_back(region + "/" + image_id);
  }
  ++calls_;
  if (!handler) return Success(ReadyImage(image_id));
  return handler(region, image_id, cancel);
}

void FakeApi::SetSearchHandler(SearchHandler handler) {
  std::lock_guard lock(mu_);
  search_handler_ = std::move(handler);
}

SearchOutcome FakeApi::Search(const std::string& region, const jdcloud::ImageSearch& search,
                              jdcloud::Cancellation& cancel) {
  SearchHandler handler;
  {
    std::lock_guard lock(mu_);
    handler = search_handler_;
    search_log_.push_back(search);
  }
  ++searches_;
  if (!handler) return jdcloud::DescribeImagesResult{{}, 1, "req-search-1"};
  return handler(region, search, cancel);
}

std::vector<jdcloud::ImageSearch> FakeApi::search_log() const {
  std::lock_guard lock(mu_);
  return search_log_;
}

jdcloud::ClientOptions FakeApi::last_options() const {
  std::lock_guard lock(mu_);
  return options_;
}

jdcloud::Credentials FakeApi::last_credentials() const {
  std::lock_guard lock(mu_);
  return credentials_;
}

std::vector<std::string> FakeApi::calls_log() const {
  std::lock_guard lock(mu_);
  return log_;
}

void FakeApi::FailCreate(std::string message) {
  std::lock_guard lock(mu_);
  create_error_ = std::move(message);
}

provider::ClientFactory FakeApi::Factory() {
  return [this](jdcloud::ClientOptions options, jdcloud::Credentials credentials)
             -> std::expected<std::unique_ptr<jdcloud::Client>, jdcloud::ApiError> {
    std::lock_guard lock(mu_);
    if (!create_error_.empty()) {
      jdcloud::ApiError error{};
      error.kind = jdcloud::ApiError::Kind::Network;
      error.message = create_error_;
      return std::unexpected(std::move(error));
    }
    options_ = std::move(options);
    credentials_ = std::move(credentials);
    ++clients_created_;
    return std::make_unique<FakeClient>(*this);
  };
}

jdcloud::Image ImageFromJson(std::string_view image_json) {
  const std::string body = R"({"requestId":"req-fake","result":{"image":)" + std::string(image_json) + "}}";
  auto parsed = jdcloud::ParseDescribeImageResponse(body, "");
  if (!parsed) {
    std::fprintf(stderr, "ImageFromJson: the parser refused %s: %s\n", body.c_str(), parsed.error().message.c_str());
    std::abort();
  }
  return std::move(parsed->image);
}

std::string JsonString(std::string_view s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

jdcloud::Image ReadyImage(const std::string& image_id) {
  return ImageFromJson(R"({"imageId":)" + JsonString(image_id) + R"(,"name":"test image","status":"ready"})");
}

Outcome Success(jdcloud::Image image, std::string request_id) {
  return jdcloud::DescribeImageResult{std::move(image), std::move(request_id)};
}

Outcome Failure(jdcloud::ApiError::Kind kind, int http_status, std::string api_status,
                std::string message, std::string request_id, int attempts) {
  jdcloud::ApiError error{};
  error.kind = kind;
  error.http_status = http_status;
  error.api_status = std::move(api_status);
  error.message = std::move(message);
  error.request_id = std::move(request_id);
  error.attempts = attempts;
  return std::unexpected(std::move(error));
}

}  // namespace provider_test
