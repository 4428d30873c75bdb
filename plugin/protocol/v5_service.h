// The tfplugin5.Provider gRPC service (protocol 5), backed by the provider core.
#pragma once

#include <memory>

#include <grpcpp/impl/codegen/service_type.h>

#include "provider/provider.h"

namespace protocol {

// Serves GetMetadata, GetSchema, PrepareProviderConfig,
// ValidateDataSourceConfig, Configure, ReadDataSource, GetFunctions and Stop;
// every other RPC answers UNIMPLEMENTED.
std::unique_ptr<grpc::Service> NewV5Service(std::shared_ptr<provider::Provider> provider);

}  // namespace protocol
