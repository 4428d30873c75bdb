#include "protocol/v5_service.h"

#include "protocol/adapter.h"
#include "protocol/serve.h"
#include "tfplugin5.grpc.pb.h"

namespace protocol {
namespace {

namespace pb = tfplugin5;
constexpr std::string_view kVersion = "5";

// Protocol 5 names some RPCs differently (GetSchema, PrepareProviderConfig,
// ValidateDataSourceConfig, Configure, Stop); the behaviour is protocol 6's.
class V5Service final : public pb::Provider::Service {
 public:
  explicit V5Service(std::shared_ptr<provider::Provider> provider) : adapter_(std::move(provider)) {}

  grpc::Status GetMetadata(grpc::ServerContext*, const pb::GetMetadata_::Request*,
                           pb::GetMetadata_::Response* response) override {
    return Serve(kVersion, "GetMetadata", {}, response, [&] { adapter_.GetMetadata(response); });
  }

  grpc::Status GetSchema(grpc::ServerContext*, const pb::GetProviderSchema::Request*,
                         pb::GetProviderSchema::Response* response) override {
    return Serve(kVersion, "GetSchema", {}, response, [&] { adapter_.GetProviderSchema(response); });
  }

  // prepared_config stays unset: Terraform ignores it (reference §5.3).
  grpc::Status PrepareProviderConfig(grpc::ServerContext*, const pb::PrepareProviderConfig::Request* request,
                                     pb::PrepareProviderConfig::Response* response) override {
    return Serve(kVersion, "PrepareProviderConfig", {}, response,
                 [&] { adapter_.ValidateProviderConfig(*request, response); });
  }

  grpc::Status ValidateDataSourceConfig(grpc::ServerContext*, const pb::ValidateDataSourceConfig::Request* request,
                                        pb::ValidateDataSourceConfig::Response* response) override {
    return Serve(kVersion, "ValidateDataSourceConfig", request->type_name(), response,
                 [&] { adapter_.ValidateDataSourceConfig(*request, response); });
  }

  grpc::Status Configure(grpc::ServerContext*, const pb::Configure::Request* request,
                         pb::Configure::Response* response) override {
    return Serve(kVersion, "Configure", {}, response, [&] { adapter_.ConfigureProvider(*request, response); });
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

  grpc::Status Stop(grpc::ServerContext*, const pb::Stop::Request*, pb::Stop::Response* response) override {
    return Serve(kVersion, "Stop", {}, response, [&] { adapter_.Stop(); });
  }

 private:
  Adapter<pb::GetProviderSchema::Response> adapter_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewV5Service(std::shared_ptr<provider::Provider> provider) {
  return std::make_unique<V5Service>(std::move(provider));
}

}  // namespace protocol
