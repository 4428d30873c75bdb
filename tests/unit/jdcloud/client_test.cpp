// Request-level behaviour of the production Client against a tiny in-process
// httplib server on loopback: signing on the wire, retries and attempt counts,
// timeouts, cancellation, the size cap, keep-alive reuse and thread safety.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "jdcloud/client.h"
#include "jdcloud/signer.h"
#include "log/log.h"
#include "test_server.h"

using jdcloud::ApiError;
using Kind = ApiError::Kind;
using namespace std::chrono;

namespace {

const char* const kAccessKey = "AKTESTUNIT0000000000";
const char* const kSecretKey = "SKTESTUNITSECRET000000000000000000";
const char* const kImagePath = "/v1/regions/cn-north-1/images/img-abcdefgh12";

std::string ImageBody(const std::string& request_id = "req-ok", const std::string& image_id = "img-abcdefgh12") {
  return R"({"requestId":")" + request_id + R"(","result":{"image":{"imageId":")" + image_id +
         R"(","name":"n","sizeMB":1,"status":"ready"}}})";
}

std::string ErrorBody(int code, const std::string& status, const std::string& message) {
  return R"({"requestId":"req-err","error":{"code":)" + std::to_string(code) + R"(,"status":")" + status +
         R"(","message":")" + message + R"("}})";
}

// What the API double does: rebuild the request from what arrived and check
// the Authorization header with the same Signer.
bool SignatureValid(const httplib::Request& req) {
  static const std::regex auth_re(
      R"(^JDCLOUD2-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/jdcloud2_request, SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$)");
  std::smatch m;
  const std::string auth = req.get_header_value("Authorization");
  if (!std::regex_match(auth, m, auth_re) || m[1] != kAccessKey) return false;
  jdcloud::SignableRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace_back(k, v);
  std::stringstream names(m[5].str());
  for (std::string name; std::getline(names, name, ';');) r.headers.emplace_back(name, req.get_header_value(name));
  r.region = m[3];
  r.service = m[4];
  const auto date = req.get_header_value("x-jdcloud-date");
  if (date.substr(0, 8) != m[2].str()) return false;
  return jdcloud::Signer(kAccessKey, kSecretKey).Sign(r, date).authorization == auth;
}

std::unique_ptr<jdcloud::Client> MakeClient(const std::string& endpoint, int max_retries = 3,
                                            milliseconds timeout = milliseconds(5000)) {
  jdcloud::ClientOptions options;
  options.endpoint = endpoint;
  options.max_retries = max_retries;
  options.request_timeout = timeout;
  options.user_agent = "terraform-provider-jdcloud/0.1.0 terraform/1.11.4";
  auto client = jdcloud::Client::Create(options, {kAccessKey, kSecretKey});
  REQUIRE(client.has_value());
  return std::move(*client);
}

std::expected<jdcloud::DescribeImageResult, ApiError> Describe(jdcloud::Client& client) {
  jdcloud::Cancellation cancel;
  return client.DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
}

ApiError DescribeError(jdcloud::Client& client) {
  auto r = Describe(client);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

// Runs `fn` with stderr redirected to a temporary file; returns what it wrote.
template <class F>
std::string CaptureStderr(F fn) {
  char path[] = "/tmp/jdcloud-log-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::fflush(stderr);
  const int saved = dup(2);
  dup2(fd, 2);
  fn();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::remove(path);
  return ss.str();
}

}  // namespace

TEST_CASE("a signed GET the server can verify, with the documented headers", "[client]") {
  TestServer server;
  std::mutex mu;  // the handler runs on a server thread
  httplib::Headers seen;
  std::string target;
  bool valid = false;
  server.http().Get(R"(/v1/regions/([^/]+)/images/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mu);
    seen = req.headers;
    target = req.target;
    valid = SignatureValid(req);
    res.set_header("x-jdcloud-request-id", "hdr-id");
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint());
  auto r = Describe(*client);
  REQUIRE(r.has_value());
  std::lock_guard lock(mu);
  REQUIRE(r->image.GetString("id"));
  CHECK(*r->image.GetString("id") == "img-abcdefgh12");
  CHECK(r->image.Get("size_mb") == jdcloud::FieldValue(jdcloud::NumberText{"1"}));
  CHECK(r->request_id == "req-ok");
  CHECK(valid);
  CHECK(target == kImagePath);
  const auto header = [&](const char* name) {
    const auto it = seen.find(name);
    return it == seen.end() ? std::string("<absent>") : it->second;
  };
  CHECK(header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(seen.count("Host") == 1);  // ours only: httplib must not add its own
  CHECK(seen.count("User-Agent") == 1);
  CHECK(header("Content-Type") == "application/json");
  CHECK(header("User-Agent") == "terraform-provider-jdcloud/0.1.0 terraform/1.11.4");
  CHECK(std::regex_match(header("x-jdcloud-date"), std::regex(R"(^\d{8}T\d{6}Z$)")));
  CHECK(std::regex_match(header("x-jdcloud-nonce"),
                         std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
  CHECK_THAT(header("Authorization"),
             Catch::Contains("SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature="));
}

TEST_CASE("every retry is re-signed with a fresh nonce", "[client][retry]") {
  TestServer server;
  std::mutex mu;
  std::vector<std::string> nonces;
  std::atomic<int> valid{0};
  server.http().Get(kImagePath, [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mu);
    nonces.push_back(req.get_header_value("x-jdcloud-nonce"));
    if (SignatureValid(req)) ++valid;
    if (nonces.size() < 3) {
      res.status = 503;
      res.set_content(ErrorBody(503, "UNAVAILABLE", "busy"), "application/json");
      return;
    }
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto r = Describe(*client);
  REQUIRE(r.has_value());
  CHECK(server.requests() == 3);
  CHECK(valid == 3);
  std::lock_guard lock(mu);
  REQUIRE(nonces.size() == 3);
  CHECK(std::set<std::string>(nonces.begin(), nonces.end()).size() == 3);
}

TEST_CASE("retryable statuses are retried up to max_retries, then reported with attempts", "[client][retry]") {
  for (int status : {500, 502, 503, 504}) {
    INFO("HTTP " << status);
    TestServer server;
    server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      res.set_content(ErrorBody(status, "INTERNAL", "Unknown server error"), "application/json");
    });
    server.Start();
    auto client = MakeClient(server.endpoint(), 2);
    const auto e = DescribeError(*client);
    CHECK(e.kind == Kind::ServerError);
    CHECK(e.attempts == 3);
    CHECK(e.http_status == status);
    CHECK(e.message == "Unknown server error");
    CHECK(e.request_id == "req-err");
    CHECK(server.requests() == 3);
  }
}

TEST_CASE("max_retries 0 makes exactly one attempt", "[client][retry]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  server.Start();
  auto client = MakeClient(server.endpoint(), 0);
  const auto e = DescribeError(*client);
  CHECK(e.kind == Kind::ServerError);
  CHECK(e.attempts == 1);
  CHECK(server.requests() == 1);
}

TEST_CASE("429 RATE_LIMIT honours Retry-After, then succeeds", "[client][retry]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    if (server.requests() == 1) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content(ErrorBody(429, "RATE_LIMIT", "too many requests"), "application/json");
      return;
    }
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  const auto t0 = steady_clock::now();
  auto r = Describe(*client);
  const auto elapsed = steady_clock::now() - t0;
  REQUIRE(r.has_value());
  CHECK(server.requests() == 2);
  CHECK(elapsed >= milliseconds(1000));  // waited what the server asked, not the 250 ms jitter cap
  CHECK(elapsed < milliseconds(3000));
}

TEST_CASE("429 RATE_LIMIT on every attempt ends as Throttled", "[client][retry]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "0");
    res.set_content(ErrorBody(429, "RATE_LIMIT", "slow down"), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 4);
  const auto e = DescribeError(*client);
  CHECK(e.kind == Kind::Throttled);
  CHECK(e.attempts == 5);
  CHECK(server.requests() == 5);
}

TEST_CASE("non-retryable answers make exactly one attempt", "[client][retry]") {
  struct Case {
    int status;
    std::string api_status;
    Kind kind;
  };
  for (const auto& c : {Case{429, "QUOTA_EXCEEDED", Kind::QuotaExceeded}, Case{404, "NOT_FOUND", Kind::NotFound},
                        Case{401, "ACCESS_ERROR", Kind::Unauthenticated}, Case{403, "PERMISSION_DENIED", Kind::Forbidden},
                        Case{400, "INVALID_ARGUMENT", Kind::BadRequest}, Case{409, "ABORTED", Kind::OtherHttpStatus},
                        Case{501, "NOT_IMPLEMENTED", Kind::OtherHttpStatus}}) {
    INFO(c.status << " " << c.api_status);
    TestServer server;
    server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
      res.status = c.status;
      res.set_header("Retry-After", "0");
      res.set_content(ErrorBody(c.status, c.api_status, "msg " + c.api_status), "application/json");
    });
    server.Start();
    auto client = MakeClient(server.endpoint(), 3);
    const auto e = DescribeError(*client);
    CHECK(e.kind == c.kind);
    CHECK(e.attempts == 1);
    CHECK(e.http_status == c.status);
    CHECK(e.api_status == c.api_status);
    CHECK(e.message == "msg " + c.api_status);
    CHECK(e.request_id == "req-err");
    CHECK(server.requests() == 1);
  }
}

TEST_CASE("a 200 with a bad body is not retried and names the header request id", "[client][retry]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("x-jdcloud-request-id", "hdr-bad");
    res.set_content(R"({"requestId": "abc", "result": {"image": {"sizeMB": "big"}}})", "application/json");
  });
  server.http().Get("/v1/regions/cn-north-1/images/img-truncated1", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("x-jdcloud-request-id", "hdr-trunc");
    res.set_content(R"({"requestId": "abc", "result": {"ima)", "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto e = DescribeError(*client);
  CHECK(e.kind == Kind::MalformedBody);
  CHECK(e.attempts == 1);
  CHECK(e.request_id == "abc");
  CHECK_THAT(e.message, Catch::Contains("result.image.sizeMB"));
  jdcloud::Cancellation cancel;
  auto r = client->DescribeImage("cn-north-1", "img-truncated1", cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::MalformedBody);
  CHECK(r.error().request_id == "hdr-trunc");
  CHECK(server.requests() == 2);
}

namespace {

// A loopback port with nothing listening: bind, learn the port, close.
std::string ClosedLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return std::to_string(ntohs(addr.sin_port));
}

}  // namespace

TEST_CASE("network failures are retried and reported as Network", "[client][retry]") {
  auto client = MakeClient("http://127.0.0.1:" + ClosedLoopbackPort(), 2);
  const auto e = DescribeError(*client);
  CHECK(e.kind == Kind::Network);
  CHECK(e.attempts == 3);
  CHECK(e.http_status == 0);
  CHECK_THAT(e.message, Catch::Contains("network error"));
}

TEST_CASE("a failed connect says whether the name did not resolve or the connection was refused", "[client][retry]") {
  // .invalid never resolves (RFC 2606), with or without a network.
  auto unresolvable = MakeClient("http://jdcloud.invalid", 0);
  auto e = DescribeError(*unresolvable);
  CHECK(e.kind == Kind::Network);
  CHECK_THAT(e.message, Catch::Contains("could not resolve host name \"jdcloud.invalid\""));

  const std::string port = ClosedLoopbackPort();
  auto refused = MakeClient("http://127.0.0.1:" + port, 0);
  e = DescribeError(*refused);
  CHECK(e.kind == Kind::Network);
  CHECK_THAT(e.message, Catch::Contains("network error talking to 127.0.0.1:" + port + ": could not connect"));
}

TEST_CASE("a connection reset mid-response is a retried network failure", "[client][retry]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    if (server.requests() <= 2) {
      // Promise 1000 bytes, deliver 10, then drop the connection.
      res.set_content_provider(1000, "application/json", [](size_t, size_t, httplib::DataSink& sink) {
        sink.write("{\"request", 10);
        return false;
      });
      return;
    }
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto r = Describe(*client);
  REQUIRE(r.has_value());
  CHECK(server.requests() == 3);
}

TEST_CASE("each attempt is bounded by request_timeout", "[client][timeout]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    server.Wait(milliseconds(3000));
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 1, milliseconds(300));
  const auto t0 = steady_clock::now();
  const auto e = DescribeError(*client);
  const auto elapsed = steady_clock::now() - t0;
  CHECK(e.kind == Kind::Timeout);
  CHECK(e.attempts == 2);
  CHECK_THAT(e.message, Catch::Contains("timed out after 300 ms"));
  CHECK(elapsed >= milliseconds(600));
  CHECK(elapsed < milliseconds(2000));  // 2 x 300 ms + at most 250 ms backoff, with slack
}

TEST_CASE("a slowly trickling body cannot outlive request_timeout", "[client][timeout]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [&](size_t, httplib::DataSink& sink) {
      server.Wait(milliseconds(100));
      sink.write(" ", 1);  // whitespace forever, each chunk well within the read timeout
      return true;
    });
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 0, milliseconds(500));
  const auto t0 = steady_clock::now();
  const auto e = DescribeError(*client);
  CHECK(e.kind == Kind::Timeout);
  CHECK(steady_clock::now() - t0 < milliseconds(1500));
}

TEST_CASE("cancelling a slow request returns Cancelled within 1 s", "[client][cancel]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    server.Wait(milliseconds(10000));
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3, milliseconds(30000));
  jdcloud::Cancellation cancel;
  steady_clock::time_point cancelled_at;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    cancelled_at = steady_clock::now();
    cancel.Cancel();
  });
  auto r = client->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  const auto returned_at = steady_clock::now();
  stopper.join();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::Cancelled);
  CHECK(r.error().attempts == 1);
  CHECK(returned_at - cancelled_at < milliseconds(1000));
  CHECK(server.requests() == 1);  // not retried after the cancel

  // The client stays usable for other calls after one was cancelled.
  TestServer fast;
  fast.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ImageBody(), "application/json");
  });
  fast.Start();
  auto fast_client = MakeClient(fast.endpoint());
  CHECK(Describe(*fast_client).has_value());
}

TEST_CASE("cancelling a backoff sleep returns Cancelled at once", "[client][cancel]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "25");
    res.set_content(ErrorBody(429, "RATE_LIMIT", "slow down"), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  jdcloud::Cancellation cancel;
  steady_clock::time_point cancelled_at;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    cancelled_at = steady_clock::now();
    cancel.Cancel();
  });
  auto r = client->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  const auto returned_at = steady_clock::now();
  stopper.join();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::Cancelled);
  CHECK(r.error().attempts == 1);
  CHECK(r.error().http_status == 429);
  CHECK_THAT(r.error().message, Catch::Contains("slow down"));
  CHECK(returned_at - cancelled_at < milliseconds(100));
  CHECK(server.requests() == 1);
}

TEST_CASE("an already-cancelled call makes no request", "[client][cancel]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint());
  jdcloud::Cancellation cancel;
  cancel.Cancel();
  auto r = client->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::Cancelled);
  CHECK(server.requests() == 0);
}

TEST_CASE("cancelling while the TCP connect hangs returns within 1 s", "[client][cancel]") {
  // A listener with a full accept queue that never accepts: further SYNs are
  // dropped, so connect() hangs as it would against a black-holed host.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(listener, 0) == 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::vector<int> fillers;
  for (int i = 0; i < 4; ++i) {
    const int f = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(f, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    fillers.push_back(f);
  }
  std::this_thread::sleep_for(milliseconds(50));

  auto client = MakeClient("http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)), 3, milliseconds(20000));
  jdcloud::Cancellation cancel;
  steady_clock::time_point cancelled_at;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    cancelled_at = steady_clock::now();
    cancel.Cancel();
  });
  auto r = client->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  const auto returned_at = steady_clock::now();
  stopper.join();
  for (int f : fillers) close(f);
  close(listener);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::Cancelled);
  CHECK(returned_at - cancelled_at < milliseconds(1000));
}

TEST_CASE("bodies over 16 MiB are refused with ResponseTooLarge", "[client][cap]") {
  TestServer server;
  const std::string huge(16 * 1024 * 1024 + 1, ' ');
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("x-jdcloud-request-id", "hdr-big");
    res.set_content(huge, "application/json");  // with Content-Length
  });
  server.http().Get("/v1/regions/cn-north-1/images/img-chunked123", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [&](size_t offset, httplib::DataSink& sink) {
      if (offset >= huge.size()) {
        sink.done();
        return true;
      }
      sink.write(huge.data() + offset, std::min<size_t>(1 << 20, huge.size() - offset));
      return true;
    });
  });
  server.http().Get("/v1/regions/cn-north-1/images/img-justfits12", [&](const httplib::Request&, httplib::Response& res) {
    std::string body = ImageBody("req-ok", "img-justfits12");
    body.resize(16 * 1024 * 1024, ' ');  // trailing whitespace is valid JSON
    res.set_content(body, "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto e = DescribeError(*client);
  CHECK(e.kind == Kind::ResponseTooLarge);
  CHECK(e.attempts == 1);
  CHECK(e.request_id == "hdr-big");
  CHECK_THAT(e.message, Catch::Contains("16 MiB"));

  jdcloud::Cancellation cancel;
  auto r = client->DescribeImage("cn-north-1", "img-chunked123", cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::ResponseTooLarge);
  CHECK(r.error().attempts == 1);

  r = client->DescribeImage("cn-north-1", "img-justfits12", cancel);
  CHECK(r.has_value());
  CHECK(server.requests() == 3);
}

TEST_CASE("an answer for another image is a MalformedBody error, not retried", "[client][image-id]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("x-jdcloud-request-id", "hdr-wrong");
    res.set_content(ImageBody("req-wrong", "img-someoneelse1"), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto e = DescribeError(*client);
  CHECK(e.kind == Kind::MalformedBody);
  CHECK(e.request_id == "req-wrong");
  CHECK_THAT(e.message, Catch::Contains("img-someoneelse1"));
  CHECK_THAT(e.message, Catch::Contains("img-abcdefgh12"));
  CHECK_THAT(e.message, Catch::Contains("req-wrong"));
  CHECK(server.requests() == 1);
}

TEST_CASE("an image mismatch after a retry counts both attempts", "[client][image-id]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    if (server.requests() == 1) {
      res.status = 503;
      res.set_header("Retry-After", "0");
      return;
    }
    res.set_content(ImageBody("req-wrong", "img-someoneelse1"), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  auto e = DescribeError(*client);
  CHECK(e.kind == Kind::MalformedBody);
  CHECK(server.requests() == 2);
  CHECK(e.attempts == 2);
}

TEST_CASE("numbers reach the caller exactly as the server wrote them", "[client][number]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"requestId":"req-n","result":{"image":{"imageId":"img-abcdefgh12",)"
                    R"("sizeMB":18446744073709551616,"systemDiskSizeGB":4e1}}})",
                    "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint());
  auto r = Describe(*client);
  REQUIRE(r.has_value());
  CHECK(r->image.Get("size_mb") == jdcloud::FieldValue(jdcloud::NumberText{"18446744073709551616"}));
  CHECK(r->image.Get("system_disk_size_gb") == jdcloud::FieldValue(jdcloud::NumberText{"4e1"}));
}

TEST_CASE("sequential calls reuse one keep-alive connection", "[client][keepalive]") {
  TestServer server;
  server.http().set_keep_alive_max_count(1000);
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint());
  for (int i = 0; i < 50; ++i) REQUIRE(Describe(*client).has_value());
  CHECK(server.requests() == 50);
  CHECK(server.connections() == 1);
}

TEST_CASE("a connection the server closed is replaced transparently", "[client][keepalive]") {
  TestServer server;
  server.http().set_keep_alive_max_count(2);  // the server closes after every 2nd request
  server.http().set_keep_alive_timeout(1);
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 0);  // no retries: every call must succeed first time
  for (int i = 0; i < 6; ++i) REQUIRE(Describe(*client).has_value());
  std::this_thread::sleep_for(milliseconds(1500));  // idle past the server's keep-alive timeout
  REQUIRE(Describe(*client).has_value());
  CHECK(server.requests() == 7);
  CHECK(server.connections() == 4);
}

TEST_CASE("one client serves many threads at once", "[client][threads]") {
  TestServer server;
  server.http().set_keep_alive_max_count(1000);
  server.http().Get(kImagePath, [&](const httplib::Request& req, httplib::Response& res) {
    if (!SignatureValid(req)) {
      res.status = 401;
      return;
    }
    res.set_content(ImageBody(), "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 0);
  constexpr int kThreads = 8, kCalls = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i)
        if (Describe(*client).has_value()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == kThreads * kCalls);
  CHECK(server.connections() <= static_cast<std::size_t>(kThreads));  // pooled, not one per call
}

TEST_CASE("logs name each attempt but never the secret, signature or Authorization", "[client][log]") {
  TestServer server;
  server.http().Get(kImagePath, [&](const httplib::Request&, httplib::Response& res) {
    if (server.requests() == 1) {
      res.status = 503;
      res.set_header("Retry-After", "0");
      return;
    }
    res.set_header("x-jdcloud-request-id", "hdr-logged");
    res.set_content(R"({"result":{"image":{}}})", "application/json");
  });
  server.Start();
  auto client = MakeClient(server.endpoint(), 3);
  logging::SetLevel(logging::Level::Trace);
  const std::string log = CaptureStderr([&] { CHECK(Describe(*client).has_value()); });
  logging::SetLevel(logging::Level::Off);
  CHECK_THAT(log, Catch::Contains("jdcloud request"));
  CHECK_THAT(log, Catch::Contains("hdr-logged"));
  CHECK_THAT(log, Catch::Contains(R"("attempt":"2")"));
  CHECK_THAT(log, Catch::Contains("retrying"));
  CHECK_THAT(log, Catch::Contains("latency_ms"));
  CHECK_THAT(log, !Catch::Contains(kSecretKey));
  CHECK_THAT(log, !Catch::Contains("Signature="));
  CHECK_THAT(log, !Catch::Contains("JDCLOUD2-HMAC-SHA256"));
  CHECK_THAT(log, !Catch::Contains("Authorization"));
}

TEST_CASE("Create rejects unusable endpoints; DescribeImage rejects unsafe ids", "[client]") {
  for (const char* bad : {"vm.jdcloud-api.com", "ftp://x", "http://h/path", "https://"}) {
    jdcloud::ClientOptions options;
    options.endpoint = bad;
    auto c = jdcloud::Client::Create(options, {kAccessKey, kSecretKey});
    REQUIRE_FALSE(c.has_value());
    CHECK(c.error().kind == Kind::InvalidArgument);
    CHECK_THAT(c.error().message, Catch::Contains("endpoint"));
    CHECK_THAT(c.error().message, !Catch::Contains(kSecretKey));
  }
  TestServer server;
  server.Start();
  auto client = MakeClient(server.endpoint());
  jdcloud::Cancellation cancel;
  for (const auto& [region, id] : std::vector<std::pair<std::string, std::string>>{
           {"cn-north-1", "../../x"}, {"cn-north-1", ""}, {"", "img-abcdefgh12"}, {"cn north", "img-abcdefgh12"},
           {"cn-north-1", "img/x"}, {"cn-north-1", ".."}}) {
    auto r = client->DescribeImage(region, id, cancel);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == Kind::InvalidArgument);
  }
  CHECK(server.requests() == 0);
}

namespace {

const char* const kImagesPath = "/v1/regions/cn-north-1/images";

// A describeImages server over images img-0 … img-<count - 1>: it pages as
// the API does (pageNumber, pageSize) or lists the ids.N asked for, and
// records every query and whether its signature held.
class SearchServer {
 public:
  explicit SearchServer(int count) : count_(count) {
    server_.http().Get(kImagesPath, [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  }
  void Start() { server_.Start(); }
  TestServer& server() { return server_; }

  // Called first for each request; returning true means it answered.
  std::function<bool(int call, const httplib::Request&, httplib::Response&)> intercept;

  std::vector<std::string> targets() {
    std::lock_guard lock(mu_);
    return targets_;
  }
  int invalid_signatures() const { return invalid_signatures_; }

 private:
  void Serve(const httplib::Request& req, httplib::Response& res) {
    int call = 0;
    {
      std::lock_guard lock(mu_);
      targets_.push_back(req.target);
      call = static_cast<int>(targets_.size());
    }
    if (!SignatureValid(req)) ++invalid_signatures_;
    res.set_header("x-jdcloud-request-id", "hdr-" + std::to_string(call));
    if (intercept && intercept(call, req, res)) return;
    std::vector<std::string> ids;
    for (int n = 1; req.has_param("ids." + std::to_string(n)); ++n) ids.push_back(req.get_param_value("ids." + std::to_string(n)));
    if (ids.empty())
      for (int i = 0; i < count_; ++i) ids.push_back("img-" + std::to_string(i));
    const int size = std::stoi(req.get_param_value("pageSize"));
    const int first = (std::stoi(req.get_param_value("pageNumber")) - 1) * size;
    std::string body = R"({"requestId":"req-)" + std::to_string(call) + R"(","result":{"totalCount":)" +
                       std::to_string(ids.size()) + R"(,"images":[)";
    for (int i = first; i < std::min<int>(first + size, static_cast<int>(ids.size())); ++i)
      body += (i == first ? "" : ",") + std::string(R"({"imageId":")") + ids[static_cast<std::size_t>(i)] + R"("})";
    res.set_content(body + "]}}", "application/json");
  }

  TestServer server_;
  const int count_;
  std::mutex mu_;
  std::vector<std::string> targets_;
  std::atomic<int> invalid_signatures_{0};
};

jdcloud::ImageSearch PublicCentOS() {
  jdcloud::ImageSearch search;
  search.image_source = "public";
  search.platform = "CentOS";
  return search;
}

std::expected<jdcloud::DescribeImagesResult, ApiError> Search(jdcloud::Client& client,
                                                               const jdcloud::ImageSearch& search) {
  jdcloud::Cancellation cancel;
  return client.DescribeImages("cn-north-1", search, cancel);
}

}  // namespace

TEST_CASE("a search pages through 230 images with signed queries", "[client][search]") {
  SearchServer api(230);
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  auto r = Search(*client, PublicCentOS());
  REQUIRE(r.has_value());
  CHECK(r->images.size() == 230);
  CHECK(*r->images.back().GetString("id") == "img-229");
  CHECK(r->calls == 3);
  CHECK(r->request_id == "req-3");
  CHECK(api.invalid_signatures() == 0);
  CHECK(api.targets() == std::vector<std::string>{
                             "/v1/regions/cn-north-1/images?imageSource=public&pageNumber=1&pageSize=100&platform=CentOS",
                             "/v1/regions/cn-north-1/images?imageSource=public&pageNumber=2&pageSize=100&platform=CentOS",
                             "/v1/regions/cn-north-1/images?imageSource=public&pageNumber=3&pageSize=100&platform=CentOS"});
}

TEST_CASE("a search's values are encoded on the wire exactly as signed", "[client][search]") {
  SearchServer api(1);
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  auto search = PublicCentOS();
  search.platform = "Windows Server";
  search.image_name = "web-golden/2024 ü&x=y";
  REQUIRE(Search(*client, search).has_value());
  CHECK(api.invalid_signatures() == 0);
  REQUIRE(api.targets().size() == 1);
  CHECK_THAT(api.targets()[0], Catch::Contains("imageName=web-golden%2F2024%20%C3%BC%26x%3Dy") &&
                                   Catch::Contains("platform=Windows%20Server"));
}

TEST_CASE("250 ids are three calls of at most 100 ids each", "[client][search]") {
  SearchServer api(0);
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  jdcloud::ImageSearch search;
  for (int i = 0; i < 250; ++i) search.ids.push_back("img-" + std::to_string(i));
  auto r = Search(*client, search);
  REQUIRE(r.has_value());
  CHECK(r->images.size() == 250);
  CHECK(r->calls == 3);
  const auto targets = api.targets();
  REQUIRE(targets.size() == 3);
  CHECK_THAT(targets[0], Catch::Contains("ids.100=img-99") && !Catch::Contains("ids.101"));
  CHECK_THAT(targets[2], Catch::Contains("ids.50=img-249") && !Catch::Contains("ids.51") &&
                             !Catch::Contains("imageSource"));
  CHECK(api.invalid_signatures() == 0);
}

TEST_CASE("each page of a search is retried on its own", "[client][search][retry]") {
  SearchServer api(230);
  api.intercept = [](int call, const httplib::Request&, httplib::Response& res) {
    if (call != 2) return false;  // page 2's first attempt
    res.status = 503;
    res.set_content(ErrorBody(503, "UNAVAILABLE", "busy"), "application/json");
    return true;
  };
  api.Start();
  auto client = MakeClient(api.server().endpoint(), 2);
  auto r = Search(*client, PublicCentOS());
  REQUIRE(r.has_value());
  CHECK(r->images.size() == 230);
  CHECK(r->calls == 3);
  const auto targets = api.targets();
  REQUIRE(targets.size() == 4);
  CHECK(targets[1] == targets[2]);
}

TEST_CASE("a page that fails for good ends the search with the attempts made", "[client][search][retry]") {
  SearchServer api(230);
  api.intercept = [](int call, const httplib::Request&, httplib::Response& res) {
    if (call == 1) return false;
    res.status = 500;
    res.set_content(ErrorBody(500, "INTERNAL", "Unknown server error"), "application/json");
    return true;
  };
  api.Start();
  auto client = MakeClient(api.server().endpoint(), 1);
  auto r = Search(*client, PublicCentOS());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::ServerError);
  CHECK(r.error().attempts == 2);
  CHECK(api.targets().size() == 3);
}

TEST_CASE("pages whose totalCount disagree end in MalformedBody with the request id, unretried",
          "[client][search]") {
  SearchServer api(230);
  api.intercept = [](int call, const httplib::Request&, httplib::Response& res) {
    if (call != 2) return false;
    res.set_content(R"({"requestId":"req-liar","result":{"totalCount":999,"images":[]}})", "application/json");
    return true;
  };
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  auto r = Search(*client, PublicCentOS());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::MalformedBody);
  CHECK(r.error().request_id == "req-liar");
  CHECK_THAT(r.error().message, Catch::Contains("totalCount"));
  CHECK(api.targets().size() == 2);
}

TEST_CASE("a server repeating page 1 forever ends the search after page 2", "[client][search]") {
  SearchServer api(230);
  api.intercept = [](int, const httplib::Request&, httplib::Response& res) {
    std::string body = R"({"requestId":"req-loop","result":{"totalCount":230,"images":[)";
    for (int i = 0; i < 100; ++i) body += (i ? "," : "") + std::string(R"({"imageId":"img-)") + std::to_string(i) + R"("})";
    res.set_content(body + "]}}", "application/json");
    return true;
  };
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  auto r = Search(*client, PublicCentOS());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::MalformedBody);
  CHECK_THAT(r.error().message, Catch::Contains("repeat"));
  CHECK(api.targets().size() == 2);
}

TEST_CASE("a search refuses a bad region, or no imageSource without ids, before any call", "[client][search]") {
  SearchServer api(1);
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  jdcloud::Cancellation cancel;
  for (const char* region : {"", "cn north", "../x"}) {
    auto r = client->DescribeImages(region, PublicCentOS(), cancel);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == Kind::InvalidArgument);
  }
  jdcloud::ImageSearch no_source;
  no_source.platform = "CentOS";
  auto r = client->DescribeImages("cn-north-1", no_source, cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::InvalidArgument);
  CHECK_THAT(r.error().message, Catch::Contains("imageSource"));
  CHECK(api.targets().empty());
}

TEST_CASE("an already-cancelled search makes no request", "[client][search][cancel]") {
  SearchServer api(1);
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  jdcloud::Cancellation cancel;
  cancel.Cancel();
  auto r = client->DescribeImages("cn-north-1", PublicCentOS(), cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::Cancelled);
  CHECK(api.targets().empty());
}

TEST_CASE("more than 10,000 matches end the search after page 1 with TooManyImages", "[client][search]") {
  SearchServer api(0);
  api.intercept = [](int, const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"requestId":"req-huge","result":{"totalCount":25000,"images":[{"imageId":"img-0"}]}})",
                    "application/json");
    return true;
  };
  api.Start();
  auto client = MakeClient(api.server().endpoint());
  auto r = Search(*client, PublicCentOS());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == Kind::TooManyImages);
  CHECK(r.error().request_id == "req-huge");
  CHECK_THAT(r.error().message, Catch::Contains("25000"));
  CHECK(api.targets().size() == 1);
}
