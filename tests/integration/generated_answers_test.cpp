// Generated describeImage answers (answer_generator.h) served by the API
// double and read through the real binary, protocols 5 and 6 in turn; each
// state must equal what the generator, apart from the provider's mapping,
// says the answer means, and each answer holding a value of the wrong kind
// must fail naming its path and the request id. JD_GENERATED_SEED and
// JD_GENERATED_COUNT (default: a fresh seed, 10,000 answers) repeat a run.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "answer_generator.h"
#include "read_support.h"
#include "value_json.h"

using namespace harness;

namespace {

std::uint64_t EnvNumber(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

std::string GeneratedId(std::uint64_t i) {
  std::string digits = std::to_string(i);
  return "img-gen" + std::string(digits.size() < 8 ? 8 - digits.size() : 0, '0') + digits;
}

// What is wrong with a read of `answer`, or "".
std::string Mismatch(const GeneratedAnswer& answer, const ReadOutcome& r) {
  if (!r.ok()) return "RPC failed: " + r.status.error_message();
  if (!answer.wrong_kind_path.empty()) {
    if (r.state.has_value() || r.diagnostics.size() != 1) return "expected one error and no state, got " + Describe(r.diagnostics);
    const std::string text = r.diagnostics[0].summary + " " + r.diagnostics[0].detail;
    if (text.find(answer.wrong_kind_path + ":") == std::string::npos) return "error does not name " + answer.wrong_kind_path + ": " + text;
    if (text.find("Request ID: ") == std::string::npos) return "error has no request id: " + text;
    return "";
  }
  if (HasError(r.diagnostics)) return "unexpected error: " + Describe(r.diagnostics);
  if (!r.state) return "no state: " + r.state_error;
  std::string diffs;
  for (const auto& [name, expected] : answer.expected.entries()) {
    const cty::Value& got = r.state->GetAttr(name);
    if (got != expected) diffs += "\n  " + name + ": expected " + ValueToPrettyJson(expected) + "\n     got " + ValueToPrettyJson(got);
  }
  return diffs;
}

}  // namespace

TEST_CASE("generated answers read back as the independent oracle says, in both protocols", "[generated]") {
  const std::uint64_t seed = EnvNumber("JD_GENERATED_SEED", std::random_device{}());
  const std::uint64_t count = EnvNumber("JD_GENERATED_COUNT", 10000);
  std::cout << "generated answers: JD_GENERATED_SEED=" << seed << " JD_GENERATED_COUNT=" << count << std::endl;
  ReadRig rigs[] = {StartRig("5"), StartRig("6")};
  for (auto& rig : rigs) REQUIRE(rig.Configure().ok());

  const auto started = std::chrono::steady_clock::now();
  std::uint64_t failures = 0, wrong_kinds = 0;
  for (std::uint64_t i = 0; i < count && failures < 5; ++i) {
    ReadRig& rig = rigs[i % 2];
    const std::string id = GeneratedId(i);
    const GeneratedAnswer answer = GenerateAnswer(seed + i, id);
    wrong_kinds += !answer.wrong_kind_path.empty();
    auto put = rig.api->PutImage(id, answer.image_json);
    INFO(id << ": " << (put ? "" : put.error()));
    REQUIRE(put.has_value());
    const std::string problem = Mismatch(answer, rig.Read(id));
    if (problem.empty()) continue;
    ++failures;
    FAIL_CHECK("protocol " << (i % 2 ? 6 : 5) << ", JD_GENERATED_SEED=" << seed + i << " JD_GENERATED_COUNT=1 ("
                           << id << "): " << problem << "\nbody: " << answer.image_json);
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "generated answers: " << count << " read in " << seconds << " s (" << wrong_kinds
            << " with a value of the wrong kind), " << failures << " failed" << std::endl;
  CHECK(failures == 0);
  for (auto& rig : rigs) ShutdownCleanly(rig.plugin);
}
