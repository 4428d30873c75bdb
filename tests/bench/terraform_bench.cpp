// A whole `terraform plan` of examples/basic against the API double, with the
// provider installed through dev_overrides: wall time, provider processes
// started (counted by a wrapper script in a separate run, so the timed runs
// pay no shell start-up) and API calls (the double's stats).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "api_double_process.h"
#include "benches.h"
#include "build_paths.h"
#include "child_process.h"
#include "plugin_process.h"

namespace bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    fs::path candidate = fs::path(dir) / name;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

std::string CliConfig(const fs::path& provider_dir) {
  return "provider_installation {\n  dev_overrides {\n    \"terraform.local/jdcloud/jdcloud\" = \"" +
         provider_dir.string() + "\"\n  }\n  direct {}\n}\n";
}

struct PlanResult {
  bool ok = false;
  double seconds = 0;
  std::string output;
};

PlanResult Plan(const std::string& terraform, const fs::path& config_dir, const fs::path& cli_config,
                const std::string& endpoint) {
  auto env = harness::CleanEnvironment();
  env["TF_CLI_CONFIG_FILE"] = cli_config;
  env["CHECKPOINT_DISABLE"] = "1";
  env["TF_IN_AUTOMATION"] = "1";
  env["TF_INPUT"] = "0";
  env["TF_VAR_endpoint"] = endpoint;
  env["JDCLOUD_ACCESS_KEY"] = harness::kDoubleAccessKey;
  env["JDCLOUD_SECRET_KEY"] = harness::kDoubleSecretKey;
  auto t0 = Clock::now();
  harness::ChildProcess tf({terraform, "-chdir=" + config_dir.string(), "plan", "-no-color", "-input=false"}, env);
  auto status = tf.WaitExit(std::chrono::minutes(3));
  PlanResult r;
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  tf.WaitForOutputClosed(std::chrono::seconds(2));
  r.ok = status && status->exited && status->code == 0;
  r.output = tf.StdoutSoFar() + tf.StderrSoFar();
  return r;
}

}  // namespace

bool BenchTerraform(const Options& o, Report& report) {
  std::string terraform = FindOnPath("terraform");
  if (terraform.empty()) {
    report.Note("terraform", "SKIPPED: terraform is not on PATH");
    return false;
  }
  harness::ApiDoubleProcess api;
  if (!api.error().empty()) return false;

  char tmpl[] = "/tmp/provider-bench-XXXXXX";
  if (!mkdtemp(tmpl)) return false;
  fs::path work(tmpl);
  fs::path config = work / "basic";
  fs::create_directories(config);
  fs::path example = fs::path(harness::FixturesDir()) / ".." / ".." / "examples" / "basic";
  for (const auto& entry : fs::directory_iterator(example)) {
    if (entry.path().extension() == ".tf") fs::copy_file(entry.path(), config / entry.path().filename());
  }
  // Timed runs load the binary itself (a symlink named as dev_overrides expects).
  fs::path direct_dir = work / "direct";
  fs::create_directories(direct_dir);
  fs::create_symlink(fs::absolute(o.provider), direct_dir / "terraform-provider-jdcloud");
  Write(work / "direct.tfrc", CliConfig(direct_dir));
  // The counting run loads a wrapper that notes each start.
  fs::path counting_dir = work / "counting";
  fs::create_directories(counting_dir);
  fs::path wrapper = counting_dir / "terraform-provider-jdcloud";
  Write(wrapper, "#!/bin/sh\necho start >> '" + (work / "starts").string() + "'\nexec '" +
                     fs::absolute(o.provider).string() + "' \"$@\"\n");
  chmod(wrapper.c_str(), 0755);
  Write(work / "counting.tfrc", CliConfig(counting_dir));

  std::vector<double> seconds;
  std::vector<double> api_calls;
  (void)Plan(terraform, config, work / "direct.tfrc", api.base_url());  // warm the page cache
  for (int i = 0; i < o.plans; ++i) {
    (void)api.Reset();
    auto r = Plan(terraform, config, work / "direct.tfrc", api.base_url());
    if (!r.ok) {
      std::fprintf(stderr, "provider-bench: terraform plan failed:\n%s\n", r.output.c_str());
      fs::remove_all(work);
      return false;
    }
    seconds.push_back(r.seconds * 1000);
    if (auto s = api.Stats()) api_calls.push_back(static_cast<double>(s->total));
  }
  (void)Plan(terraform, config, work / "counting.tfrc", api.base_url());
  std::ifstream starts(work / "starts");
  int processes = 0;
  for (std::string line; std::getline(starts, line);) ++processes;
  fs::remove_all(work);

  report.Add({"terraform_plan_ms", "terraform plan of examples/basic (wall)", "ms", Summarize(seconds), 0, "",
              std::nullopt});
  report.Add({"terraform_provider_processes", "provider processes started per plan", "count", std::nullopt,
              static_cast<double>(processes), "", std::nullopt});
  auto calls = Summarize(api_calls);
  report.Add({"terraform_api_calls", "API calls per plan (1 distinct image)", "calls", std::nullopt, calls.median,
              "<= 1", calls.median <= 1});
  return true;
}

void BenchBinary(const Options& o, Report& report) {
  std::error_code ec;
  auto size = fs::file_size(o.provider, ec);
  if (ec) return;
  report.Add({"binary_bytes", "provider binary size (as built)", "bytes", std::nullopt, static_cast<double>(size), "",
              std::nullopt});
  // The release size: the same binary without its debug and symbol tables.
  std::string stripped = fs::temp_directory_path() / ("provider-bench-strip-" + std::to_string(getpid()));
  harness::ChildProcess strip({FindOnPath("strip"), "-o", stripped, o.provider}, harness::CurrentEnvironment());
  auto st = strip.WaitExit(std::chrono::seconds(60));
  if (st && st->exited && st->code == 0) {
    report.Add({"binary_stripped_bytes", "provider binary size (stripped)", "bytes", std::nullopt,
                static_cast<double>(fs::file_size(stripped, ec)), "", std::nullopt});
  }
  fs::remove(stripped, ec);
}

}  // namespace bench
