// Client::Create and the production Client: signs every attempt afresh, sends
// it over the pooled transport, classifies the outcome and retries per
// RetryPolicy with cancellable backoff.
#include "jdcloud/client.h"

#include <csignal>
#include <mutex>

#include "jdcloud/endpoint.h"
#include "jdcloud/http_transport.h"
#include "jdcloud/image_query.h"
#include "jdcloud/response_parser.h"
#include "jdcloud/retry_policy.h"
#include "jdcloud/search_pages.h"
#include "jdcloud/signer.h"
#include "log/log.h"

namespace jdcloud {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kService = "vm";
constexpr std::string_view kContentType = "application/json";

// Writing to a socket the peer has reset raises SIGPIPE, which would kill the
// provider; httplib's client does not guard against it. Only a default
// disposition is replaced: a host program's own handler is left alone.
void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current{};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      struct sigaction ignore{};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      sigaction(SIGPIPE, &ignore, nullptr);
    }
  });
}

// Region and image ids are single path segments of unreserved characters
// (the provider validates their exact format); anything else could change
// the request's path and is refused before any call.
bool IsPathSegment(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '~';
    if (!ok) return false;
  }
  return s != "." && s != "..";
}

ApiError::Kind KindFor(TransportFailure::Cause cause) {
  switch (cause) {
    case TransportFailure::Cause::Timeout: return ApiError::Kind::Timeout;
    case TransportFailure::Cause::TooLarge: return ApiError::Kind::ResponseTooLarge;
    case TransportFailure::Cause::Cancelled: return ApiError::Kind::Cancelled;
    case TransportFailure::Cause::Tls: return ApiError::Kind::Tls;
    case TransportFailure::Cause::StaleConnection:
    case TransportFailure::Cause::Network: return ApiError::Kind::Network;
  }
  return ApiError::Kind::Network;
}

// The outcome of one attempt that did not produce an answer.
struct AttemptFailure {
  ApiError error;
  std::optional<std::chrono::seconds> retry_after;
};

// Redirects are not followed: the signature covers the host, and an API
// endpoint that redirects is a misconfigured one. The user needs the target.
ApiError RedirectError(const HttpResponse& response) {
  ApiError e{};
  e.kind = ApiError::Kind::OtherHttpStatus;
  e.http_status = response.status;
  e.request_id = response.request_id;
  e.message = (response.location.empty() ? std::string("the endpoint answered with a redirect without a Location")
                                         : "the endpoint redirects to " + response.location) +
              "; redirects are not followed: set endpoint to the URL the API is served at";
  return e;
}

class HttpClient final : public Client {
 public:
  HttpClient(Endpoint endpoint, ClientOptions options, Credentials credentials)
      : options_(std::move(options)),
        signer_(std::move(credentials.access_key), std::move(credentials.secret_key)),
        session_token_(std::move(credentials.session_token)),
        policy_(options_.max_retries),
        transport_(std::move(endpoint), ConnectionOptions{options_.request_timeout, options_.extra_roots, options_.proxy}) {
    if (options_.user_agent.empty()) options_.user_agent = std::string("terraform-provider-jdcloud/") + PROVIDER_VERSION;
  }

  std::expected<DescribeImageResult, ApiError> DescribeImage(const std::string& region, const std::string& image_id,
                                                             Cancellation& cancel) override {
    if (!IsPathSegment(region) || !IsPathSegment(image_id))
      return std::unexpected(InvalidArgument("region and image id must be non-empty and contain only A-Z a-z 0-9 - _ . ~"));
    const Request request{"/v1/regions/" + region + "/images/" + image_id, {}, region};
    return WithRetries<DescribeImageResult>(
        request, cancel, [&](int attempt) -> std::expected<DescribeImageResult, AttemptFailure> {
          auto response = Exchange(request, attempt, cancel);
          if (!response) return std::unexpected(std::move(response.error()));
          auto parsed = ParseDescribeImageResponse(response->body, response->request_id);
          if (!parsed) return Lift(std::move(parsed));
          return Lift(RequireRequestedImage(std::move(*parsed), image_id));
        });
  }

  std::expected<DescribeImagesResult, ApiError> DescribeImages(const std::string& region, const ImageSearch& search,
                                                               Cancellation& cancel) override {
    if (!IsPathSegment(region))
      return std::unexpected(InvalidArgument("region must be non-empty and contain only A-Z a-z 0-9 - _ . ~"));
    if (!search.image_source && search.ids.empty())
      return std::unexpected(InvalidArgument("describeImages needs imageSource unless ids are given"));
    SearchPages pages;
    for (const ImageSearch& run : SplitIdChunks(search)) {
      pages.BeginRun();
      while (!pages.run_done()) {
        const Request request{"/v1/regions/" + region + "/images", SearchQuery(run, pages.next_page()), region};
        auto page = WithRetries<ImagesPage>(
            request, cancel, [&](int attempt) -> std::expected<ImagesPage, AttemptFailure> {
              auto response = Exchange(request, attempt, cancel);
              if (!response) return std::unexpected(std::move(response.error()));
              return Lift(ParseDescribeImagesResponse(response->body, response->request_id));
            });
        if (!page) return std::unexpected(std::move(page.error()));
        if (auto error = pages.Add(std::move(*page))) return std::unexpected(std::move(*error));
      }
    }
    return std::move(pages).Finish();
  }

 private:
  // One GET: its decoded path and query, and the region it is signed for.
  struct Request {
    std::string path;
    QueryParams query;
    std::string region;

    // The encoded request target; the query is the canonical one the signature covers.
    std::string Target() const {
      const std::string query_string = CanonicalQueryString(query);
      return EncodePath(path) + (query_string.empty() ? "" : "?" + query_string);
    }
    // What logs name: the decoded path and the query (neither holds a secret).
    std::string Display() const {
      const std::string query_string = CanonicalQueryString(query);
      return path + (query_string.empty() ? "" : "?" + query_string);
    }
  };

  static ApiError InvalidArgument(std::string message) {
    ApiError e{};
    e.kind = ApiError::Kind::InvalidArgument;
    e.message = std::move(message);
    e.attempts = 0;
    return e;
  }

  template <class T>
  static std::expected<T, AttemptFailure> Lift(std::expected<T, ApiError> parsed) {
    if (parsed) return std::move(*parsed);
    return std::unexpected(AttemptFailure{std::move(parsed.error()), std::nullopt});
  }

  // Runs `attempt_once(attempt)` until it succeeds, fails for good, or the
  // retry policy or cancellation stops it; the error carries the attempts made.
  template <class T, class AttemptOnce>
  std::expected<T, ApiError> WithRetries(const Request& request, Cancellation& cancel, AttemptOnce attempt_once) {
    for (int attempt = 1;; ++attempt) {
      std::expected<T, AttemptFailure> outcome = attempt_once(attempt);
      if (outcome) return std::move(*outcome);
      AttemptFailure& failure = outcome.error();
      failure.error.attempts = attempt;
      if (!policy_.ShouldRetry(failure.error, attempt)) return std::unexpected(failure.error);

      const auto wait = policy_.Backoff(attempt - 1, failure.retry_after);
      logging::Warn("jdcloud request failed, retrying",
                    {{"path", request.Display()},
                     {"attempt", std::to_string(attempt)},
                     {"cause", failure.error.message},
                     {"status", std::to_string(failure.error.http_status)},
                     {"request_id", failure.error.request_id},
                     {"backoff_ms", std::to_string(wait.count())}});
      if (!cancel.SleepFor(wait)) return std::unexpected(CancelledWhileWaiting(failure.error, attempt));
    }
  }

  static ApiError CancelledWhileWaiting(const ApiError& last, int attempt) {
    ApiError e{};
    e.kind = ApiError::Kind::Cancelled;
    e.message = "cancelled while waiting to retry (last cause: " + last.message + ")";
    e.http_status = last.http_status;
    e.request_id = last.request_id;
    e.attempts = attempt;
    return e;
  }

  std::vector<std::pair<std::string, std::string>> SignedHeaders(const Request& r) const {
    const std::string date = Signer::FormatDate(std::chrono::system_clock::now());
    SignableRequest request;
    request.method = "GET";
    request.path = r.path;
    request.query = r.query;
    request.region = r.region;
    request.service = std::string(kService);
    request.headers = {{"content-type", std::string(kContentType)},
                       {"host", transport_.endpoint().HostHeader()},
                       {std::string(kDateHeader), date},
                       {std::string(kNonceHeader), Signer::NewNonce()}};
    // Signed when present (reference §2): the gateway rejects an unsigned token.
    if (!session_token_.empty())
      request.headers.emplace_back(std::string(kSecurityTokenHeader), std::string(session_token_.view()));
    auto headers = request.headers;
    headers.emplace_back("Authorization", signer_.Sign(request, date).authorization);
    headers.emplace_back("User-Agent", options_.user_agent);
    headers.emplace_back("Accept", "application/json");
    return headers;
  }

  // One attempt: a 2xx response, or why there is none (with any Retry-After).
  std::expected<HttpResponse, AttemptFailure> Exchange(const Request& request, int attempt, Cancellation& cancel) {
    const auto started = Clock::now();
    const std::string target = request.Target();
    // Re-signed every attempt: a fresh date and nonce (reference §1.8 #8).
    auto response = transport_.Get(target, SignedHeaders(request), cancel);
    if (!response && response.error().cause == TransportFailure::Cause::StaleConnection) {
      // describeImage(s) are idempotent GETs: send it again at once, on a new
      // connection, within this attempt -- signed afresh, since the server
      // may have seen (and burnt) the nonce before closing.
      logging::Debug("jdcloud keep-alive connection was closed by the server; sending again on a new one",
                     {{"path", request.Display()}});
      response = transport_.Get(target, SignedHeaders(request), cancel, HttpTransport::Connection::New);
    }
    const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    LogAttempt(request.Display(), attempt, latency, response ? response->status : 0,
               response ? response->request_id : std::string(),
               response ? std::string_view() : std::string_view(response.error().message));

    if (!response) {
      const TransportFailure& f = response.error();
      ApiError e{};
      e.kind = KindFor(f.cause);
      e.http_status = f.http_status;
      e.message = f.message;
      e.request_id = f.request_id;
      return std::unexpected(AttemptFailure{e, std::nullopt});
    }
    if (response->status >= 200 && response->status < 300) return std::move(*response);
    if (response->status >= 300 && response->status < 400)
      return std::unexpected(AttemptFailure{RedirectError(*response), std::nullopt});
    return std::unexpected(AttemptFailure{ParseErrorResponse(response->status, response->body, response->request_id),
                                          ParseRetryAfter(response->retry_after)});
  }

  void LogAttempt(const std::string& path, int attempt, std::chrono::milliseconds latency, int status,
                  const std::string& request_id, std::string_view failure) const {
    if (!logging::Enabled(logging::Level::Debug)) return;
    logging::Debug("jdcloud request", {{"method", "GET"},
                                       {"path", path},
                                       {"status", std::to_string(status)},
                                       {"request_id", request_id},
                                       {"attempt", std::to_string(attempt)},
                                       {"latency_ms", std::to_string(latency.count())},
                                       {"error", failure}});
  }

  ClientOptions options_;
  const Signer signer_;
  const secret::Secret session_token_;
  const RetryPolicy policy_;
  HttpTransport transport_;
};

}  // namespace

std::expected<std::unique_ptr<Client>, ApiError> Client::Create(ClientOptions options, Credentials credentials) {
  auto endpoint = ParseEndpoint(options.endpoint);
  if (!endpoint) {
    ApiError e{};
    e.kind = ApiError::Kind::InvalidArgument;
    e.message = "the endpoint is not a usable URL: " + endpoint.error().reason;
    e.attempts = 0;
    return std::unexpected(e);
  }
  if (options.request_timeout <= std::chrono::milliseconds::zero()) options.request_timeout = std::chrono::seconds(30);
  IgnoreSigpipeOnce();
  return std::make_unique<HttpClient>(std::move(*endpoint), std::move(options), std::move(credentials));
}

}  // namespace jdcloud
