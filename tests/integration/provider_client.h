// Terraform's side of the plugin protocol, in one interface for tfplugin5 and
// tfplugin6: the tests and tf-read drive a provider through this and never
// touch the protocol-specific messages. Values go in and come out as cty
// values, encoded against the schema the provider served (msgpack, as
// Terraform does).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "cty/value.h"
#include "served_schema.h"

namespace harness {

struct Diag {
  enum class Severity { Invalid, Error, Warning };
  Severity severity = Severity::Invalid;
  std::string summary;
  std::string detail;
  // The attribute path as Terraform prints it: `image_id`, `a.b[0]`, `tags["k"]`;
  // empty when the diagnostic is about the whole block.
  std::string path;
};

bool HasError(const std::vector<Diag>& diags);
// Every diagnostic on one line each, for test failure messages.
std::string Describe(const std::vector<Diag>& diags);

struct RpcOutcome {
  grpc::Status status;
  std::vector<Diag> diagnostics;
  bool ok() const { return status.ok(); }
};

struct SchemaOutcome : RpcOutcome {
  ServedSchemas schemas;
};

struct ReadOutcome : RpcOutcome {
  std::optional<cty::Value> state;  // decoded state; nullopt when none was sent
  std::string state_error;          // why a sent state could not be decoded
  bool state_sent = false;          // msgpack or json bytes were present
  bool deferred = false;            // Deferred was set
  int deferred_reason = 0;
  // Time spent in the RPC itself (request sent to response received), without
  // the client's own encoding and decoding: what the provider costs Terraform.
  std::chrono::steady_clock::duration rpc_time{};
};

struct CallOptions {
  std::chrono::milliseconds deadline = std::chrono::seconds(60);
};

class ProviderClient {
 public:
  virtual ~ProviderClient() = default;
  virtual int protocol_version() const = 0;

  // GetProviderSchema (v6) / GetSchema (v5). The first successful answer is
  // kept and used to encode and decode every later value.
  virtual SchemaOutcome GetSchema(CallOptions opts = {}) = 0;
  // ValidateProviderConfig (v6) / PrepareProviderConfig (v5).
  virtual RpcOutcome ValidateProviderConfig(const cty::Value& config, CallOptions opts = {}) = 0;
  // ConfigureProvider (v6) / Configure (v5).
  virtual RpcOutcome ConfigureProvider(const cty::Value& config, const std::string& terraform_version,
                                       bool deferral_allowed = false, CallOptions opts = {}) = 0;
  // ValidateDataResourceConfig (v6) / ValidateDataSourceConfig (v5).
  virtual RpcOutcome ValidateDataSourceConfig(const std::string& type_name, const cty::Value& config,
                                              CallOptions opts = {}) = 0;
  virtual ReadOutcome ReadDataSource(const std::string& type_name, const cty::Value& config,
                                     bool deferral_allowed = false, CallOptions opts = {}) = 0;
  // ReadDataSource with raw msgpack config bytes (malformed-request tests).
  virtual ReadOutcome ReadDataSourceRaw(const std::string& type_name, const std::string& msgpack,
                                        CallOptions opts = {}) = 0;
  // StopProvider (v6) / Stop (v5); `error` gets the response's Error field.
  virtual grpc::Status StopProvider(std::string* error, CallOptions opts = {}) = 0;
  // GetFunctions; `count` gets the number of functions served.
  virtual grpc::Status GetFunctions(size_t* count, CallOptions opts = {}) = 0;
  // GetMetadata; `data_sources` gets the data source type names.
  virtual grpc::Status GetMetadata(std::vector<std::string>* data_sources, bool* schema_optional,
                                   CallOptions opts = {}) = 0;

  // The provider's and a data source's value type from the served schema
  // (GetSchema must have succeeded).
  virtual std::optional<cty::Type> ProviderConfigType() const = 0;
  virtual std::optional<cty::Type> DataSourceType(const std::string& type_name) const = 0;
};

// A client for `protocol_version` 5 or 6 over `channel`.
std::unique_ptr<ProviderClient> MakeProviderClient(int protocol_version,
                                                   std::shared_ptr<grpc::Channel> channel);

}  // namespace harness
