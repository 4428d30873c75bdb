// A plugin binary for transport tests: main.cpp's shape (cookie check, then
// transport::Serve) with a probe service instead of tfplugin. Environment:
//   TRANSPORT_TEST_PRINT_JUNK=1   print to stdout from inside the factory (must not reach it)
//   TRANSPORT_TEST_NO_SERVICE=1   the factory fails (Serve must exit 1 without a handshake)
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/impl/codegen/method_handler.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include "grpc_controller.pb.h"
#include "log/log.h"
#include "probe_service.h"
#include "transport/magic_cookie.h"
#include "transport/serve.h"

namespace {

// What provider::Provider::Stop() would do: wake every running call.
class StopFlag {
 public:
  void Set() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    cv_.notify_all();
  }
  // Sleeps up to `duration`; returns early when stopped unless `ignore_stop`.
  void SleepFor(std::chrono::milliseconds duration, bool ignore_stop) {
    if (ignore_stop) {
      std::this_thread::sleep_for(duration);
      return;
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, duration, [this] { return stopped_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

std::string Metadata(const grpc::ServerContext* context, std::string_view key) {
  const auto& md = context->client_metadata();
  auto it = md.find(grpc::string_ref(key.data(), key.size()));
  return it == md.end() ? "" : std::string(it->second.data(), it->second.size());
}

class ProbeService final : public grpc::Service {
 public:
  ProbeService(int protocol_version, StopFlag& stop) : version_(protocol_version), stop_(stop) {
    AddMethod(new grpc::internal::RpcServiceMethod(
        transport_test::kSleepMethod, grpc::internal::RpcMethod::NORMAL_RPC,
        new grpc::internal::RpcMethodHandler<ProbeService, plugin::Empty, plugin::Empty,
                                             grpc::protobuf::MessageLite,
                                             grpc::protobuf::MessageLite>(
            [](ProbeService* service, grpc::ServerContext* context, const plugin::Empty*,
               plugin::Empty*) { return service->Sleep(context); },
            this)));
  }

 private:
  grpc::Status Sleep(grpc::ServerContext* context) {
    const std::string ms = Metadata(context, transport_test::kSleepMsKey);
    const bool ignore_stop = Metadata(context, transport_test::kIgnoreStopKey) == "1";
    stop_.SleepFor(std::chrono::milliseconds(ms.empty() ? 0 : std::stoi(ms)), ignore_stop);
    context->AddTrailingMetadata(std::string(transport_test::kProtocolVersionKey),
                                 std::to_string(version_));
    return grpc::Status::OK;
  }

  int version_;
  StopFlag& stop_;
};

bool EnvSet(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && std::string(v) == "1";
}

}  // namespace

int main() {
  if (!transport::HasMagicCookie()) {
    std::fprintf(stderr, "%s\n", std::string(transport::kNotAPluginMessage).c_str());
    return 1;
  }
  logging::InitFromEnvironment();
  StopFlag stop;
  transport::ServeOptions options;
  options.on_stop = [&stop] { stop.Set(); };
  return transport::Serve(options, [&stop](int version) -> std::unique_ptr<grpc::Service> {
    if (EnvSet("TRANSPORT_TEST_PRINT_JUNK")) {
      std::printf("junk from printf\n");
      std::cout << "junk from std::cout" << std::endl;
      std::fflush(stdout);
    }
    if (EnvSet("TRANSPORT_TEST_NO_SERVICE")) return nullptr;
    return std::make_unique<ProbeService>(version, stop);
  });
}
