#include "api_double_process.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <rapidjson/document.h>

#include "build_paths.h"

namespace harness {
namespace {

using namespace std::chrono_literals;

std::map<std::string, std::uint64_t> CountMap(const rapidjson::Value& doc, const char* name) {
  std::map<std::string, std::uint64_t> out;
  auto it = doc.FindMember(name);
  if (it == doc.MemberEnd() || !it->value.IsObject()) return out;
  for (const auto& m : it->value.GetObject()) {
    if (m.value.IsUint64()) out[m.name.GetString()] = m.value.GetUint64();
  }
  return out;
}

std::uint64_t Lookup(const std::map<std::string, std::uint64_t>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "jd-double-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

}  // namespace

std::uint64_t DoubleStats::ForImage(const std::string& id) const { return Lookup(images, id); }
std::uint64_t DoubleStats::Outcome(const std::string& outcome) const { return Lookup(outcomes, outcome); }

ApiDoubleProcess::ApiDoubleProcess(std::vector<std::string> extra_args, std::string binary) {
  temp_dir_ = MakeTempDir();
  if (temp_dir_.empty()) {
    error_ = "cannot create a temporary directory";
    return;
  }
  const std::string port_file = temp_dir_ + "/port";
  std::vector<std::string> argv{binary.empty() ? ApiDoubleBinary() : binary, "--port", "0",
                                "--port-file", port_file, "--fixtures", FixturesDir()};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  Environment env = CurrentEnvironment();
  env.erase("JDCLOUD_DOUBLE_ACCESS_KEY");
  env.erase("JDCLOUD_DOUBLE_SECRET_KEY");
  process_ = std::make_unique<ChildProcess>(std::move(argv), env);
  if (!process_->error().empty()) {
    error_ = process_->error();
    return;
  }
  // The port file appears (atomically) once the double accepts connections.
  auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    if (in >> port_ && port_ > 0) return;
    port_ = 0;
    if (process_->WaitExit(0ms)) break;
    std::this_thread::sleep_for(10ms);
  }
  error_ = "the API double did not start; stderr: " + process_->StderrSoFar();
}

ApiDoubleProcess::~ApiDoubleProcess() {
  if (process_) {
    process_->Signal(SIGTERM);
    if (!process_->WaitExit(5s)) process_->Kill();
  }
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
}

std::string ApiDoubleProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::expected<void, std::string> ApiDoubleProcess::AddFaults(const std::string& json) {
  httplib::Client cli("127.0.0.1", port_);
  auto res = cli.Post("/__double/faults", json, "application/json");
  if (!res) return std::unexpected("POST /__double/faults: " + httplib::to_string(res.error()));
  if (res->status != 200) return std::unexpected("POST /__double/faults: " + res->body);
  return {};
}

std::expected<void, std::string> ApiDoubleProcess::ClearFaults() {
  httplib::Client cli("127.0.0.1", port_);
  auto res = cli.Delete("/__double/faults");
  if (!res || res->status != 200) return std::unexpected("DELETE /__double/faults failed");
  return {};
}

std::expected<void, std::string> ApiDoubleProcess::Reset() {
  httplib::Client cli("127.0.0.1", port_);
  auto res = cli.Post("/__double/reset", "", "application/json");
  if (!res || res->status != 200) return std::unexpected("POST /__double/reset failed");
  return {};
}

std::expected<void, std::string> ApiDoubleProcess::PutImage(const std::string& image_id,
                                                            const std::string& json) {
  httplib::Client cli("127.0.0.1", port_);
  auto res = cli.Put("/__double/images/" + image_id, json, "application/json");
  if (!res) return std::unexpected("PUT image: " + httplib::to_string(res.error()));
  if (res->status != 200) return std::unexpected("PUT image: " + res->body);
  return {};
}

std::expected<DoubleStats, std::string> ApiDoubleProcess::Stats() {
  httplib::Client cli("127.0.0.1", port_);
  auto res = cli.Get("/__double/stats");
  if (!res) return std::unexpected("GET /__double/stats: " + httplib::to_string(res.error()));
  rapidjson::Document doc;
  doc.Parse(res->body.c_str());
  if (doc.HasParseError() || !doc.IsObject()) return std::unexpected("bad stats body: " + res->body);
  DoubleStats s;
  auto total = doc.FindMember("total");
  if (total != doc.MemberEnd() && total->value.IsUint64()) s.total = total->value.GetUint64();
  s.images = CountMap(doc, "images");
  s.outcomes = CountMap(doc, "outcomes");
  s.faults = CountMap(doc, "faults");
  s.user_agents = CountMap(doc, "user_agents");
  s.routes = CountMap(doc, "routes");
  return s;
}

}  // namespace harness
