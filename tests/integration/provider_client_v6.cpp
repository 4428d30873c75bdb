// tfplugin6.Provider as Terraform >= 1.0 drives it.
#include "provider_client_base.h"
#include "proto_conversion.h"
#include "tfplugin6.grpc.pb.h"

namespace harness {
namespace pc = proto_conversion;

class ProviderClientV6 final : public ProviderClientBase {
 public:
  explicit ProviderClientV6(std::shared_ptr<grpc::Channel> channel)
      : stub_(tfplugin6::Provider::NewStub(std::move(channel))) {}

  int protocol_version() const override { return 6; }

  SchemaOutcome GetSchema(CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::GetProviderSchema::Request req;
    tfplugin6::GetProviderSchema::Response resp;
    SchemaOutcome out;
    out.status = stub_->GetProviderSchema(&ctx, req, &resp);
    if (!out.ok()) return out;
    out.diagnostics = pc::Diagnostics(resp.diagnostics());
    out.schemas = pc::Schemas(resp);
    Remember(out.schemas);
    return out;
  }

  RpcOutcome ValidateProviderConfig(const cty::Value& config, CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::ValidateProviderConfig::Request req;
    tfplugin6::ValidateProviderConfig::Response resp;
    req.mutable_config()->set_msgpack(Encode(config, ProviderConfigType()));
    RpcOutcome out;
    out.status = stub_->ValidateProviderConfig(&ctx, req, &resp);
    out.diagnostics = pc::Diagnostics(resp.diagnostics());
    return out;
  }

  RpcOutcome ConfigureProvider(const cty::Value& config, const std::string& terraform_version,
                               bool deferral_allowed, CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::ConfigureProvider::Request req;
    tfplugin6::ConfigureProvider::Response resp;
    req.set_terraform_version(terraform_version);
    req.mutable_config()->set_msgpack(Encode(config, ProviderConfigType()));
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    RpcOutcome out;
    out.status = stub_->ConfigureProvider(&ctx, req, &resp);
    out.diagnostics = pc::Diagnostics(resp.diagnostics());
    return out;
  }

  RpcOutcome ValidateDataSourceConfig(const std::string& type_name, const cty::Value& config,
                                      CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::ValidateDataResourceConfig::Request req;
    tfplugin6::ValidateDataResourceConfig::Response resp;
    req.set_type_name(type_name);
    req.mutable_config()->set_msgpack(Encode(config, DataSourceType(type_name)));
    RpcOutcome out;
    out.status = stub_->ValidateDataResourceConfig(&ctx, req, &resp);
    out.diagnostics = pc::Diagnostics(resp.diagnostics());
    return out;
  }

  ReadOutcome ReadDataSource(const std::string& type_name, const cty::Value& config,
                             bool deferral_allowed, CallOptions opts) override {
    EnsureSchema();
    return Read(type_name, Encode(config, DataSourceType(type_name)), deferral_allowed, opts);
  }

  ReadOutcome ReadDataSourceRaw(const std::string& type_name, const std::string& msgpack,
                                CallOptions opts) override {
    EnsureSchema();
    return Read(type_name, msgpack, false, opts);
  }

  grpc::Status StopProvider(std::string* error, CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::StopProvider::Request req;
    tfplugin6::StopProvider::Response resp;
    auto status = stub_->StopProvider(&ctx, req, &resp);
    if (error) *error = resp.error();
    return status;
  }

  grpc::Status GetFunctions(size_t* count, CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::GetFunctions::Request req;
    tfplugin6::GetFunctions::Response resp;
    auto status = stub_->GetFunctions(&ctx, req, &resp);
    if (count) *count = static_cast<size_t>(resp.functions_size());
    return status;
  }

  grpc::Status GetMetadata(std::vector<std::string>* data_sources, bool* schema_optional,
                           CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::GetMetadata_::Request req;
    tfplugin6::GetMetadata_::Response resp;
    auto status = stub_->GetMetadata(&ctx, req, &resp);
    if (data_sources) {
      for (const auto& d : resp.data_sources()) data_sources->push_back(d.type_name());
    }
    if (schema_optional) *schema_optional = resp.server_capabilities().get_provider_schema_optional();
    return status;
  }

 private:
  void EnsureSchema() {
    if (!HaveSchema()) GetSchema({});
  }

  ReadOutcome Read(const std::string& type_name, const std::string& msgpack, bool deferral_allowed,
                   const CallOptions& opts) {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    tfplugin6::ReadDataSource::Request req;
    tfplugin6::ReadDataSource::Response resp;
    req.set_type_name(type_name);
    req.mutable_config()->set_msgpack(msgpack);
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    ReadOutcome out;
    out.status = stub_->ReadDataSource(&ctx, req, &resp);
    if (!out.ok()) return out;
    out.diagnostics = pc::Diagnostics(resp.diagnostics());
    out.deferred = resp.has_deferred();
    out.deferred_reason = resp.deferred().reason();
    pc::DecodeState(resp.state(), DataSourceType(type_name), &out);
    return out;
  }

  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
};

std::unique_ptr<ProviderClient> MakeProviderClientV6(std::shared_ptr<grpc::Channel> channel) {
  return std::make_unique<ProviderClientV6>(std::move(channel));
}

}  // namespace harness
