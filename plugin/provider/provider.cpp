// The jdcloud provider: schemas built once, the configured state swapped
// atomically on each ConfigureProvider, reads run in parallel with no lock
// held across an API call, and Stop cancelling the current generation.
#include "provider/provider.h"

#include <mutex>
#include <utility>

#include "jdcloud/cancellation.h"
#include "log/log.h"
#include "provider/configured_state.h"
#include "provider/data_sources.h"
#include "provider/provider_config.h"
#include "provider/provider_factory.h"
#include "provider/provider_schema.h"
#include "provider/secret_redaction.h"

namespace provider {
namespace {

using DataSourceIndex = std::map<std::string, std::unique_ptr<DataSource>, std::less<>>;

DataSourceIndex IndexByType(std::vector<std::unique_ptr<DataSource>> data_sources) {
  DataSourceIndex index;
  for (auto& data_source : data_sources) {
    std::string type(data_source->TypeName());
    index.emplace(std::move(type), std::move(data_source));
  }
  return index;
}

std::map<std::string, Schema> SchemasOf(const DataSourceIndex& data_sources) {
  std::map<std::string, Schema> schemas;
  for (const auto& [type, data_source] : data_sources) schemas.emplace(type, data_source->BuildSchema());
  return schemas;
}

Diagnostic UnknownDataSource(const std::string& type_name, const DataSourceIndex& data_sources) {
  std::string served;
  for (const auto& [type, _] : data_sources) served += (served.empty() ? "\"" : ", \"") + type + "\"";
  return ErrorDiag("Unknown data source type",
                   "The provider \"jdcloud\" has no data source \"" + type_name + "\"; it serves " + served + ".");
}

// The secret key a config value carries, for redacting diagnostics about it.
// A view into `config`, which outlives every use: no copy of the secret.
std::string_view ConfiguredSecret(const cty::Value& config) {
  if (config.is_null() || config.is_unknown()) return {};
  const cty::Value& secret = config.GetAttr(kSecretKeyArg.name);
  if (secret.is_unknown() || secret.is_null() || secret.type().kind() != cty::Kind::String) return {};
  return secret.as_string();
}

class JdcloudProvider final : public Provider {
 public:
  explicit JdcloudProvider(ProviderDependencies deps)
      : deps_(std::move(deps)),
        provider_schema_(BuildProviderSchema()),
        data_sources_(IndexByType(JdcloudDataSources())),
        data_source_schemas_(SchemasOf(data_sources_)),
        cancel_(std::make_shared<jdcloud::Cancellation>()) {
    if (!deps_.client_factory) deps_.client_factory = DefaultClientFactory();
    if (!deps_.env) deps_.env = ProcessEnvironment();
    if (!deps_.now) deps_.now = [] { return std::chrono::system_clock::now(); };
  }

  const Schema& ProviderSchema() const override { return provider_schema_; }
  const std::map<std::string, Schema>& DataSourceSchemas() const override { return data_source_schemas_; }

  Diagnostics ValidateProviderConfig(const cty::Value& config) override {
    Diagnostics diags = ValidateProviderConfigValues(config);
    return Redacted(std::move(diags), ConfiguredSecret(config));
  }

  Diagnostics ConfigureProvider(const cty::Value& config, const std::string& terraform_version) override {
    ConfigureOutcome outcome = Configure(config, terraform_version, deps_.env, deps_.client_factory);
    {
      std::lock_guard lock(mu_);
      state_ = outcome.state;  // later configurations replace earlier ones (reattach mode)
    }
    return Redacted(std::move(outcome.diagnostics), outcome.state->config.settings.secret_key.view(),
                    ConfiguredSecret(config));
  }

  Diagnostics ValidateDataSourceConfig(const std::string& type_name, const cty::Value& config) override {
    const DataSource* data_source = Find(type_name);
    if (!data_source) return {UnknownDataSource(type_name, data_sources_)};
    const secret::Secret current = CurrentSecret();  // shares the region; no copy
    return Redacted(data_source->Validate(config), current.view());
  }

  ReadResult ReadDataSource(const std::string& type_name, const cty::Value& config,
                            const ClientCapabilities& caps) override {
    const DataSource* data_source = Find(type_name);
    if (!data_source) {
      ReadResult result;
      result.diagnostics.push_back(UnknownDataSource(type_name, data_sources_));
      return result;
    }
    ReadContext context;
    {
      std::lock_guard lock(mu_);
      context.state = state_;
      context.cancel = cancel_;
    }
    context.caps = caps;
    context.now = deps_.now();
    ReadResult result = data_source->Read(config, context);
    const secret::Secret secret = context.state ? context.state->config.settings.secret_key : secret::Secret();
    const secret::Secret token = context.state ? context.state->config.settings.session_token : secret::Secret();
    // An API answer could echo the token it was sent.
    result.diagnostics = Redacted(std::move(result.diagnostics), secret.view(), token.view());
    return result;
  }

  void Stop() override {
    std::shared_ptr<jdcloud::Cancellation> stopped;
    {
      std::lock_guard lock(mu_);
      stopped = std::exchange(cancel_, std::make_shared<jdcloud::Cancellation>());
    }
    logging::Info("stop requested: cancelling in-flight API calls");
    stopped->Cancel();  // outside the lock: cancel hooks may take a moment
  }

 private:
  static Diagnostics Redacted(Diagnostics diags, std::string_view secret,
                              std::string_view other_secret = {}) {
    RedactSecret(diags, secret);
    RedactSecret(diags, other_secret);
    return diags;
  }

  const DataSource* Find(std::string_view type_name) const {
    auto it = data_sources_.find(type_name);
    return it == data_sources_.end() ? nullptr : it->second.get();
  }

  secret::Secret CurrentSecret() const {
    std::lock_guard lock(mu_);
    return state_ ? state_->config.settings.secret_key : secret::Secret();
  }

  ProviderDependencies deps_;
  const Schema provider_schema_;
  const DataSourceIndex data_sources_;
  const std::map<std::string, Schema> data_source_schemas_;

  mutable std::mutex mu_;  // guards state_ and cancel_ (pointer swaps only)
  std::shared_ptr<const ConfiguredState> state_;
  std::shared_ptr<jdcloud::Cancellation> cancel_;
};

}  // namespace

std::unique_ptr<Provider> CreateProvider(ProviderDependencies dependencies) {
  return std::make_unique<JdcloudProvider>(std::move(dependencies));
}

std::unique_ptr<Provider> CreateProvider(ClientFactory client_factory) {
  ProviderDependencies dependencies;
  dependencies.client_factory = std::move(client_factory);
  return CreateProvider(std::move(dependencies));
}

std::unique_ptr<Provider> Provider::Create() { return CreateProvider(ProviderDependencies{}); }

}  // namespace provider
