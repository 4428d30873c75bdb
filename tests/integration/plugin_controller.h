// go-plugin's controller service as Terraform's client uses it.
#pragma once

#include <chrono>
#include <memory>

#include <grpcpp/grpcpp.h>

namespace harness {

// plugin.GRPCController/Shutdown, as go-plugin's Kill() sends it.
grpc::Status ShutdownPlugin(const std::shared_ptr<grpc::Channel>& channel,
                            std::chrono::milliseconds deadline = std::chrono::seconds(5));

}  // namespace harness
