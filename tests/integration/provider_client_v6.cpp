// tfplugin6.Provider as Terraform >= 1.0 drives it.
#include "tfplugin6.grpc.pb.h"
#include "versioned_provider_client.h"

namespace harness {
namespace {

struct Protocol6 {
  using Service = tfplugin6::Provider;
  static constexpr int kVersion = 6;
  static constexpr auto kGetProviderSchema = &Service::Stub::GetProviderSchema;
  static constexpr auto kValidateProviderConfig = &Service::Stub::ValidateProviderConfig;
  static constexpr auto kConfigureProvider = &Service::Stub::ConfigureProvider;
  static constexpr auto kValidateDataSourceConfig = &Service::Stub::ValidateDataResourceConfig;
  static constexpr auto kStopProvider = &Service::Stub::StopProvider;
};

}  // namespace

std::unique_ptr<ProviderClient> MakeProviderClientV6(std::shared_ptr<grpc::Channel> channel) {
  return std::make_unique<VersionedProviderClient<Protocol6>>(std::move(channel));
}

}  // namespace harness
