// The JD Cloud VM API client: signed requests over cpp-httplib with retries.
// One Client serves many threads at once and keeps connections alive between
// calls. It never logs or returns the secret key, the signature or the
// Authorization header.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "jdcloud/cancellation.h"
#include "jdcloud/error.h"
#include "jdcloud/image.h"
#include "jdcloud/image_search.h"
#include "jdcloud/proxy.h"
#include "jdcloud/trusted_roots.h"
#include "secret/secret.h"

namespace jdcloud {

struct Credentials {
  std::string access_key;
  secret::Secret secret_key;  // shared, not copied; never logged, never in an error message
  // Temporary (STS) credentials: sent as x-jdcloud-security-token and signed.
  // Never logged; empty for long-term credentials.
  secret::Secret session_token;
};

struct ClientOptions {
  std::string endpoint = "https://vm.jdcloud-api.com";  // scheme://host[:port]
  int max_retries = 3;                                   // retries after the first attempt
  std::chrono::milliseconds request_timeout{30000};      // bounds each attempt
  std::string user_agent;                                // e.g. "terraform-provider-jdcloud/0.1.0 terraform/1.11.4"
  std::shared_ptr<const TrustedRoots> extra_roots;       // ca_file: trusted besides the system store
  std::optional<Proxy> proxy;                            // from ProxyFor; nullopt: direct
};

struct DescribeImageResult {
  Image image{ImageSpec()};
  std::string request_id;
};

class Client {
 public:
  // Fails (ApiError with Kind::InvalidArgument and a message) only when the endpoint
  // is not a usable http(s) URL.
  static std::expected<std::unique_ptr<Client>, ApiError> Create(ClientOptions options,
                                                                  Credentials credentials);
  virtual ~Client() = default;

  // GET /v1/regions/{region}/images/{image_id}, signed, with retries.
  virtual std::expected<DescribeImageResult, ApiError> DescribeImage(
      const std::string& region, const std::string& image_id, Cancellation& cancel) = 0;

  // GET /v1/regions/{region}/images?…, every page of every id chunk, signed,
  // each page retried as DescribeImage is. Errors: InvalidArgument before any
  // call; TooManyImages when totalCount exceeds kMaxSearchImages; MalformedBody
  // for a list answer that is not the documented shape, whose totalCount
  // disagrees with its pages, or that repeats an image (with the request id).
  virtual std::expected<DescribeImagesResult, ApiError> DescribeImages(
      const std::string& region, const ImageSearch& search, Cancellation& cancel) = 0;
};

}  // namespace jdcloud
