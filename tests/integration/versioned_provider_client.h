// Terraform's side of tfplugin5 and tfplugin6, written once. The two protocol
// versions generate distinct (identically shaped) C++ message and stub types
// and name five RPCs differently, so a version is a template parameter naming
// its service and those five stub methods; every message type follows from the
// stub method that carries it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "proto_conversion.h"
#include "provider_client_base.h"

namespace harness {

// The request and response types of a blocking stub method.
template <class Method>
struct RpcMessages;

template <class Stub, class Req, class Resp>
struct RpcMessages<grpc::Status (Stub::*)(grpc::ClientContext*, const Req&, Resp*)> {
  using Request = Req;
  using Response = Resp;
};

template <auto Method>
using MessagesOf = RpcMessages<decltype(Method)>;

template <class Protocol>
class VersionedProviderClient final : public ProviderClientBase {
  using Stub = typename Protocol::Service::Stub;
  using GetProviderSchemaRpc = MessagesOf<Protocol::kGetProviderSchema>;
  using ValidateProviderConfigRpc = MessagesOf<Protocol::kValidateProviderConfig>;
  using ConfigureProviderRpc = MessagesOf<Protocol::kConfigureProvider>;
  using ValidateDataSourceConfigRpc = MessagesOf<Protocol::kValidateDataSourceConfig>;
  using StopProviderRpc = MessagesOf<Protocol::kStopProvider>;
  // Named alike in both versions.
  using ReadDataSourceRpc = MessagesOf<&Stub::ReadDataSource>;
  using GetFunctionsRpc = MessagesOf<&Stub::GetFunctions>;
  using GetMetadataRpc = MessagesOf<&Stub::GetMetadata>;

 public:
  explicit VersionedProviderClient(std::shared_ptr<grpc::Channel> channel)
      : stub_(Protocol::Service::NewStub(std::move(channel))) {}

  int protocol_version() const override { return Protocol::kVersion; }

  SchemaOutcome GetSchema(CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename GetProviderSchemaRpc::Request req;
    typename GetProviderSchemaRpc::Response resp;
    SchemaOutcome out;
    out.status = std::invoke(Protocol::kGetProviderSchema, *stub_, &ctx, req, &resp);
    if (!out.ok()) return out;
    out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
    out.schemas = proto_conversion::Schemas(resp);
    Remember(out.schemas);
    return out;
  }

  RpcOutcome ValidateProviderConfig(const cty::Value& config, CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename ValidateProviderConfigRpc::Request req;
    typename ValidateProviderConfigRpc::Response resp;
    req.mutable_config()->set_msgpack(Encode(config, ProviderConfigType()));
    RpcOutcome out;
    out.status = std::invoke(Protocol::kValidateProviderConfig, *stub_, &ctx, req, &resp);
    out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
    return out;
  }

  RpcOutcome ConfigureProvider(const cty::Value& config, const std::string& terraform_version,
                               bool deferral_allowed, CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename ConfigureProviderRpc::Request req;
    typename ConfigureProviderRpc::Response resp;
    req.set_terraform_version(terraform_version);
    req.mutable_config()->set_msgpack(Encode(config, ProviderConfigType()));
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    RpcOutcome out;
    out.status = std::invoke(Protocol::kConfigureProvider, *stub_, &ctx, req, &resp);
    out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
    return out;
  }

  RpcOutcome ValidateDataSourceConfig(const std::string& type_name, const cty::Value& config,
                                      CallOptions opts) override {
    EnsureSchema();
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename ValidateDataSourceConfigRpc::Request req;
    typename ValidateDataSourceConfigRpc::Response resp;
    req.set_type_name(type_name);
    req.mutable_config()->set_msgpack(Encode(config, DataSourceType(type_name)));
    RpcOutcome out;
    out.status = std::invoke(Protocol::kValidateDataSourceConfig, *stub_, &ctx, req, &resp);
    out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
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
    typename StopProviderRpc::Request req;
    typename StopProviderRpc::Response resp;
    auto status = std::invoke(Protocol::kStopProvider, *stub_, &ctx, req, &resp);
    if (error) *error = resp.error();
    return status;
  }

  grpc::Status GetFunctions(size_t* count, CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename GetFunctionsRpc::Request req;
    typename GetFunctionsRpc::Response resp;
    auto status = stub_->GetFunctions(&ctx, req, &resp);
    if (count) *count = static_cast<size_t>(resp.functions_size());
    return status;
  }

  grpc::Status GetMetadata(std::vector<std::string>* data_sources, bool* schema_optional,
                           CallOptions opts) override {
    grpc::ClientContext ctx;
    SetDeadline(ctx, opts);
    typename GetMetadataRpc::Request req;
    typename GetMetadataRpc::Response resp;
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
    typename ReadDataSourceRpc::Request req;
    typename ReadDataSourceRpc::Response resp;
    req.set_type_name(type_name);
    req.mutable_config()->set_msgpack(msgpack);
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    ReadOutcome out;
    const auto sent = std::chrono::steady_clock::now();
    out.status = stub_->ReadDataSource(&ctx, req, &resp);
    out.rpc_time = std::chrono::steady_clock::now() - sent;
    if (!out.ok()) return out;
    out.diagnostics = proto_conversion::Diagnostics(resp.diagnostics());
    out.deferred = resp.has_deferred();
    out.deferred_reason = resp.deferred().reason();
    proto_conversion::DecodeState(resp.state(), DataSourceType(type_name), &out);
    return out;
  }

  std::unique_ptr<Stub> stub_;
};

}  // namespace harness
