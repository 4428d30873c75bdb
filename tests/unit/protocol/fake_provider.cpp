#include "fake_provider.h"

#include <chrono>
#include <memory>
#include <vector>


namespace protocol_test {
namespace {

using provider::Attribute;
using provider::NestedAttributes;

Attribute Make(std::string name, cty::Type type, bool required, bool optional, bool computed,
               bool sensitive = false) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.description = "about " + a.name;
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  a.sensitive = sensitive;
  return a;
}

cty::Type ObjectTypeOf(const std::vector<Attribute>& attributes) {
  std::map<std::string, cty::Type> types;
  for (const auto& a : attributes) types.emplace(a.name, a.type);
  return cty::Type::Object(std::move(types));
}

Attribute Nested(std::string name, NestedAttributes::Nesting nesting, std::vector<Attribute> attributes) {
  const cty::Type object = ObjectTypeOf(attributes);
  Attribute a = Make(std::move(name),
                     nesting == NestedAttributes::Nesting::List ? cty::Type::List(object) : object,
                     false, false, true);
  auto nested = std::make_shared<NestedAttributes>();
  nested->nesting = nesting;
  nested->attributes = std::move(attributes);
  a.nested = std::move(nested);
  return a;
}

std::vector<Attribute> DiskAttributes() {
  const std::vector<Attribute> cloud = {Make("id", cty::Type::String(), false, false, true)};
  return {Make("kind", cty::Type::String(), false, false, true),
          Make("size", cty::Type::Number(), false, false, true),
          Nested("cloud", NestedAttributes::Nesting::Single, cloud)};
}

}  // namespace

FakeProvider::FakeProvider() {
  provider_schema_.block.description = "fake provider";
  provider_schema_.block.attributes = {
      Make("endpoint", cty::Type::String(), false, true, false),
      Make("max_retries", cty::Type::Number(), false, true, false),
      Make("secret_key", cty::Type::String(), false, true, false, /*sensitive=*/true),
  };

  provider::Schema echo;
  echo.block.attributes = {
      Make("id", cty::Type::String(), false, false, true),
      Make("input", cty::Type::String(), true, false, false),
      Make("output", cty::Type::String(), false, false, true),
      Make("tags", cty::Type::Map(cty::Type::String()), false, true, false),
  };
  data_sources_.emplace("probe_echo", std::move(echo));

  provider::Schema nested;
  nested.version = 2;
  nested.block.attributes = {
      Make("image_id", cty::Type::String(), true, false, false),
      Make("region", cty::Type::String(), false, true, true),
      Nested("system_disk", NestedAttributes::Nesting::Single, DiskAttributes()),
      Nested("data_disks", NestedAttributes::Nesting::List, DiskAttributes()),
  };
  provider::NestedBlock filter;
  filter.type_name = "filter";
  filter.min_items = filter.max_items = 1;
  filter.block.description = "about filter";
  filter.block.attributes = {Make("name_regex", cty::Type::String(), false, true, false),
                             Make("ids", cty::Type::List(cty::Type::String()), false, true, false)};
  nested.block.block_types.push_back(std::move(filter));
  data_sources_.emplace("probe_nested", std::move(nested));
}

void FakeProvider::Record(std::string rpc, std::string type_name, const cty::Value& config,
                          std::string terraform_version, bool deferral_allowed) {
  std::lock_guard lock(mu_);
  last_ = {std::move(rpc), std::move(type_name), config, std::move(terraform_version), deferral_allowed};
  ++calls_;
  if (throw_on_call) throw std::runtime_error("scripted failure");
}

FakeProvider::Received FakeProvider::LastCall() const {
  std::lock_guard lock(mu_);
  return last_;
}

int FakeProvider::Calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

provider::Diagnostics FakeProvider::ValidateProviderConfig(const cty::Value& config) {
  Record("ValidateProviderConfig", "", config);
  return diagnostics_to_return;
}

provider::Diagnostics FakeProvider::ConfigureProvider(const cty::Value& config,
                                                      const std::string& terraform_version) {
  Record("ConfigureProvider", "", config, terraform_version);
  return diagnostics_to_return;
}

provider::Diagnostics FakeProvider::ValidateDataSourceConfig(const std::string& type_name,
                                                             const cty::Value& config) {
  Record("ValidateDataSourceConfig", type_name, config);
  return diagnostics_to_return;
}

provider::ReadResult FakeProvider::ReadDataSource(const std::string& type_name, const cty::Value& config,
                                                  const provider::ClientCapabilities& caps) {
  Record("ReadDataSource", type_name, config, "", caps.deferral_allowed);
  provider::ReadResult result;
  result.diagnostics = diagnostics_to_return;
  if (read_blocks_until_stop) {
    std::unique_lock lock(mu_);
    if (!stopped_.wait_for(lock, std::chrono::seconds(10), [this] { return stop_calls.load() > 0; })) {
      result.diagnostics.push_back(provider::ErrorDiag("never stopped", "Stop did not arrive"));
      return result;
    }
    result.diagnostics.push_back(provider::ErrorDiag("Read cancelled", "StopProvider was called"));
    return result;
  }
  if (read_defers) {
    result.deferred_provider_config_unknown = true;
  } else if (!read_returns_no_state) {
    result.state = read_state ? *read_state : EchoState(config);
    result.state_msgpack = read_state_msgpack;
  }
  return result;
}

void FakeProvider::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_calls.fetch_add(1);
  }
  stopped_.notify_all();
}

cty::Value FakeProvider::EchoState(const cty::Value& config) {
  return cty::Value::Object({
      {"id", cty::Value::String("probe-1")},
      {"input", config.GetAttr("input")},
      {"output", cty::Value::String("echo: " + config.GetAttr("input").as_string())},
      {"tags", config.GetAttr("tags")},
  });
}

}  // namespace protocol_test
