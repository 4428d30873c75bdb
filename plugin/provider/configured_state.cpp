#include "provider/configured_state.h"

#include <chrono>
#include <utility>

#include "log/log.h"
#include "provider/secret_fingerprint.h"
#include "provider/user_agent.h"

namespace provider {
namespace {

jdcloud::ClientOptions OptionsFor(const ProviderSettings& s, const std::string& terraform_version) {
  jdcloud::ClientOptions options;
  options.endpoint = s.endpoint;
  options.max_retries = s.max_retries;
  options.request_timeout = std::chrono::seconds(s.request_timeout_seconds);
  options.user_agent = UserAgent(terraform_version);
  options.extra_roots = s.extra_roots;
  options.proxy = s.proxy;
  return options;
}

}  // namespace

ConfigureOutcome Configure(const cty::Value& config, const std::string& terraform_version,
                           const EnvLookup& env, const ClientFactory& client_factory) {
  auto state = std::make_shared<ConfiguredState>();
  DecodedProviderConfig decoded = DecodeProviderConfig(config, env);
  state->config = std::move(decoded.config);
  state->errors = std::move(decoded.diagnostics);
  const ProviderSettings& s = state->config.settings;
  // Temporary credentials differ by their token too.
  state->secret_fingerprint = SecretFingerprint(s.secret_key.view()) +
                              (s.session_token.empty() ? "" : "+" + SecretFingerprint(s.session_token.view()));

  if (state->errors.empty() && !state->config.ClientSettingsUnknown()) {
    // The client shares the config's secret region (no copy of the bytes).
    auto client = client_factory(OptionsFor(s, terraform_version), {s.access_key, s.secret_key, s.session_token});
    if (client) {
      state->client = std::shared_ptr<jdcloud::Client>(std::move(*client));
    } else {
      state->errors.push_back(ErrorDiag("Invalid endpoint",
                                        "Cannot use endpoint \"" + s.endpoint + "\": " +
                                            client.error().message,
                                        {AttributeName{std::string(kEndpointArg.name)}}));
    }
  }
  logging::Debug("provider configured",
                 {{"endpoint", s.endpoint},
                  {"proxy", s.proxy ? s.proxy->Address() : "none"},
                  {"region", s.region},
                  {"has_unknowns", state->config.unknown.empty() ? "false" : "true"},
                  {"client_ready", state->client ? "true" : "false"}});
  Diagnostics diagnostics = state->errors;
  return {std::move(state), std::move(diagnostics)};
}

}  // namespace provider
