// provider-bench: start-up, schema, read latency/throughput and memory of the
// provider launched as Terraform launches it, the JD Cloud client alone
// against the API double, and (--terraform) a whole `terraform plan`.
// Not a test: it measures and reports; see README.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "benches.h"
#include "build_paths.h"

namespace {

constexpr const char* kUsage =
    "usage: provider-bench [--json] [--terraform] [--provider PATH] [--floor PATH] [--quick]\n"
    "  --json        print the figures as JSON instead of a table\n"
    "  --terraform   also time `terraform plan` of examples/basic (terraform must be on PATH)\n"
    "  --provider    the provider binary (default: the one built with this program)\n"
    "  --floor       the start-up floor program (default: the startup-floor built with this program)\n"
    "  --quick       fewer repetitions (a smoke run, not for publishing)\n"
    "  --only GROUP  run one group: binary, startup, reads, client, search, terraform\n";

}  // namespace

int main(int argc, char** argv) {
  bench::Options o;
  o.provider = harness::ProviderBinary();
  o.floor = JD_STARTUP_FLOOR_BINARY;
  bool json = false, terraform = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json") json = true;
    else if (a == "--terraform") terraform = true;
    else if (a == "--provider" && i + 1 < argc) o.provider = argv[++i];
    else if (a == "--floor" && i + 1 < argc) o.floor = argv[++i];
    else if (a == "--only" && i + 1 < argc) only = argv[++i];
    else if (a == "--quick") {
      o.launches = 10, o.schema_launches = 5, o.first_reads = 100, o.cached_reads = 200;
      o.concurrent_reads = 9000, o.client_calls = 200, o.plans = 2, o.searches = 5;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      std::fprintf(stderr, "provider-bench: unknown argument %s\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  std::signal(SIGPIPE, SIG_IGN);
  bench::Report report;
  report.Note("provider", o.provider);
  report.Note("floor", o.floor);
  auto run = [&](const char* group) { return only.empty() || only == group; };
  if (run("binary")) bench::BenchBinary(o, report);
  if (run("startup")) bench::BenchStartup(o, report);
  if (run("reads")) bench::BenchReads(o, report);
  if (run("client")) bench::BenchClient(o, report);
  if (run("search")) bench::BenchSearch(o, report);
  if ((terraform && only.empty()) || only == "terraform") bench::BenchTerraform(o, report);
  std::fputs(json ? report.Json().c_str() : report.Table().c_str(), stdout);
  return 0;
}
