// What the tfplugin5 and tfplugin6 services have in common: the logic of every
// RPC we serve, written once. The services only map their RPC names onto these
// members. Request/response types are template parameters because each
// protocol version generates its own (identically shaped) C++ types.
//
// Thread-safe: the provider core is, and the only state kept here (the
// schema response) is built exactly once.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include "protocol/diagnostics.h"
#include "protocol/dynamic_value.h"
#include "protocol/provider_types.h"
#include "protocol/schema_translation.h"
#include "provider/provider.h"

namespace protocol {

provider::Diagnostic UnknownDataSourceDiagnostic(const std::string& type_name);
// For a read the core answered with neither a state, an error nor a deferral;
// Terraform would otherwise report a confusing "null object".
provider::Diagnostic MissingStateDiagnostic(const std::string& type_name);

template <class SchemaResponse>
class Adapter {
 public:
  explicit Adapter(std::shared_ptr<provider::Provider> provider)
      : provider_(std::move(provider)), types_(*provider_) {}

  // The response is built on first use and then copied out; the schema never
  // changes during the life of the process.
  void GetProviderSchema(SchemaResponse* out) {
    std::call_once(schema_once_, [this] { BuildSchemaResponse(&schema_); });
    *out = schema_;
  }

  template <class Response>
  void GetMetadata(Response* out) const {
    FillServerCapabilities(out->mutable_server_capabilities());
    for (const auto& [name, schema] : provider_->DataSourceSchemas()) {
      out->add_data_sources()->set_type_name(name);
    }
  }

  template <class Request, class Response>
  void ValidateProviderConfig(const Request& request, Response* out) {
    auto config = DecodeDynamicValue(request.config(), types_.ProviderConfig());
    if (!config) return AppendDiagnostic(config.error(), out->mutable_diagnostics());
    AppendDiagnostics(provider_->ValidateProviderConfig(*config), out->mutable_diagnostics());
  }

  template <class Request, class Response>
  void ConfigureProvider(const Request& request, Response* out) {
    auto config = DecodeDynamicValue(request.config(), types_.ProviderConfig());
    if (!config) return AppendDiagnostic(config.error(), out->mutable_diagnostics());
    AppendDiagnostics(provider_->ConfigureProvider(*config, request.terraform_version()),
                      out->mutable_diagnostics());
  }

  template <class Request, class Response>
  void ValidateDataSourceConfig(const Request& request, Response* out) {
    const cty::Type* type = types_.DataSource(request.type_name());
    if (type == nullptr) {
      return AppendDiagnostic(UnknownDataSourceDiagnostic(request.type_name()), out->mutable_diagnostics());
    }
    auto config = DecodeDynamicValue(request.config(), *type);
    if (!config) return AppendDiagnostic(config.error(), out->mutable_diagnostics());
    AppendDiagnostics(provider_->ValidateDataSourceConfig(request.type_name(), *config),
                      out->mutable_diagnostics());
  }

  template <class Request, class Response>
  void ReadDataSource(const Request& request, Response* out) {
    const cty::Type* type = types_.DataSource(request.type_name());
    if (type == nullptr) {
      return AppendDiagnostic(UnknownDataSourceDiagnostic(request.type_name()), out->mutable_diagnostics());
    }
    auto config = DecodeDynamicValue(request.config(), *type);
    if (!config) return AppendDiagnostic(config.error(), out->mutable_diagnostics());

    provider::ClientCapabilities caps;
    caps.deferral_allowed = request.client_capabilities().deferral_allowed();
    provider::ReadResult result = provider_->ReadDataSource(request.type_name(), *config, caps);

    AppendDiagnostics(result.diagnostics, out->mutable_diagnostics());
    if (result.deferred_provider_config_unknown) {
      // A deferred read carries no state: Terraform plans the data source as unknown.
      using Deferred = std::remove_pointer_t<decltype(out->mutable_deferred())>;
      out->mutable_deferred()->set_reason(Deferred::PROVIDER_CONFIG_UNKNOWN);
    } else if (result.state_msgpack) {
      out->mutable_state()->set_msgpack(*result.state_msgpack);
    } else if (result.state) {
      EncodeDynamicValue(*result.state, *type, out->mutable_state());
    } else if (!provider::HasError(result.diagnostics)) {
      AppendDiagnostic(MissingStateDiagnostic(request.type_name()), out->mutable_diagnostics());
    }
  }

  template <class Response>
  void GetFunctions(Response*) const {}  // no provider functions: an empty map

  void Stop() { provider_->Stop(); }

 private:
  template <class Capabilities>
  static void FillServerCapabilities(Capabilities* out) {
    // Lets Terraform cache the schema instead of asking every process.
    out->set_get_provider_schema_optional(true);
  }

  void BuildSchemaResponse(SchemaResponse* out) const {
    FillSchema(provider_->ProviderSchema(), out->mutable_provider());
    for (const auto& [name, schema] : provider_->DataSourceSchemas()) {
      FillSchema(schema, &(*out->mutable_data_source_schemas())[name]);
    }
    FillServerCapabilities(out->mutable_server_capabilities());
  }

  std::shared_ptr<provider::Provider> provider_;
  ProviderTypes types_;
  std::once_flag schema_once_;
  SchemaResponse schema_;
};

}  // namespace protocol
