#include "provider_client.h"

namespace harness {

std::unique_ptr<ProviderClient> MakeProviderClientV5(std::shared_ptr<grpc::Channel> channel);
std::unique_ptr<ProviderClient> MakeProviderClientV6(std::shared_ptr<grpc::Channel> channel);

std::unique_ptr<ProviderClient> MakeProviderClient(int protocol_version,
                                                   std::shared_ptr<grpc::Channel> channel) {
  return protocol_version == 5 ? MakeProviderClientV5(std::move(channel))
                               : MakeProviderClientV6(std::move(channel));
}

}  // namespace harness
