// One small "client" per protocol version, so that the behaviour both
// versions share is tested once with TEMPLATE_TEST_CASE over V5 and V6. Each
// calls the service's handler directly, as the gRPC server would, and fails
// the test if the status is not OK (ordinary failures must be diagnostics).
#pragma once

#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <grpcpp/server_context.h>

#include "protocol/v5_service.h"
#include "protocol/v6_service.h"
#include "tfplugin5.grpc.pb.h"
#include "tfplugin6.grpc.pb.h"

namespace protocol_test {

// Protobuf map fields serialize in hash order, which differs between copies;
// comparisons need the deterministic form (maps sorted by key).
inline std::string Deterministic(const google::protobuf::MessageLite& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}


struct V6 {
  static constexpr int kVersion = 6;
  using Service = tfplugin6::Provider::Service;
  using Diagnostic = tfplugin6::Diagnostic;
  using SchemaResponse = tfplugin6::GetProviderSchema::Response;

  static std::unique_ptr<grpc::Service> New(std::shared_ptr<provider::Provider> p) {
    return protocol::NewV6Service(std::move(p));
  }
  static Service& Cast(grpc::Service& s) { return dynamic_cast<Service&>(s); }

  static SchemaResponse GetSchema(Service& s) {
    grpc::ServerContext ctx;
    tfplugin6::GetProviderSchema::Request req;
    SchemaResponse resp;
    REQUIRE(s.GetProviderSchema(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::GetMetadata_::Response GetMetadata(Service& s) {
    grpc::ServerContext ctx;
    tfplugin6::GetMetadata_::Request req;
    tfplugin6::GetMetadata_::Response resp;
    REQUIRE(s.GetMetadata(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::ValidateProviderConfig::Response ValidateProviderConfig(Service& s,
                                                                           const tfplugin6::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin6::ValidateProviderConfig::Request req;
    *req.mutable_config() = config;
    tfplugin6::ValidateProviderConfig::Response resp;
    REQUIRE(s.ValidateProviderConfig(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::ValidateDataResourceConfig::Response ValidateDataSourceConfig(
      Service& s, const std::string& type_name, const tfplugin6::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin6::ValidateDataResourceConfig::Request req;
    req.set_type_name(type_name);
    *req.mutable_config() = config;
    tfplugin6::ValidateDataResourceConfig::Response resp;
    REQUIRE(s.ValidateDataResourceConfig(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::ConfigureProvider::Response Configure(Service& s, const std::string& terraform_version,
                                                          const tfplugin6::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version(terraform_version);
    *req.mutable_config() = config;
    tfplugin6::ConfigureProvider::Response resp;
    REQUIRE(s.ConfigureProvider(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::ReadDataSource::Response ReadDataSource(Service& s, const std::string& type_name,
                                                            const tfplugin6::DynamicValue& config,
                                                            bool deferral_allowed) {
    grpc::ServerContext ctx;
    tfplugin6::ReadDataSource::Request req;
    req.set_type_name(type_name);
    *req.mutable_config() = config;
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    tfplugin6::ReadDataSource::Response resp;
    REQUIRE(s.ReadDataSource(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::GetFunctions::Response GetFunctions(Service& s) {
    grpc::ServerContext ctx;
    tfplugin6::GetFunctions::Request req;
    tfplugin6::GetFunctions::Response resp;
    REQUIRE(s.GetFunctions(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin6::StopProvider::Response Stop(Service& s) {
    grpc::ServerContext ctx;
    tfplugin6::StopProvider::Request req;
    tfplugin6::StopProvider::Response resp;
    REQUIRE(s.StopProvider(&ctx, &req, &resp).ok());
    return resp;
  }
  // Thread-safe variants for concurrency tests (Catch2 assertions are not):
  // return false instead of failing the test.
  static bool TrySchema(Service& s, std::string* serialized) {
    grpc::ServerContext ctx;
    tfplugin6::GetProviderSchema::Request req;
    SchemaResponse resp;
    if (!s.GetProviderSchema(&ctx, &req, &resp).ok()) return false;
    *serialized = Deterministic(resp);
    return true;
  }
  static bool TryRead(Service& s, const std::string& msgpack, std::string* state) {
    grpc::ServerContext ctx;
    tfplugin6::ReadDataSource::Request req;
    req.set_type_name("probe_echo");
    req.mutable_config()->set_msgpack(msgpack);
    tfplugin6::ReadDataSource::Response resp;
    if (!s.ReadDataSource(&ctx, &req, &resp).ok()) return false;
    *state = resp.state().msgpack();
    return resp.diagnostics_size() == 0;
  }
  static grpc::Status ReadResource(Service& s) {
    grpc::ServerContext ctx;
    tfplugin6::ReadResource::Request req;
    tfplugin6::ReadResource::Response resp;
    return s.ReadResource(&ctx, &req, &resp);
  }
  static tfplugin6::DynamicValue Msgpack(std::string bytes) {
    tfplugin6::DynamicValue v;
    v.set_msgpack(std::move(bytes));
    return v;
  }
  static tfplugin6::DynamicValue Json(std::string text) {
    tfplugin6::DynamicValue v;
    v.set_json(std::move(text));
    return v;
  }
};

struct V5 {
  static constexpr int kVersion = 5;
  using Service = tfplugin5::Provider::Service;
  using Diagnostic = tfplugin5::Diagnostic;
  using SchemaResponse = tfplugin5::GetProviderSchema::Response;

  static std::unique_ptr<grpc::Service> New(std::shared_ptr<provider::Provider> p) {
    return protocol::NewV5Service(std::move(p));
  }
  static Service& Cast(grpc::Service& s) { return dynamic_cast<Service&>(s); }

  static SchemaResponse GetSchema(Service& s) {
    grpc::ServerContext ctx;
    tfplugin5::GetProviderSchema::Request req;
    SchemaResponse resp;
    REQUIRE(s.GetSchema(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::GetMetadata_::Response GetMetadata(Service& s) {
    grpc::ServerContext ctx;
    tfplugin5::GetMetadata_::Request req;
    tfplugin5::GetMetadata_::Response resp;
    REQUIRE(s.GetMetadata(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::PrepareProviderConfig::Response ValidateProviderConfig(Service& s,
                                                                          const tfplugin5::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin5::PrepareProviderConfig::Request req;
    *req.mutable_config() = config;
    tfplugin5::PrepareProviderConfig::Response resp;
    REQUIRE(s.PrepareProviderConfig(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::ValidateDataSourceConfig::Response ValidateDataSourceConfig(
      Service& s, const std::string& type_name, const tfplugin5::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin5::ValidateDataSourceConfig::Request req;
    req.set_type_name(type_name);
    *req.mutable_config() = config;
    tfplugin5::ValidateDataSourceConfig::Response resp;
    REQUIRE(s.ValidateDataSourceConfig(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::Configure::Response Configure(Service& s, const std::string& terraform_version,
                                                  const tfplugin5::DynamicValue& config) {
    grpc::ServerContext ctx;
    tfplugin5::Configure::Request req;
    req.set_terraform_version(terraform_version);
    *req.mutable_config() = config;
    tfplugin5::Configure::Response resp;
    REQUIRE(s.Configure(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::ReadDataSource::Response ReadDataSource(Service& s, const std::string& type_name,
                                                            const tfplugin5::DynamicValue& config,
                                                            bool deferral_allowed) {
    grpc::ServerContext ctx;
    tfplugin5::ReadDataSource::Request req;
    req.set_type_name(type_name);
    *req.mutable_config() = config;
    req.mutable_client_capabilities()->set_deferral_allowed(deferral_allowed);
    tfplugin5::ReadDataSource::Response resp;
    REQUIRE(s.ReadDataSource(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::GetFunctions::Response GetFunctions(Service& s) {
    grpc::ServerContext ctx;
    tfplugin5::GetFunctions::Request req;
    tfplugin5::GetFunctions::Response resp;
    REQUIRE(s.GetFunctions(&ctx, &req, &resp).ok());
    return resp;
  }
  static tfplugin5::Stop::Response Stop(Service& s) {
    grpc::ServerContext ctx;
    tfplugin5::Stop::Request req;
    tfplugin5::Stop::Response resp;
    REQUIRE(s.Stop(&ctx, &req, &resp).ok());
    return resp;
  }
  // Thread-safe variants for concurrency tests (Catch2 assertions are not):
  // return false instead of failing the test.
  static bool TrySchema(Service& s, std::string* serialized) {
    grpc::ServerContext ctx;
    tfplugin5::GetProviderSchema::Request req;
    SchemaResponse resp;
    if (!s.GetSchema(&ctx, &req, &resp).ok()) return false;
    *serialized = Deterministic(resp);
    return true;
  }
  static bool TryRead(Service& s, const std::string& msgpack, std::string* state) {
    grpc::ServerContext ctx;
    tfplugin5::ReadDataSource::Request req;
    req.set_type_name("probe_echo");
    req.mutable_config()->set_msgpack(msgpack);
    tfplugin5::ReadDataSource::Response resp;
    if (!s.ReadDataSource(&ctx, &req, &resp).ok()) return false;
    *state = resp.state().msgpack();
    return resp.diagnostics_size() == 0;
  }
  static grpc::Status ReadResource(Service& s) {
    grpc::ServerContext ctx;
    tfplugin5::ReadResource::Request req;
    tfplugin5::ReadResource::Response resp;
    return s.ReadResource(&ctx, &req, &resp);
  }
  static tfplugin5::DynamicValue Msgpack(std::string bytes) {
    tfplugin5::DynamicValue v;
    v.set_msgpack(std::move(bytes));
    return v;
  }
  static tfplugin5::DynamicValue Json(std::string text) {
    tfplugin5::DynamicValue v;
    v.set_json(std::move(text));
    return v;
  }
};

}  // namespace protocol_test
