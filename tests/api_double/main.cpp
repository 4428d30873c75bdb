// jdcloud-api-double: the local JD Cloud API double as a program, for the
// demo, scripts and users' CI. Prints one line "listening on HOST:PORT" to
// stdout once it accepts connections, then serves until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_double.h"

namespace {

constexpr const char* kUsage = R"(Usage: jdcloud-api-double [options]

A local stand-in for JD Cloud's VM API: serves describeImage
(GET /v1/regions/{regionId}/images/{imageId}) and describeImages
(GET /v1/regions/{regionId}/images?imageSource=...) from fixture files, verifies the
JDCLOUD2-HMAC-SHA256 signature of every request and injects faults on request
(POST /__double/faults). See tests/api_double/README.md.

Options:
  --port N            port to listen on; 0 (default) picks a free one
  --bind ADDR         address to bind (default 127.0.0.1)
  --fixtures DIR      fixture directory holding images/<imageId>.json
                      (default: the source tree's tests/fixtures); repeat it
                      to serve several, e.g. tests/fixtures/catalog too
  --access-key AK     accepted access key (default $JDCLOUD_DOUBLE_ACCESS_KEY,
                      else AKTESTDOUBLE0000000)
  --secret-key SK     its secret key (default $JDCLOUD_DOUBLE_SECRET_KEY, else
                      SKTESTDOUBLE000000000000000000000); prefer the variable,
                      command lines are visible to other users
  --session-token T   temporary credentials: require x-jdcloud-security-token T,
                      signed (default $JDCLOUD_DOUBLE_SESSION_TOKEN, else none)
  --max-skew SECONDS  accepted x-jdcloud-date clock skew (default 900)
  --threads N         worker threads; each open keep-alive connection holds one
                      (default 32)
  --https-ca-out PATH serve https with a certificate from a fresh test CA and
                      write the CA certificate (PEM) to PATH, for ca_file
  --port-file PATH    write the port there (atomically) once listening
  --verbose           log each request (method, path, status) to stderr
  --help              print this help
)";

struct Args {
  api_double::ApiDoubleOptions options;
  bool fixtures_given = false;
  std::optional<std::string> port_file;
};

std::optional<int> ParseInt(std::string_view text, int lo, int hi) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const std::string s(text);
  const long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || v < lo || v > hi) return std::nullopt;
  return static_cast<int>(v);
}

// Exits 0 for --help, 2 for bad usage.
Args ParseArgs(int argc, char** argv) {
  Args args;
  if (const char* ak = std::getenv("JDCLOUD_DOUBLE_ACCESS_KEY"); ak && *ak) args.options.access_key = ak;
  if (const char* sk = std::getenv("JDCLOUD_DOUBLE_SECRET_KEY"); sk && *sk) args.options.secret_key = sk;
  if (const char* t = std::getenv("JDCLOUD_DOUBLE_SESSION_TOKEN"); t && *t) args.options.session_token = t;
  const std::vector<std::string_view> a(argv + 1, argv + argc);
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "jdcloud-api-double: %s (see --help)\n", message.c_str());
    std::exit(2);
  };
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string_view flag = a[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (flag == "--verbose") {
      args.options.verbose = true;
      continue;
    }
    if (i + 1 >= a.size()) fail(std::string(flag) + " needs a value, or is unknown");
    const std::string_view value = a[++i];
    if (flag == "--port") {
      const auto port = ParseInt(value, 0, 65535);
      if (!port) fail("--port must be 0..65535");
      args.options.port = *port;
    } else if (flag == "--bind") {
      args.options.bind_address = value;
    } else if (flag == "--fixtures") {
      // The first replaces the default; more are served as well.
      if (args.fixtures_given) args.options.more_fixtures_dirs.emplace_back(value);
      else args.options.fixtures_dir = value;
      args.fixtures_given = true;
    } else if (flag == "--access-key") {
      args.options.access_key = value;
    } else if (flag == "--secret-key") {
      args.options.secret_key = value;
    } else if (flag == "--session-token") {
      args.options.session_token = value;
    } else if (flag == "--max-skew") {
      const auto skew = ParseInt(value, 0, 7 * 24 * 3600);
      if (!skew) fail("--max-skew must be a number of seconds");
      args.options.max_clock_skew = std::chrono::seconds(*skew);
    } else if (flag == "--threads") {
      const auto threads = ParseInt(value, 1, 1024);
      if (!threads) fail("--threads must be 1..1024");
      args.options.threads = *threads;
    } else if (flag == "--https-ca-out") {
      args.options.https_ca_file = value;
    } else if (flag == "--port-file") {
      args.port_file = std::string(value);
    } else {
      fail("unknown option " + std::string(flag));
    }
  }
  return args;
}

// Write-then-rename, so a script polling the file never reads half a number.
bool WritePortFile(const std::string& path, int port) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);

  // Block the stop signals before any thread starts, so every server thread
  // inherits the mask and only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = api_double::ApiDouble::Start(args.options);
  if (!server) {
    std::fprintf(stderr, "jdcloud-api-double: %s\n", server.error().c_str());
    return 1;
  }
  if (args.port_file && !WritePortFile(*args.port_file, (*server)->port())) {
    std::fprintf(stderr, "jdcloud-api-double: cannot write the port file %s\n", args.port_file->c_str());
    return 1;
  }
  std::printf("listening on %s:%d\n", args.options.bind_address.c_str(), (*server)->port());
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  if (args.options.verbose) std::fprintf(stderr, "jdcloud-api-double: stopping (signal %d)\n", signal_number);
  (*server)->Stop();
  return 0;
}
