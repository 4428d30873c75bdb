// tfplugin5.Provider as Terraform 0.12 and later drive it; its RPC names differ from v6
// (GetSchema, PrepareProviderConfig, Configure, ValidateDataSourceConfig, Stop).
#include "tfplugin5.grpc.pb.h"
#include "versioned_provider_client.h"

namespace harness {
namespace {

struct Protocol5 {
  using Service = tfplugin5::Provider;
  static constexpr int kVersion = 5;
  static constexpr auto kGetProviderSchema = &Service::Stub::GetSchema;
  static constexpr auto kValidateProviderConfig = &Service::Stub::PrepareProviderConfig;
  static constexpr auto kConfigureProvider = &Service::Stub::Configure;
  static constexpr auto kValidateDataSourceConfig = &Service::Stub::ValidateDataSourceConfig;
  static constexpr auto kStopProvider = &Service::Stub::Stop;
};

}  // namespace

std::unique_ptr<ProviderClient> MakeProviderClientV5(std::shared_ptr<grpc::Channel> channel) {
  return std::make_unique<VersionedProviderClient<Protocol5>>(std::move(channel));
}

}  // namespace harness
