// Each RPC is logged at debug with its duration, and never with config values.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "fake_provider.h"
#include "log/log.h"
#include "test_bytes.h"
#include "versions.h"

using namespace protocol_test;

namespace {

// Redirects fd 2 into a temporary file for its lifetime (the logger writes
// straight to STDERR_FILENO).
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()), saved_(::dup(STDERR_FILENO)) {
    ::dup2(::fileno(file_), STDERR_FILENO);
  }
  ~StderrCapture() {
    Restore();
    std::fclose(file_);
  }
  std::string Text() {
    Restore();
    std::string text;
    std::rewind(file_);
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file_)) > 0;) text.append(buffer, n);
    return text;
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_;
};

class DebugLogging {
 public:
  DebugLogging() { logging::SetLevel(logging::Level::Debug); }
  ~DebugLogging() { logging::SetLevel(logging::Level::Off); }
};

}  // namespace

TEMPLATE_TEST_CASE("RPCs are logged at debug with duration and without values", "[log]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  // {endpoint = "https://vm.example", max_retries = null, secret_key = "s3cr3t"}
  const std::string config = FromHex(
      "83 a8 656e64706f696e74 b2 68747470733a2f2f766d2e6578616d706c65 ab 6d61785f72657472696573 c0"
      " aa 7365637265745f6b6579 a6 733363723374");

  std::string text;
  {
    DebugLogging debug;
    StderrCapture capture;
    CHECK(TestType::Configure(s, "1.11.4", TestType::Msgpack(config)).diagnostics_size() == 0);
    TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
    text = capture.Text();
  }
  REQUIRE(fake->LastCall().rpc == "ReadDataSource");

  const std::string configure_rpc = TestType::kVersion == 6 ? "ConfigureProvider" : "Configure";
  CHECK(text.find("\"tf_rpc\":\"" + configure_rpc + "\"") != std::string::npos);
  CHECK(text.find("\"tf_rpc\":\"ReadDataSource\"") != std::string::npos);
  CHECK(text.find("\"tf_type_name\":\"probe_echo\"") != std::string::npos);
  CHECK(text.find("\"tf_proto_version\":\"" + std::to_string(TestType::kVersion) + "\"") != std::string::npos);
  CHECK(text.find("\"duration_ms\":\"") != std::string::npos);
  CHECK(text.find("\"@level\":\"debug\"") != std::string::npos);
  // Configuration values never reach the log.
  CHECK(text.find("s3cr3t") == std::string::npos);
  CHECK(text.find("vm.example") == std::string::npos);
  CHECK(text.find("hello") == std::string::npos);
}

TEST_CASE("nothing is logged when debug logging is off", "[log]") {
  auto fake = std::make_shared<FakeProvider>();
  auto service = V6::New(fake);
  logging::SetLevel(logging::Level::Info);
  StderrCapture capture;
  V6::GetSchema(V6::Cast(*service));
  const std::string text = capture.Text();
  logging::SetLevel(logging::Level::Off);
  CHECK(text.empty());
}
