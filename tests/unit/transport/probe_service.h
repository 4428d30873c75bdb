// A stand-in for the tfplugin service in transport tests: one unary method,
// /transport.test.Probe/Sleep, served by the same sync thread pool that the
// provider service uses. Built with gRPC's own handler templates and the
// plugin.Empty message, so no test-only proto is needed.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string_view>

namespace transport_test {

inline constexpr const char* kSleepMethod = "/transport.test.Probe/Sleep";

// Request metadata understood by Sleep:
//   sleep-ms: how long to run (default 0)
//   ignore-stop: "1" = keep running even after the process is told to stop
// Trailing metadata: protocol-version (what the factory was asked for).
inline constexpr std::string_view kSleepMsKey = "sleep-ms";
inline constexpr std::string_view kIgnoreStopKey = "ignore-stop";
inline constexpr std::string_view kProtocolVersionKey = "protocol-version";

}  // namespace transport_test
