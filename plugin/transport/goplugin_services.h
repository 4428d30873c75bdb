// go-plugin's auxiliary services (reference §4), which every go-plugin client
// expects next to the provider service. All three are callback services, so
// they need no thread from the sync pool that the provider service uses.
#pragma once

#include <functional>

#include "grpc_broker.grpc.pb.h"
#include "grpc_controller.grpc.pb.h"
#include "grpc_stdio.grpc.pb.h"
#include "transport/idle_streams.h"

namespace transport {

// GRPCController/Shutdown: replies at once and asks the process to stop; the
// server itself is shut down from another thread (the handler must not wait for it).
class ControllerService final : public plugin::GRPCController::CallbackService {
 public:
  explicit ControllerService(std::function<void()> request_stop);
  grpc::ServerUnaryReactor* Shutdown(grpc::CallbackServerContext* context,
                                     const plugin::Empty* request, plugin::Empty* reply) override;

 private:
  std::function<void()> request_stop_;
};

// GRPCStdio/StreamStdio: an open stream on which we never send, because our
// output goes to stderr as hclog lines. Ends when cancelled or on shutdown.
class StdioService final : public plugin::GRPCStdio::CallbackService {
 public:
  explicit StdioService(IdleStreams& streams) : streams_(streams) {}
  grpc::ServerWriteReactor<plugin::StdioData>* StreamStdio(
      grpc::CallbackServerContext* context, const google::protobuf::Empty* request) override;

 private:
  IdleStreams& streams_;
};

// GRPCBroker/StartStream: providers never broker connections; incoming
// messages are read and dropped. Ends when the client closes its side, when
// cancelled, or on shutdown.
class BrokerService final : public plugin::GRPCBroker::CallbackService {
 public:
  explicit BrokerService(IdleStreams& streams) : streams_(streams) {}
  grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo>* StartStream(
      grpc::CallbackServerContext* context) override;

 private:
  IdleStreams& streams_;
};

}  // namespace transport
