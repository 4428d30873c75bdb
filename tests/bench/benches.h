// The benchmark groups of provider-bench; each adds its rows to the report.
#pragma once

#include <string>

#include "summary.h"

namespace bench {

struct Options {
  std::string provider;    // the provider binary launched as Terraform launches it
  std::string floor;       // startup-floor: the start-up the provider is compared with
  int launches = 50;       // exec -> handshake repetitions
  int schema_launches = 20;
  int first_reads = 500;   // sequential reads of never-read images
  int cached_reads = 2000; // sequential reads of one cached image
  int concurrent_reads = 7000;  // cached reads spread over 10 callers
  int client_calls = 2000; // client-only sequential calls
  int plans = 5;           // terraform plan repetitions
  int searches = 20;       // fresh providers, each one search and one lookup
};

void BenchStartup(const Options& o, Report& report);
void BenchReads(const Options& o, Report& report);
void BenchClient(const Options& o, Report& report);
void BenchSearch(const Options& o, Report& report);
// false (with a note) when terraform is not on PATH.
bool BenchTerraform(const Options& o, Report& report);
void BenchBinary(const Options& o, Report& report);

}  // namespace bench
