#include "api_double.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "connection_abort.h"
#include "image_search.h"
#include "responses.h"
#include "signature_check.h"
#include "test_ca.h"

#ifndef JDCLOUD_DOUBLE_FIXTURES_DIR
#define JDCLOUD_DOUBLE_FIXTURES_DIR "tests/fixtures"
#endif

namespace api_double {
namespace {

constexpr const char* kJson = "application/json";
constexpr const char* kRequestIdHeader = "x-jdcloud-request-id";
constexpr std::size_t kChunk = 64 * 1024;
constexpr int kListenBacklog = 128;
constexpr std::size_t kKeepAliveMaxCount = 1000;

// httplib's compiled-in listen backlog is 5: ten clients connecting at once
// would see dropped SYNs and one-second retransmit stalls. listen() on a
// listening socket just updates its backlog.
template <class Base>
class Backlogged : public Base {
 public:
  using Base::Base;
  void RaiseBacklog(int backlog) { ::listen(this->svr_sock_, backlog); }
};

ReceivedRequest ToReceived(const httplib::Request& req) {
  ReceivedRequest r;
  r.method = req.method;
  r.path = req.path;
  if (const auto q = req.target.find('?'); q != std::string::npos) r.raw_query = req.target.substr(q + 1);
  for (const auto& [name, value] : req.headers) r.headers.emplace_back(name, value);
  r.body = req.body;
  return r;
}

// The byte at `offset` of an oversize body of `total` bytes: prefix, 'x'
// padding, suffix.
void FillOversize(const OversizeBody& parts, std::size_t total, std::size_t offset, std::string& out) {
  out.clear();
  const std::size_t end = std::min(total, offset + kChunk);
  const std::size_t suffix_start = total - parts.suffix.size();
  for (std::size_t i = offset; i < end; ++i) {
    if (i < parts.prefix.size()) out.push_back(parts.prefix[i]);
    else if (i >= suffix_start) out.push_back(parts.suffix[i - suffix_start]);
    else out.push_back('x');
  }
}

std::string InterimReason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 102: return "Processing";
    case 103: return "Early Hints";
    default: return "Interim";
  }
}

// One API request being answered: which API, and what it asked for.
struct Call {
  Route route = Route::DescribeImage;
  std::string region;
  std::string image_id;  // describeImage
  ImageQuery query;      // describeImages
  std::string request_id;

  std::string Target() const { return route == Route::DescribeImage ? image_id : "describeImages"; }
};

}  // namespace

std::string DefaultFixturesDir() { return JDCLOUD_DOUBLE_FIXTURES_DIR; }

struct ApiDouble::Impl {
  explicit Impl(ApiDoubleOptions o)
      : options(std::move(o)),
        signatures(SignatureCheck::Options{.access_key = options.access_key,
                                           .secret_key = options.secret_key,
                                           .session_token = options.session_token,
                                           .max_clock_skew = options.max_clock_skew}) {}

  ApiDoubleOptions options;
  SignatureCheck signatures;
  FixtureStore fixtures;
  FaultTable faults;
  Stats stats;
  std::unique_ptr<httplib::Server> server;
  std::function<void(int)> raise_backlog;
  std::thread listener;
  std::atomic<bool> listener_done{false};
  int port = 0;

  std::mutex stop_mu;
  std::condition_variable stop_cv;
  std::atomic<bool> stopping{false};
  bool stopped = false;

  // Plain HTTP, or https with a fresh test CA (options.https_ca_file).
  std::expected<void, std::string> MakeServer();
  void Configure();
  void Stop();
  bool Stopping() const { return stopping.load(); }
  // Sleeps `ms` or until Stop(); false when stopping.
  bool Delay(int ms);

  void DescribeImage(const httplib::Request& req, httplib::Response& res);
  void DescribeImages(const httplib::Request& req, httplib::Response& res);
  // Answers a call that passed its checks: with `fault` when there is one.
  void Serve(const Call& call, const std::optional<Fault>& fault, const httplib::Request& req,
             httplib::Response& res);
  // The `result` of a 200 answer; nullopt when describeImage's image is not
  // served in the region. `shaping` is a list fault that alters the page.
  std::optional<std::string> NormalResult(const Call& call, const Fault* shaping = nullptr) const;
  void AnswerNormally(const Call& call, httplib::Response& res, const Fault* shaping = nullptr);
  void AnswerError(httplib::Response& res, const std::string& request_id, int status, std::string error_status,
                   std::string message);
  void ApplyFault(const Fault& fault, const httplib::Request& req, const Call& call, httplib::Response& res);
  void AnswerMalformed(const Fault& fault, const Call& call, httplib::Response& res);
  void AnswerOversize(const Fault& fault, const Call& call, httplib::Response& res);
  void AnswerDropMidBody(const std::string& body, httplib::Response& res);
  void AnswerTrickle(const Fault& fault, const httplib::Request& req, std::string body, httplib::Response& res);
  void AnswerTrickledHead(const Fault& fault, const httplib::Request& req, const std::string& request_id,
                          const std::string& body, httplib::Response& res);
  void CloseAfterResponse(const httplib::Request& req, httplib::Response& res);

  void InstallControlRoutes();
};

std::expected<void, std::string> ApiDouble::Impl::MakeServer() {
  if (options.https_ca_file.empty()) {
    auto plain = std::make_unique<Backlogged<httplib::Server>>();
    raise_backlog = [s = plain.get()](int backlog) { s->RaiseBacklog(backlog); };
    server = std::move(plain);
    return {};
  }
  auto ca = MakeTestCa();
  if (!ca) return std::unexpected(ca.error());
  std::ofstream out(options.https_ca_file, std::ios::binary | std::ios::trunc);
  out << ca->ca_pem;
  if (!out.flush()) return std::unexpected("cannot write the test CA to " + options.https_ca_file);
  // SSLServer takes its own references to the certificate and the key.
  auto tls = std::make_unique<Backlogged<httplib::SSLServer>>(ca->server_cert.get(), ca->server_key.get());
  if (!tls->is_valid()) return std::unexpected("cannot set up TLS");
  raise_backlog = [s = tls.get()](int backlog) { s->RaiseBacklog(backlog); };
  server = std::move(tls);
  return {};
}

void ApiDouble::Impl::Configure() {
  const int threads = std::max(1, options.threads);
  server->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // Let a client reuse one connection for many requests, as it would with JD.
  server->set_keep_alive_max_count(kKeepAliveMaxCount);
  server->set_payload_max_length(1024 * 1024);
  // httplib writes the headers and the body separately; with Nagle on, the
  // body waits for the client's delayed ACK (~40 ms) on a keep-alive connection.
  server->set_tcp_nodelay(true);
  // httplib's default sets SO_REUSEPORT, which would let a second double
  // silently share a busy port; SO_REUSEADDR alone makes it fail instead.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  server->Get(R"(/v1/regions/([^/]+)/images/([^/]+))",
             [this](const httplib::Request& req, httplib::Response& res) { DescribeImage(req, res); });
  server->Get(R"(/v1/regions/([^/]+)/images)",
              [this](const httplib::Request& req, httplib::Response& res) { DescribeImages(req, res); });
  InstallControlRoutes();

  // Anything else (unknown path or method) gets JD's error shape too.
  server->set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty() || res.status < 400) return httplib::Server::HandlerResponse::Unhandled;
    const std::string id = NewRequestId();
    res.set_header(kRequestIdHeader, id);
    res.set_content(ErrorBody(id, res.status, DefaultErrorStatus(res.status),
                              "no API matches " + req.method + " " + req.path),
                    kJson);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorBody(NewRequestId(), 500, "INTERNAL", "the API double failed"), kJson);
  });
  if (options.verbose) {
    // Method, path and status only: headers carry the signature.
    server->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "jdcloud-api-double: %s %s -> %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
}

bool ApiDouble::Impl::Delay(int ms) {
  std::unique_lock lock(stop_mu);
  return !stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return Stopping(); });
}

void ApiDouble::Impl::DescribeImage(const httplib::Request& req, httplib::Response& res) {
  Call call;
  call.region = req.matches[1];
  call.image_id = req.matches[2];
  call.request_id = NewRequestId();
  res.set_header(kRequestIdHeader, call.request_id);
  stats.RecordRequest(call.image_id, req.get_header_value("User-Agent"), req.remote_addr, req.remote_port);

  if (auto verified = signatures.Verify(ToReceived(req), call.region); !verified)
    return AnswerError(res, call.request_id, 401, "ACCESS_ERROR", verified.error().message);
  if (!IsValidRegion(call.region))
    return AnswerError(res, call.request_id, 400, "INVALID_ARGUMENT", "invalid regionId: " + call.region);
  if (!IsValidImageId(call.image_id))
    return AnswerError(res, call.request_id, 400, "INVALID_ARGUMENT", "invalid imageId: " + call.image_id);
  Serve(call, faults.Take(call.image_id), req, res);
}

void ApiDouble::Impl::DescribeImages(const httplib::Request& req, httplib::Response& res) {
  Call call;
  call.route = Route::DescribeImages;
  call.region = req.matches[1];
  call.request_id = NewRequestId();
  res.set_header(kRequestIdHeader, call.request_id);
  stats.RecordListRequest(req.get_header_value("User-Agent"), req.remote_addr, req.remote_port);

  const ReceivedRequest received = ToReceived(req);
  if (auto verified = signatures.Verify(received, call.region); !verified)
    return AnswerError(res, call.request_id, 401, "ACCESS_ERROR", verified.error().message);
  if (!IsValidRegion(call.region))
    return AnswerError(res, call.request_id, 400, "INVALID_ARGUMENT", "invalid regionId: " + call.region);
  // Read from the query as signed (not httplib's decoding, which makes '+' a space).
  auto query = ParseImageQuery(ParseQuery(received.raw_query));
  if (!query) return AnswerError(res, call.request_id, 400, "INVALID_ARGUMENT", query.error());
  call.query = std::move(*query);
  stats.RecordPage(call.query.page_number);
  Serve(call, faults.TakeForList(call.query.page_number), req, res);
}

void ApiDouble::Impl::Serve(const Call& call, const std::optional<Fault>& fault, const httplib::Request& req,
                            httplib::Response& res) {
  if (!fault) return AnswerNormally(call, res);
  stats.RecordFault(std::string(KindName(fault->kind)));
  if (options.verbose)
    std::fprintf(stderr, "jdcloud-api-double: fault %s for %s\n", KindName(fault->kind).data(), call.Target().c_str());
  if (fault->delay_ms > 0 && !Delay(fault->delay_ms))
    return AnswerError(res, call.request_id, 503, "UNAVAILABLE", "the API double is shutting down");
  ApplyFault(*fault, req, call, res);
}

std::optional<std::string> ApiDouble::Impl::NormalResult(const Call& call, const Fault* shaping) const {
  if (call.route == Route::DescribeImage) {
    const auto fixture = fixtures.Find(call.image_id);
    if (!fixture || !fixture->ServedIn(call.region)) return std::nullopt;
    return "{\"image\":" + fixture->image_json + "}";
  }
  const std::vector<Fixture> matches = Search(call.query, fixtures.All(), call.region);
  const bool repeat = shaping && shaping->kind == FaultKind::RepeatPage;
  std::vector<std::string_view> page;
  for (const Fixture& f : Page(matches, repeat ? 1 : call.query.page_number, call.query.page_size))
    page.push_back(f.image_json);
  std::int64_t total = static_cast<std::int64_t>(matches.size());
  if (shaping && shaping->kind == FaultKind::TotalCountMismatch)
    total = std::max<std::int64_t>(0, total + shaping->total_count_delta);
  return ListResult(page, static_cast<std::uint64_t>(total));
}

void ApiDouble::Impl::AnswerNormally(const Call& call, httplib::Response& res, const Fault* shaping) {
  const auto result = NormalResult(call, shaping);
  if (!result)
    return AnswerError(res, call.request_id, 404, "NOT_FOUND",
                       "The image " + call.image_id + " does not exist in region " + call.region);
  stats.RecordOutcome("200");
  res.status = 200;
  res.set_content(ResultBody(call.request_id, *result), kJson);
}

void ApiDouble::Impl::AnswerError(httplib::Response& res, const std::string& request_id, int status,
                                  std::string error_status, std::string message) {
  if (error_status.empty()) error_status = DefaultErrorStatus(status);
  if (message.empty()) message = DefaultErrorMessage(status, error_status);
  stats.RecordOutcome(std::to_string(status));
  res.status = status;
  res.set_content(ErrorBody(request_id, status, error_status, message), kJson);
}

void ApiDouble::Impl::ApplyFault(const Fault& fault, const httplib::Request& req, const Call& call,
                                 httplib::Response& res) {
  switch (fault.kind) {
    case FaultKind::Delay:
      return AnswerNormally(call, res);
    case FaultKind::Status: {
      const std::string error_status = fault.error_status.empty() ? DefaultErrorStatus(fault.status) : fault.error_status;
      std::optional<int> retry_after = fault.retry_after;
      if (!retry_after && fault.status == 429 && error_status == "RATE_LIMIT") retry_after = 1;
      if (retry_after) res.set_header("Retry-After", std::to_string(*retry_after));
      return AnswerError(res, call.request_id, fault.status, error_status, fault.message);
    }
    case FaultKind::Malformed:
      return AnswerMalformed(fault, call, res);
    case FaultKind::Oversize:
      return AnswerOversize(fault, call, res);
    case FaultKind::Drop: {
      stats.RecordOutcome("dropped");
      if (fault.drop_point == DropPoint::BeforeResponse &&
          ShutdownConnections(req.local_port, req.remote_port, SHUT_RDWR) > 0) {
        res.status = 200;  // never reaches the client: the socket is shut down
        return;
      }
      // Half of what a 200 would carry, even for an image that is not there.
      return AnswerDropMidBody(ResultBody(call.request_id, NormalResult(call).value_or("{\"image\":{}}")), res);
    }
    case FaultKind::Trickle: {
      const auto result = NormalResult(call);
      if (!result) return AnswerNormally(call, res);
      const std::string body = ResultBody(call.request_id, *result);
      if (fault.part == TricklePart::Head) return AnswerTrickledHead(fault, req, call.request_id, body, res);
      return AnswerTrickle(fault, req, body, res);
    }
    case FaultKind::Interim:
      // Sent ahead of httplib's own answer, on the same connection; headers
      // as servers send them (a 100 Continue has none).
      SendRaw(req.local_port, req.remote_port,
              "HTTP/1.1 " + std::to_string(fault.status) + " " + InterimReason(fault.status) + "\r\n" +
                  (fault.status == 100 ? "" : "Link: </v1/regions>; rel=preload\r\n") + "\r\n");
      return AnswerNormally(call, res);
    case FaultKind::Redirect:
      stats.RecordOutcome(std::to_string(fault.status));
      res.status = fault.status;
      res.set_header("Location", fault.location);
      return;
    case FaultKind::CloseAfterResponse:
      AnswerNormally(call, res);
      return CloseAfterResponse(req, res);
    case FaultKind::TotalCountMismatch:
    case FaultKind::RepeatPage:
      return AnswerNormally(call, res, &fault);
  }
}

void ApiDouble::Impl::AnswerMalformed(const Fault& fault, const Call& call, httplib::Response& res) {
  std::string body;
  if (call.route == Route::DescribeImage) {
    const auto fixture = fixtures.Find(call.image_id);
    body = MalformedBodyFor(fault, call.request_id, fixture ? fixture->image_json : "{}");
  } else {
    body = MalformedListBodyFor(fault, call.request_id, *NormalResult(call));
  }
  stats.RecordOutcome("200");
  res.status = 200;
  res.set_content(body, fault.body == MalformedBody::NotJson ? "text/html" : kJson);
}

void ApiDouble::Impl::AnswerTrickledHead(const Fault& fault, const httplib::Request& req,
                                         const std::string& request_id, const std::string& body,
                                         httplib::Response& res) {
  stats.RecordOutcome("200");
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + std::string(kRequestIdHeader) +
                           ": " + request_id + "\r\nX-Padding: " + std::string(64, '.') +
                           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  const int local_port = req.local_port, remote_port = req.remote_port;
  bool whole = true;
  for (std::size_t i = 0; i < head.size() && whole; i += fault.trickle_bytes) {
    whole = SendRaw(local_port, remote_port, head.substr(i, fault.trickle_bytes)) && Delay(fault.interval_ms) &&
            !PeerHasClosed(local_port, remote_port);
  }
  if (whole) SendRaw(local_port, remote_port, body);
  // The answer went out past httplib; its own is written to a closed socket.
  ShutdownConnections(local_port, remote_port, SHUT_RDWR);
  res.status = 200;
}

void ApiDouble::Impl::CloseAfterResponse(const httplib::Request& req, httplib::Response& res) {
  auto body = std::make_shared<std::string>(std::move(res.body));
  const std::string type = res.get_header_value("Content-Type");
  const int local_port = req.local_port, remote_port = req.remote_port;
  // Like a gateway whose idle timeout is 0: the connection closes the moment
  // the answer is out, with no "Connection: close" to warn the client.
  res.set_content_provider(
      body->size(), type,
      [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      },
      [local_port, remote_port](bool) { ShutdownConnections(local_port, remote_port, SHUT_RDWR); });
}

void ApiDouble::Impl::AnswerOversize(const Fault& fault, const Call& call, httplib::Response& res) {
  stats.RecordOutcome("200");
  res.status = 200;
  auto parts = std::make_shared<OversizeBody>(call.route == Route::DescribeImage
                                                  ? OversizeBodyParts(call.request_id, call.image_id)
                                                  : OversizeListBodyParts(call.request_id));
  const std::size_t total = std::max(fault.size_bytes, parts->prefix.size() + parts->suffix.size());
  auto chunk = std::make_shared<std::string>();
  if (fault.chunked) {
    res.set_chunked_content_provider(kJson, [this, parts, total, chunk](std::size_t offset, httplib::DataSink& sink) {
      if (Stopping()) return false;
      if (offset >= total) {
        sink.done();
        return true;
      }
      FillOversize(*parts, total, offset, *chunk);
      return sink.write(chunk->data(), chunk->size());
    });
    return;
  }
  res.set_content_provider(total, kJson,
                           [this, parts, total, chunk](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                             if (Stopping()) return false;
                             FillOversize(*parts, total, offset, *chunk);
                             return sink.write(chunk->data(), chunk->size());
                           });
}

void ApiDouble::Impl::AnswerDropMidBody(const std::string& body, httplib::Response& res) {
  res.status = 200;
  auto half = std::make_shared<std::string>(body.substr(0, body.size() / 2));
  // Declares the whole length, sends half, then gives up: httplib closes the
  // connection, so the client reads a short body.
  res.set_content_provider(body.size(), kJson, [half](std::size_t offset, std::size_t, httplib::DataSink& sink) {
    if (offset == 0 && !half->empty()) sink.write(half->data(), half->size());
    return false;
  });
}

void ApiDouble::Impl::AnswerTrickle(const Fault& fault, const httplib::Request& req, std::string body,
                                    httplib::Response& res) {
  stats.RecordOutcome("200");
  res.status = 200;
  auto full = std::make_shared<std::string>(std::move(body));
  const std::size_t step = fault.trickle_bytes;
  const int interval = fault.interval_ms;
  const int local_port = req.local_port, remote_port = req.remote_port;
  // httplib sends the headers (with the full Content-Length) before it first
  // calls the provider, and calls it again while the body is incomplete; a
  // call that writes nothing just waits one more interval.
  res.set_content_provider(
      full->size(), kJson,
      [this, full, step, interval, local_port, remote_port](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (!Delay(interval)) return false;  // stopping
        // Silent mode cannot notice a hang-up by a failed write: look.
        if (step == 0) return !PeerHasClosed(local_port, remote_port);
        return sink.write(full->data() + offset, std::min(step, full->size() - offset));
      });
}

void ApiDouble::Impl::InstallControlRoutes() {
  auto bad_request = [](httplib::Response& res, const std::string& message) {
    res.status = 400;
    res.set_content(ErrorBody(NewRequestId(), 400, "INVALID_ARGUMENT", message), kJson);
  };
  server->Get("/__double/health", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"ok\",\"images\":" + std::to_string(fixtures.Ids().size()) + "}", kJson);
  });
  server->Get("/__double/stats", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(stats.ToJson(), kJson);
  });
  server->Get("/__double/faults", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(FaultsToJson(faults.List()), kJson);
  });
  server->Post("/__double/faults", [this, bad_request](const httplib::Request& req, httplib::Response& res) {
    auto parsed = ParseFaults(req.body);
    if (!parsed) return bad_request(res, parsed.error());
    faults.Add(std::move(*parsed));
    res.set_content(FaultsToJson(faults.List()), kJson);
  });
  server->Delete("/__double/faults", [this](const httplib::Request&, httplib::Response& res) {
    faults.Clear();
    res.set_content(FaultsToJson({}), kJson);
  });
  server->Post("/__double/reset", [this](const httplib::Request&, httplib::Response& res) {
    faults.Clear();
    stats.Reset();
    res.set_content(stats.ToJson(), kJson);
  });
  server->Get("/__double/images", [this](const httplib::Request&, httplib::Response& res) {
    std::string body = "{\"images\":[";
    for (const auto& id : fixtures.Ids()) body += (body.back() == '[' ? "\"" : ",\"") + id + "\"";
    res.set_content(body + "]}", kJson);
  });
  server->Put(R"(/__double/images/([^/]+))", [this, bad_request](const httplib::Request& req, httplib::Response& res) {
    if (auto put = fixtures.Put(req.matches[1], req.body); !put) return bad_request(res, put.error());
    res.set_content("{\"imageId\":\"" + std::string(req.matches[1]) + "\"}", kJson);
  });
}

void ApiDouble::Impl::Stop() {
  {
    std::lock_guard lock(stop_mu);
    if (stopped) return;
    stopped = true;
    stopping = true;
  }
  stop_cv.notify_all();
  server->stop();
  // Idle keep-alive connections would otherwise hold their worker threads
  // (and so this join) for the whole keep-alive timeout.
  ShutdownConnections(port, std::nullopt, SHUT_RD);
  if (listener.joinable()) listener.join();
}

std::expected<std::unique_ptr<ApiDouble>, std::string> ApiDouble::Start(ApiDoubleOptions options) {
  std::signal(SIGPIPE, SIG_IGN);
  auto impl = std::make_unique<Impl>(std::move(options));
  std::vector<std::string> dirs{impl->options.fixtures_dir};
  dirs.insert(dirs.end(), impl->options.more_fixtures_dirs.begin(), impl->options.more_fixtures_dirs.end());
  for (const auto& dir : dirs)
    if (auto loaded = impl->fixtures.LoadDirectory(dir); !loaded) return std::unexpected(loaded.error());
  if (impl->options.access_key.empty() || impl->options.secret_key.empty())
    return std::unexpected("the access key and the secret key must not be empty");
  if (auto made = impl->MakeServer(); !made) return std::unexpected(made.error());
  impl->Configure();
  const auto& o = impl->options;
  if (o.port == 0) {
    impl->port = impl->server->bind_to_any_port(o.bind_address);
  } else if (impl->server->bind_to_port(o.bind_address, o.port)) {
    impl->port = o.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0)
    return std::unexpected("cannot listen on " + o.bind_address + ":" + std::to_string(o.port));
  impl->raise_backlog(kListenBacklog);
  Impl* raw = impl.get();
  impl->listener = std::thread([raw] {
    raw->server->listen_after_bind();
    raw->listener_done = true;
  });
  // httplib's stop() is a no-op until the accept loop runs; wait for it so an
  // immediate Stop() cannot miss it and hang the join.
  while (!impl->server->is_running() && !impl->listener_done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::unique_ptr<ApiDouble>(new ApiDouble(std::move(impl)));
}

ApiDouble::ApiDouble(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ApiDouble::~ApiDouble() { Stop(); }

int ApiDouble::port() const { return impl_->port; }
std::string ApiDouble::endpoint() const {
  const std::string host = impl_->options.bind_address == "0.0.0.0" ? "127.0.0.1" : impl_->options.bind_address;
  return (impl_->options.https_ca_file.empty() ? "http://" : "https://") + host + ":" + std::to_string(impl_->port);
}
void ApiDouble::Stop() { impl_->Stop(); }
FaultTable& ApiDouble::faults() { return impl_->faults; }
Stats& ApiDouble::stats() { return impl_->stats; }
FixtureStore& ApiDouble::fixtures() { return impl_->fixtures; }

}  // namespace api_double
