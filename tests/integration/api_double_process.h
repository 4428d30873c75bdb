// The local JD Cloud API double (tests/api_double) running on a free loopback
// port for one test, with helpers for its control endpoints: faults
// (POST/DELETE /__double/faults) and request statistics (GET /__double/stats).
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"

namespace harness {

// GET /__double/stats, decoded.
struct DoubleStats {
  std::uint64_t total = 0;                        // API requests received (both routes)
  std::map<std::string, std::uint64_t> images;    // per image id
  std::map<std::string, std::uint64_t> outcomes;  // "200", "401", ..., "dropped"
  std::map<std::string, std::uint64_t> faults;    // per fault kind applied
  std::map<std::string, std::uint64_t> user_agents;
  std::map<std::string, std::uint64_t> routes;  // per API: "describeImage", "describeImages"

  std::uint64_t ForImage(const std::string& id) const;
  std::uint64_t Outcome(const std::string& outcome) const;
};

class ApiDoubleProcess {
 public:
  // Starts the double (`binary`, default the built one) on port 0 and waits
  // until it has written its port file.
  explicit ApiDoubleProcess(std::vector<std::string> extra_args = {}, std::string binary = "");
  ~ApiDoubleProcess();

  // Empty when the double is up; otherwise why it is not.
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT"

  // POST /__double/faults with a JSON fault object or array.
  std::expected<void, std::string> AddFaults(const std::string& json);
  std::expected<void, std::string> ClearFaults();
  std::expected<DoubleStats, std::string> Stats();
  // POST /__double/reset: clears faults and statistics.
  std::expected<void, std::string> Reset();
  // PUT /__double/images/{id}: serves `json` (an Image object) under that id.
  std::expected<void, std::string> PutImage(const std::string& image_id, const std::string& json);

  std::string Stderr() { return process_ ? process_->StderrSoFar() : ""; }
  ChildProcess& process() { return *process_; }

 private:
  std::string temp_dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  std::string error_;
};

// The credentials the double accepts by default (tests/api_double/README.md).
inline constexpr const char* kDoubleAccessKey = "AKTESTDOUBLE0000000";
inline constexpr const char* kDoubleSecretKey = "SKTESTDOUBLE000000000000000000000";

}  // namespace harness
