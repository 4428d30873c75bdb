#include "plugin_controller.h"

#include "grpc_controller.grpc.pb.h"

namespace harness {

grpc::Status ShutdownPlugin(const std::shared_ptr<grpc::Channel>& channel,
                            std::chrono::milliseconds deadline) {
  auto stub = plugin::GRPCController::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + deadline);
  plugin::Empty request, response;
  return stub->Shutdown(&ctx, request, &response);
}

}  // namespace harness
