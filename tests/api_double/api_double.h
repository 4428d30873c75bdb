// The local JD Cloud API double: an HTTP server (cpp-httplib) that serves
// describeImage (GET /v1/regions/{regionId}/images/{imageId}) and
// describeImages (GET /v1/regions/{regionId}/images?...) from fixture files, verifies every request's JDCLOUD2-HMAC-SHA256 signature like the
// real gateway, injects faults on request and counts what it served. Tests
// start it in-process; the jdcloud-api-double executable wraps it for the
// demo, scripts and users' CI. See README.md.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "fault.h"
#include "fixture_store.h"
#include "stats.h"

namespace api_double {

// The documented test credentials (README.md). Never use them anywhere real.
inline constexpr const char* kDefaultAccessKey = "AKTESTDOUBLE0000000";
inline constexpr const char* kDefaultSecretKey = "SKTESTDOUBLE000000000000000000000";

// tests/fixtures of the source tree this double was built from.
std::string DefaultFixturesDir();

struct ApiDoubleOptions {
  std::string bind_address = "127.0.0.1";
  int port = 0;  // 0 = any free port
  std::string fixtures_dir = DefaultFixturesDir();
  // Loaded after fixtures_dir, in order; an image id seen again replaces the
  // earlier one (e.g. tests/fixtures plus tests/fixtures/catalog).
  std::vector<std::string> more_fixtures_dirs;
  std::string access_key = kDefaultAccessKey;
  std::string secret_key = kDefaultSecretKey;  // sensitive: never printed
  // Non-empty: the credentials are temporary and every request must carry
  // this x-jdcloud-security-token, signed. Sensitive: never printed.
  std::string session_token;
  std::chrono::seconds max_clock_skew{15 * 60};
  // Non-empty: serve https with a certificate from a fresh test CA, whose
  // certificate is written to this file (for the client's ca_file).
  std::string https_ca_file;
  int threads = 32;      // each open keep-alive connection holds one
  bool verbose = false;  // one line per request on stderr (never headers)
};

class ApiDouble {
 public:
  // Loads the fixtures, binds and starts serving on background threads.
  // Ignores SIGPIPE process-wide: a client that hangs up must not kill us.
  static std::expected<std::unique_ptr<ApiDouble>, std::string> Start(ApiDoubleOptions options);
  ~ApiDouble();  // Stop()
  ApiDouble(const ApiDouble&) = delete;
  ApiDouble& operator=(const ApiDouble&) = delete;

  int port() const;
  std::string endpoint() const;  // "http://127.0.0.1:PORT" (https in https mode)
  // Ends delays, closes connections and joins every thread. Idempotent.
  void Stop();

  FaultTable& faults();
  Stats& stats();
  FixtureStore& fixtures();

  struct Impl;

 private:
  explicit ApiDouble(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace api_double
