// Logs each served RPC at debug level with its duration when it ends. Only
// the RPC name, protocol version and (optionally) the type name are logged,
// never request values: they may hold credentials.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace protocol {

class RpcTimer {
 public:
  RpcTimer(std::string_view protocol_version, std::string_view rpc, std::string_view type_name = {});
  ~RpcTimer();
  RpcTimer(const RpcTimer&) = delete;
  RpcTimer& operator=(const RpcTimer&) = delete;

 private:
  std::string_view protocol_version_;
  std::string_view rpc_;
  std::string type_name_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace protocol
