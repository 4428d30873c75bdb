#include "protocol/v6_service.h"

#include "protocol/adapter.h"
#include "protocol/serve.h"
#include "tfplugin6.grpc.pb.h"

namespace protocol {
namespace {

namespace pb = tfplugin6;
constexpr std::string_view kVersion = "6";

class V6Service final : public pb::Provider::Service {
 public:
  explicit V6Service(std::shared_ptr<provider::Provider> provider) : adapter_(std::move(provider)) {}

  grpc::Status GetMetadata(grpc::ServerContext*, const pb::GetMetadata_::Request*,
                           pb::GetMetadata_::Response* response) override {
    return Serve(kVersion, "GetMetadata", {}, response, [&] { adapter_.GetMetadata(response); });
  }

  grpc::Status GetProviderSchema(grpc::ServerContext*, const pb::GetProviderSchema::Request*,
                                 pb::GetProviderSchema::Response* response) override {
    return Serve(kVersion, "GetProviderSchema", {}, response, [&] { adapter_.GetProviderSchema(response); });
  }

  grpc::Status ValidateProviderConfig(grpc::ServerContext*, const pb::ValidateProviderConfig::Request* request,
                                      pb::ValidateProviderConfig::Response* response) override {
    return Serve(kVersion, "ValidateProviderConfig", {}, response,
                 [&] { adapter_.ValidateProviderConfig(*request, response); });
  }

  grpc::Status ValidateDataResourceConfig(grpc::ServerContext*,
                                          const pb::ValidateDataResourceConfig::Request* request,
                                          pb::ValidateDataResourceConfig::Response* response) override {
    return Serve(kVersion, "ValidateDataResourceConfig", request->type_name(), response,
                 [&] { adapter_.ValidateDataSourceConfig(*request, response); });
  }

  grpc::Status ConfigureProvider(grpc::ServerContext*, const pb::ConfigureProvider::Request* request,
                                 pb::ConfigureProvider::Response* response) override {
    return Serve(kVersion, "ConfigureProvider", {}, response,
                 [&] { adapter_.ConfigureProvider(*request, response); });
  }

  grpc::Status ReadDataSource(grpc::ServerContext*, const pb::ReadDataSource::Request* request,
                              pb::ReadDataSource::Response* response) override {
    return Serve(kVersion, "ReadDataSource", request->type_name(), response,
                 [&] { adapter_.ReadDataSource(*request, response); });
  }

  grpc::Status GetFunctions(grpc::ServerContext*, const pb::GetFunctions::Request*,
                            pb::GetFunctions::Response* response) override {
    return Serve(kVersion, "GetFunctions", {}, response, [&] { adapter_.GetFunctions(response); });
  }

  grpc::Status StopProvider(grpc::ServerContext*, const pb::StopProvider::Request*,
                            pb::StopProvider::Response* response) override {
    return Serve(kVersion, "StopProvider", {}, response, [&] { adapter_.Stop(); });
  }

 private:
  Adapter<pb::GetProviderSchema::Response> adapter_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewV6Service(std::shared_ptr<provider::Provider> provider) {
  return std::make_unique<V6Service>(std::move(provider));
}

}  // namespace protocol
