// The tfplugin6.Provider gRPC service (protocol 6), backed by the provider core.
#pragma once

#include <memory>

#include <grpcpp/impl/codegen/service_type.h>

#include "provider/provider.h"

namespace protocol {

// Serves GetMetadata, GetProviderSchema, ValidateProviderConfig,
// ValidateDataResourceConfig, ConfigureProvider, ReadDataSource, GetFunctions
// and StopProvider; every other RPC answers UNIMPLEMENTED.
std::unique_ptr<grpc::Service> NewV6Service(std::shared_ptr<provider::Provider> provider);

}  // namespace protocol
