#include "protocol/rpc_timer.h"

#include <cstdio>

#include "log/log.h"

namespace protocol {

RpcTimer::RpcTimer(std::string_view protocol_version, std::string_view rpc, std::string_view type_name)
    : protocol_version_(protocol_version),
      rpc_(rpc),
      type_name_(type_name),
      start_(std::chrono::steady_clock::now()) {}

RpcTimer::~RpcTimer() {
  if (!logging::Enabled(logging::Level::Debug)) return;
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start_;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f", elapsed.count());
  if (type_name_.empty()) {
    logging::Debug("served RPC",
                   {{"tf_rpc", rpc_}, {"tf_proto_version", protocol_version_}, {"duration_ms", duration}});
  } else {
    logging::Debug("served RPC", {{"tf_rpc", rpc_},
                                  {"tf_proto_version", protocol_version_},
                                  {"tf_type_name", type_name_},
                                  {"duration_ms", duration}});
  }
}

}  // namespace protocol
