// A scriptable provider core for the protocol adapter tests: fixed schemas,
// records what the adapters pass in, answers what the test sets up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include "provider/provider.h"

namespace protocol_test {

// Provider config: endpoint (optional string), secret_key (optional,
// sensitive), max_retries (optional number).
// "probe_echo": the reference §6.6 schema: id computed, input required,
// output computed, tags optional map(string).
// "probe_nested": image_id required, region optional+computed, system_disk
// computed nested Single {kind string, size number}, data_disks computed
// nested List of the same, whose `cloud` is itself nested Single {id string}.
class FakeProvider final : public provider::Provider {
 public:
  FakeProvider();

  const provider::Schema& ProviderSchema() const override { return provider_schema_; }
  const std::map<std::string, provider::Schema>& DataSourceSchemas() const override { return data_sources_; }

  provider::Diagnostics ValidateProviderConfig(const cty::Value& config) override;
  provider::Diagnostics ConfigureProvider(const cty::Value& config, const std::string& terraform_version) override;
  provider::Diagnostics ValidateDataSourceConfig(const std::string& type_name, const cty::Value& config) override;
  provider::ReadResult ReadDataSource(const std::string& type_name, const cty::Value& config,
                                      const provider::ClientCapabilities& caps) override;
  void Stop() override;

  // What the adapters passed in (last call).
  struct Received {
    std::string rpc;
    std::string type_name;
    std::optional<cty::Value> config;
    std::string terraform_version;
    bool deferral_allowed = false;
  };
  Received LastCall() const;
  int Calls() const;

  // What to answer. `read_state` defaults to echoing the config with every
  // computed value filled in (see EchoState).
  provider::Diagnostics diagnostics_to_return;
  std::optional<cty::Value> read_state;
  std::shared_ptr<const std::string> read_state_msgpack;  // sent along with the state when set
  bool read_returns_no_state = false;
  bool read_defers = false;
  bool throw_on_call = false;
  // ReadDataSource waits (up to 10 s) for Stop(), as a real in-flight API
  // call would, and reports whether it was stopped.
  bool read_blocks_until_stop = false;
  std::atomic<int> stop_calls{0};

  // The state ReadDataSource returns for a probe_echo config by default.
  static cty::Value EchoState(const cty::Value& config);

 private:
  void Record(std::string rpc, std::string type_name, const cty::Value& config,
              std::string terraform_version = {}, bool deferral_allowed = false);

  provider::Schema provider_schema_;
  std::map<std::string, provider::Schema> data_sources_;
  mutable std::mutex mu_;
  std::condition_variable stopped_;
  Received last_;
  int calls_ = 0;
};

}  // namespace protocol_test
