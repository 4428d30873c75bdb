// Provider configuration: config beats env, empty = unset, defaults, ranges,
// whole numbers, unknowns tolerated, missing credentials named.
#include <catch2/catch.hpp>

#include "cty/number.h"
#include "provider/provider_config.h"
#include "provider/provider_factory.h"
#include "fake_client.h"
#include "test_values.h"

using cty::Value;
using provider::DecodeProviderConfig;
using provider_test::AllText;
using provider_test::Env;
using provider_test::ProviderConfigValue;

namespace {

bool PathIs(const provider::Diagnostic& d, const std::string& name) {
  return d.attribute.size() == 1 && std::holds_alternative<provider::AttributeName>(d.attribute[0]) &&
         std::get<provider::AttributeName>(d.attribute[0]).name == name;
}

Value Num(const char* text) { return Value::NumberVal(*cty::Number::Parse(text)); }

}  // namespace

TEST_CASE("defaults apply when nothing is set") {
  auto decoded = DecodeProviderConfig(ProviderConfigValue({{"access_key", Value::String("AK")},
                                                           {"secret_key", Value::String("SK")}}),
                                      Env());
  CHECK(decoded.diagnostics.empty());
  const auto& s = decoded.config.settings;
  CHECK(s.endpoint == "https://vm.jdcloud-api.com");
  CHECK(s.max_retries == 3);
  CHECK(s.request_timeout_seconds == 30);
  CHECK(s.region.empty());
  CHECK(decoded.config.unknown.empty());
}

TEST_CASE("environment variables fill unset arguments") {
  auto decoded = DecodeProviderConfig(ProviderConfigValue(),
                                      Env({{"JDCLOUD_ACCESS_KEY", "AK-env"},
                                           {"JDCLOUD_SECRET_KEY", "SK-env"},
                                           {"JDCLOUD_REGION", "cn-east-2"},
                                           {"JDCLOUD_ENDPOINT", "http://127.0.0.1:8080/"},
                                           {"JDCLOUD_MAX_RETRIES", "7"},
                                           {"JDCLOUD_REQUEST_TIMEOUT", "120"}}));
  CHECK(decoded.diagnostics.empty());
  const auto& s = decoded.config.settings;
  CHECK(s.access_key == "AK-env");
  CHECK(s.secret_key == "SK-env");
  CHECK(s.region == "cn-east-2");
  CHECK(s.endpoint == "http://127.0.0.1:8080");  // trailing slash dropped
  CHECK(s.max_retries == 7);
  CHECK(s.request_timeout_seconds == 120);
}

TEST_CASE("config values beat environment values") {
  auto decoded = DecodeProviderConfig(
      ProviderConfigValue({{"access_key", Value::String("AK-cfg")},
                           {"secret_key", Value::String("SK-cfg")},
                           {"region", Value::String("cn-south-1")},
                           {"endpoint", Value::String("https://example.test")},
                           {"max_retries", Value::Int(0)},
                           {"request_timeout", Value::Int(1)}}),
      Env({{"JDCLOUD_ACCESS_KEY", "AK-env"},
           {"JDCLOUD_SECRET_KEY", "SK-env"},
           {"JDCLOUD_REGION", "cn-east-2"},
           {"JDCLOUD_ENDPOINT", "http://127.0.0.1:8080"},
           {"JDCLOUD_MAX_RETRIES", "7"},
           {"JDCLOUD_REQUEST_TIMEOUT", "120"}}));
  CHECK(decoded.diagnostics.empty());
  const auto& s = decoded.config.settings;
  CHECK(s.access_key == "AK-cfg");
  CHECK(s.secret_key == "SK-cfg");
  CHECK(s.region == "cn-south-1");
  CHECK(s.endpoint == "https://example.test");
  CHECK(s.max_retries == 0);
  CHECK(s.request_timeout_seconds == 1);
}

TEST_CASE("an empty string counts as unset, in config and in the environment") {
  auto decoded = DecodeProviderConfig(ProviderConfigValue({{"access_key", Value::String("")},
                                                           {"secret_key", Value::String("SK")},
                                                           {"region", Value::String("")},
                                                           {"endpoint", Value::String("")}}),
                                      Env({{"JDCLOUD_ACCESS_KEY", "AK-env"},
                                           {"JDCLOUD_REGION", ""},
                                           {"JDCLOUD_ENDPOINT", ""},
                                           {"JDCLOUD_MAX_RETRIES", ""}}));
  CHECK(decoded.diagnostics.empty());
  CHECK(decoded.config.settings.access_key == "AK-env");
  CHECK(decoded.config.settings.region.empty());
  CHECK(decoded.config.settings.endpoint == "https://vm.jdcloud-api.com");
  CHECK(decoded.config.settings.max_retries == 3);
}

TEST_CASE("missing credentials name the argument and its environment variable") {
  auto decoded = DecodeProviderConfig(ProviderConfigValue(), Env());
  REQUIRE(decoded.diagnostics.size() == 2);
  CHECK(PathIs(decoded.diagnostics[0], "access_key"));
  CHECK(decoded.diagnostics[0].detail.find("access_key") != std::string::npos);
  CHECK(decoded.diagnostics[0].detail.find("JDCLOUD_ACCESS_KEY") != std::string::npos);
  CHECK(PathIs(decoded.diagnostics[1], "secret_key"));
  CHECK(decoded.diagnostics[1].detail.find("JDCLOUD_SECRET_KEY") != std::string::npos);
  CHECK(provider::HasError(decoded.diagnostics));
}

TEST_CASE("number arguments must be whole and in range") {
  struct Case {
    const char* name;
    Value value;
    bool ok;
  };
  std::vector<Case> cases{
      {"max_retries", Value::Int(0), true},        {"max_retries", Value::Int(20), true},
      {"max_retries", Value::Int(21), false},      {"max_retries", Value::Int(-1), false},
      {"max_retries", Num("2.5"), false},          {"max_retries", Num("1e30"), false},
      {"request_timeout", Value::Int(1), true},    {"request_timeout", Value::Int(3600), true},
      {"request_timeout", Value::Int(0), false},   {"request_timeout", Value::Int(3601), false},
      {"request_timeout", Num("30.5"), false},
  };
  for (const auto& c : cases) {
    INFO(c.name << " = " << c.value.as_number().ToString());
    Value config = ProviderConfigValue({{c.name, c.value}});
    provider::Diagnostics diags = provider::ValidateProviderConfigValues(config);
    if (c.ok) {
      CHECK(diags.empty());
    } else {
      REQUIRE(diags.size() == 1);
      CHECK(PathIs(diags[0], c.name));
      CHECK(diags[0].detail.find("whole number") != std::string::npos);
      auto decoded = DecodeProviderConfig(ProviderConfigValue({{"access_key", Value::String("AK")},
                                                               {"secret_key", Value::String("SK")},
                                                               {c.name, c.value}}),
                                          Env());
      REQUIRE(decoded.diagnostics.size() == 1);
      CHECK(PathIs(decoded.diagnostics[0], c.name));
    }
  }
}

TEST_CASE("bad environment numbers are errors naming the variable") {
  for (const char* bad : {"abc", "21", "-1", "2.5", "3x"}) {
    INFO(bad);
    auto decoded = DecodeProviderConfig(ProviderConfigValue(),
                                        Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                             {"JDCLOUD_SECRET_KEY", "SK"},
                                             {"JDCLOUD_MAX_RETRIES", bad}}));
    REQUIRE(decoded.diagnostics.size() == 1);
    CHECK(decoded.diagnostics[0].summary.find("JDCLOUD_MAX_RETRIES") != std::string::npos);
    CHECK(decoded.diagnostics[0].detail.find(bad) != std::string::npos);
  }
  auto decoded = DecodeProviderConfig(ProviderConfigValue(),
                                      Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                           {"JDCLOUD_SECRET_KEY", "SK"},
                                           {"JDCLOUD_REQUEST_TIMEOUT", "0"}}));
  REQUIRE(decoded.diagnostics.size() == 1);
  CHECK(decoded.diagnostics[0].summary.find("JDCLOUD_REQUEST_TIMEOUT") != std::string::npos);
  auto fine = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                              {"JDCLOUD_SECRET_KEY", "SK"},
                                                              {"JDCLOUD_REQUEST_TIMEOUT", " 45 "}}));
  CHECK(fine.diagnostics.empty());
  CHECK(fine.config.settings.request_timeout_seconds == 45);
}

TEST_CASE("endpoint and region are checked, in config and in the environment") {
  for (const char* bad : {"ftp://x", "vm.jdcloud-api.com", "http://", "http://host/path", "http://a b"}) {
    INFO(bad);
    auto diags = provider::ValidateProviderConfigValues(ProviderConfigValue({{"endpoint", Value::String(bad)}}));
    REQUIRE(diags.size() == 1);
    CHECK(PathIs(diags[0], "endpoint"));
  }
  for (const char* good : {"http://127.0.0.1:8080", "https://vm.jdcloud-api.com/", "http://[::1]:99"}) {
    INFO(good);
    CHECK(provider::ValidateProviderConfigValues(ProviderConfigValue({{"endpoint", Value::String(good)}})).empty());
  }
  auto diags = provider::ValidateProviderConfigValues(ProviderConfigValue({{"region", Value::String("north")}}));
  REQUIRE(diags.size() == 1);
  CHECK(PathIs(diags[0], "region"));
  auto decoded = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                                 {"JDCLOUD_SECRET_KEY", "SK"},
                                                                 {"JDCLOUD_REGION", "CN_NORTH"},
                                                                 {"JDCLOUD_ENDPOINT", "nope"}}));
  CHECK(decoded.diagnostics.size() == 2);
  CHECK(AllText(decoded.diagnostics).find("JDCLOUD_REGION") != std::string::npos);
  CHECK(AllText(decoded.diagnostics).find("JDCLOUD_ENDPOINT") != std::string::npos);
}

TEST_CASE("one endpoint parser: validation refuses what configuration would, and the scheme is case-insensitive") {
  for (const char* bad : {"https://host:abc", "http://h:0", "http://[::1", "http://h h"}) {
    INFO(bad);
    auto diags = provider::ValidateProviderConfigValues(ProviderConfigValue({{"endpoint", Value::String(bad)}}));
    REQUIRE(diags.size() == 1);
    CHECK(PathIs(diags[0], "endpoint"));
  }
  auto decoded = DecodeProviderConfig(ProviderConfigValue({{"endpoint", Value::String("HTTP://LocalHost:8080/")}}),
                                      Env({{"JDCLOUD_ACCESS_KEY", "AK"}, {"JDCLOUD_SECRET_KEY", "SK"}}));
  CHECK(decoded.diagnostics.empty());
  CHECK(decoded.config.settings.endpoint == "http://localhost:8080");
}

TEST_CASE("an endpoint with user info is refused without echoing it") {
  auto diags = provider::ValidateProviderConfigValues(
      ProviderConfigValue({{"endpoint", Value::String("http://admin:Hunter2@host")}}));
  REQUIRE(diags.size() == 1);
  CHECK(PathIs(diags[0], "endpoint"));
  CHECK(AllText(diags).find("user info") != std::string::npos);
  CHECK(AllText(diags).find("Hunter2") == std::string::npos);
  auto decoded = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                                 {"JDCLOUD_SECRET_KEY", "SK"},
                                                                 {"JDCLOUD_ENDPOINT", "https://u:Hunter2@h"}}));
  REQUIRE(decoded.diagnostics.size() == 1);
  CHECK(AllText(decoded.diagnostics).find("JDCLOUD_ENDPOINT") != std::string::npos);
  CHECK(AllText(decoded.diagnostics).find("Hunter2") == std::string::npos);
}

TEST_CASE("credentials with whitespace or control characters name the argument, never the value") {
  for (const char* name : {"access_key", "secret_key", "session_token"}) {
    for (const std::string bad : {"AKSECRET1\n", "AKSECRET1\r\n", " AKSECRET1", "AK SECRET1", "AK\x1bSECRET1"}) {
      INFO(name << " " << bad.size());
      auto diags = provider::ValidateProviderConfigValues(ProviderConfigValue({{name, Value::String(bad)}}));
      REQUIRE(diags.size() == 1);
      CHECK(PathIs(diags[0], name));
      CHECK(AllText(diags).find("SECRET1") == std::string::npos);
    }
  }
  auto decoded = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                                 {"JDCLOUD_SECRET_KEY", "SKSECRET1\n"},
                                                                 {"JDCLOUD_SESSION_TOKEN", "TOKEN1\r\n"}}));
  REQUIRE(decoded.diagnostics.size() == 2);  // and no "missing secret key" on top
  CHECK(AllText(decoded.diagnostics).find("JDCLOUD_SECRET_KEY") != std::string::npos);
  CHECK(AllText(decoded.diagnostics).find("JDCLOUD_SESSION_TOKEN") != std::string::npos);
  CHECK(AllText(decoded.diagnostics).find("SECRET1") == std::string::npos);
  CHECK(AllText(decoded.diagnostics).find("TOKEN1") == std::string::npos);
}

TEST_CASE("session_token: config beats JDCLOUD_SESSION_TOKEN; unset means long-term credentials") {
  auto from_env = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                                  {"JDCLOUD_SECRET_KEY", "SK"},
                                                                  {"JDCLOUD_SESSION_TOKEN", "tok-env"}}));
  CHECK(from_env.diagnostics.empty());
  CHECK(from_env.config.settings.session_token == "tok-env");
  auto from_config = DecodeProviderConfig(ProviderConfigValue({{"session_token", Value::String("tok-cfg")}}),
                                          Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                               {"JDCLOUD_SECRET_KEY", "SK"},
                                               {"JDCLOUD_SESSION_TOKEN", "tok-env"}}));
  CHECK(from_config.config.settings.session_token == "tok-cfg");
  auto none = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"}, {"JDCLOUD_SECRET_KEY", "SK"}}));
  CHECK(none.config.settings.session_token.empty());
}

TEST_CASE("a huge bad endpoint or region is quoted cut short, with its length") {
  const std::string huge(1 << 20, 'a');
  for (const char* name : {"region", "endpoint"}) {
    INFO(name);
    auto diags = provider::ValidateProviderConfigValues(ProviderConfigValue({{name, Value::String(huge)}}));
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].detail.size() < 1024);
    CHECK(diags[0].detail.find("(1048576 bytes)") != std::string::npos);
  }
  auto decoded = DecodeProviderConfig(ProviderConfigValue(), Env({{"JDCLOUD_ACCESS_KEY", "AK"},
                                                                 {"JDCLOUD_SECRET_KEY", "SK"},
                                                                 {"JDCLOUD_REGION", huge}}));
  REQUIRE(decoded.diagnostics.size() == 1);
  CHECK(decoded.diagnostics[0].detail.size() < 1024);
  CHECK(decoded.diagnostics[0].detail.find("JDCLOUD_REGION") != std::string::npos);
}

TEST_CASE("unknown values are tolerated and remembered, never replaced by the environment") {
  Value config = ProviderConfigValue({{"access_key", Value::String("AK")},
                                      {"secret_key", Value::Unknown(cty::Type::String())},
                                      {"endpoint", Value::Unknown(cty::Type::String())},
                                      {"max_retries", Value::Unknown(cty::Type::Number())}});
  CHECK(provider::ValidateProviderConfigValues(config).empty());
  auto decoded = DecodeProviderConfig(config, Env({{"JDCLOUD_SECRET_KEY", "SK-env"},
                                                   {"JDCLOUD_ENDPOINT", "http://127.0.0.1:1"}}));
  CHECK(decoded.diagnostics.empty());
  CHECK(decoded.config.IsUnknown("secret_key"));
  CHECK(decoded.config.IsUnknown("endpoint"));
  CHECK(decoded.config.IsUnknown("max_retries"));
  CHECK_FALSE(decoded.config.IsUnknown("access_key"));
  CHECK(decoded.config.ClientSettingsUnknown());
  CHECK(decoded.config.settings.secret_key.empty());

  auto region_only = DecodeProviderConfig(
      ProviderConfigValue({{"access_key", Value::String("AK")},
                           {"secret_key", Value::String("SK")},
                           {"region", Value::Unknown(cty::Type::String())}}),
      Env());
  CHECK(region_only.config.IsUnknown("region"));
  CHECK_FALSE(region_only.config.ClientSettingsUnknown());

  auto whole = DecodeProviderConfig(Value::Unknown(ProviderConfigValue().type()), Env());
  CHECK(whole.diagnostics.empty());
  CHECK(whole.config.ClientSettingsUnknown());
}

TEST_CASE("ConfigureProvider builds the client from the effective settings") {
  provider_test::FakeApi api;
  provider::ProviderDependencies deps;
  deps.client_factory = api.Factory();
  deps.env = Env({{"JDCLOUD_SECRET_KEY", "SK-env"}, {"JDCLOUD_REQUEST_TIMEOUT", "12"}});
  auto p = provider::CreateProvider(deps);
  auto diags = p->ConfigureProvider(ProviderConfigValue({{"access_key", Value::String("AK")},
                                                         {"endpoint", Value::String("http://127.0.0.1:5")},
                                                         {"max_retries", Value::Int(5)}}),
                                    "1.11.4");
  CHECK(diags.empty());
  REQUIRE(api.clients_created() == 1);
  CHECK(api.last_credentials().access_key == "AK");
  CHECK(api.last_credentials().secret_key == "SK-env");
  auto options = api.last_options();
  CHECK(options.endpoint == "http://127.0.0.1:5");
  CHECK(options.max_retries == 5);
  CHECK(options.request_timeout == std::chrono::seconds(12));
  CHECK(options.user_agent.starts_with("terraform-provider-jdcloud/" PROVIDER_VERSION));
  CHECK(options.user_agent.find("terraform/1.11.4") != std::string::npos);
  CHECK(options.user_agent.find('\n') == std::string::npos);
}

TEST_CASE("ConfigureProvider never builds a client from a placeholder") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  auto diags = p->ConfigureProvider(ProviderConfigValue({{"access_key", Value::String("AK")},
                                                         {"secret_key", Value::String("SK")},
                                                         {"endpoint", Value::Unknown(cty::Type::String())}}),
                                    "1.11.4");
  CHECK(diags.empty());
  CHECK(api.clients_created() == 0);
}

TEST_CASE("ConfigureProvider reports missing credentials and a failed client") {
  provider_test::FakeApi api;
  provider::ProviderDependencies deps;
  deps.client_factory = api.Factory();
  deps.env = Env();
  auto p = provider::CreateProvider(deps);
  auto diags = p->ConfigureProvider(ProviderConfigValue(), "1.11.4");
  CHECK(provider::HasError(diags));
  CHECK(AllText(diags).find("JDCLOUD_ACCESS_KEY") != std::string::npos);
  CHECK(api.clients_created() == 0);

  api.FailCreate("endpoint has no usable scheme");
  diags = p->ConfigureProvider(provider_test::FullProviderConfig(), "1.11.4");
  REQUIRE(diags.size() == 1);
  CHECK(PathIs(diags[0], "endpoint"));
  CHECK(diags[0].detail.find("no usable scheme") != std::string::npos);
}
