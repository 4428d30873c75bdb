// Config decoding, diagnostics, ReadDataSource, deferral, Stop and failure
// handling, both versions.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "fake_provider.h"
#include "test_bytes.h"
#include "versions.h"

using namespace protocol_test;

namespace {

cty::Value WorkedEchoValue() {
  return cty::Value::Object({
      {"id", cty::Value::Null(cty::Type::String())},
      {"input", cty::Value::String("hello")},
      {"output", cty::Value::Null(cty::Type::String())},
      {"tags", cty::Value::Map(cty::Type::String(), {{"k", cty::Value::String("v")}})},
  });
}

cty::Type EchoType(const FakeProvider& fake) { return fake.DataSourceSchemas().at("probe_echo").block.ImpliedType(); }

template <class Diagnostics>
void RequireSingleError(const Diagnostics& diagnostics, const std::string& summary) {
  REQUIRE(diagnostics.size() == 1);
  CHECK(static_cast<int>(diagnostics[0].severity()) == 1);  // ERROR
  CHECK(diagnostics[0].summary() == summary);
  CHECK_FALSE(diagnostics[0].detail().empty());
}

// Malformed or wrong-typed msgpack for the probe_echo object type.
const std::vector<std::string> kGarbage = {
    FromHex("c1"),                            // never-used byte
    FromHex("84 a2 6964"),                    // truncated map
    FromHex("a3 616263"),                     // a string where an object belongs
    FromHex("80"),                            // empty map: attributes missing
    FromHex("81 a3 7a7a7a c0"),               // unknown attribute
    FromHex("84 a2 6964 c0 a5 696e707574 c3 a6 6f7574707574 c0 a4 74616773 c0"),  // input is a bool
    FromHex("84 a2 6964 c0 a5 696e707574 a5 68656c6c6f a6 6f7574707574 c0 a4 74616773 81 01 a1 76"),  // int map key
    std::string(64, '\xff'),                  // negative fixints, not a map
};

}  // namespace

TEMPLATE_TEST_CASE("data source config decodes the reference's worked bytes", "[config]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  const auto resp = TestType::ValidateDataSourceConfig(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()));
  CHECK(resp.diagnostics_size() == 0);
  const auto call = fake->LastCall();
  CHECK(call.rpc == "ValidateDataSourceConfig");
  CHECK(call.type_name == "probe_echo");
  REQUIRE(call.config);
  CHECK(*call.config == WorkedEchoValue());
}

TEMPLATE_TEST_CASE("json is the fallback when msgpack is empty; neither means null", "[config]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  auto resp = TestType::ValidateDataSourceConfig(s, "probe_echo", TestType::Json(R"({"input":"hello","tags":{"k":"v"}})"));
  CHECK(resp.diagnostics_size() == 0);
  REQUIRE(fake->LastCall().config);
  CHECK(*fake->LastCall().config == WorkedEchoValue());

  resp = TestType::ValidateDataSourceConfig(s, "probe_echo", {});
  CHECK(resp.diagnostics_size() == 0);
  REQUIRE(fake->LastCall().config);
  CHECK(fake->LastCall().config->is_null());
  CHECK(fake->LastCall().config->type() == EchoType(*fake));

  resp = TestType::ValidateDataSourceConfig(s, "probe_echo", TestType::Json(R"({"input":)"));
  RequireSingleError(resp.diagnostics(), "Invalid configuration value");
}

TEMPLATE_TEST_CASE("provider config reaches the core with unknowns intact", "[config]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  // {endpoint = <unknown>, max_retries = 5, secret_key = "s3cr3t"}
  const std::string bytes =
      FromHex("83 a8 656e64706f696e74 d4 00 00 ab 6d61785f72657472696573 05 aa 7365637265745f6b6579 a6 733363723374");
  const cty::Value expected = cty::Value::Object({
      {"endpoint", cty::Value::Unknown(cty::Type::String())},
      {"max_retries", cty::Value::Int(5)},
      {"secret_key", cty::Value::String("s3cr3t")},
  });

  const auto validated = TestType::ValidateProviderConfig(s, TestType::Msgpack(bytes));
  CHECK(validated.diagnostics_size() == 0);
  CHECK(fake->LastCall().rpc == "ValidateProviderConfig");
  REQUIRE(fake->LastCall().config);
  CHECK(*fake->LastCall().config == expected);
  if constexpr (TestType::kVersion == 5) {
    CHECK_FALSE(validated.has_prepared_config());  // Terraform ignores it; we leave it unset
  }

  const auto configured = TestType::Configure(s, "1.11.4", TestType::Msgpack(bytes));
  CHECK(configured.diagnostics_size() == 0);
  const auto call = fake->LastCall();
  CHECK(call.rpc == "ConfigureProvider");
  CHECK(call.terraform_version == "1.11.4");
  REQUIRE(call.config);
  CHECK(*call.config == expected);
}

TEMPLATE_TEST_CASE("core diagnostics are translated with severities and paths", "[diagnostics]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  fake->diagnostics_to_return = {
      provider::ErrorDiag("Invalid max_retries", "must be 0..20", {provider::AttributeName{"max_retries"}}),
      provider::WarningDiag("Odd tag", "tag k", {provider::AttributeName{"tags"}, provider::ElementKeyString{"k"}}),
      provider::WarningDiag("Disk", "third disk",
                            {provider::AttributeName{"data_disks"}, provider::ElementKeyInt{2},
                             provider::AttributeName{"size"}}),
      provider::ErrorDiag("Whole block", "no path"),
  };
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  const std::string config = FromHex("83 a8 656e64706f696e74 c0 ab 6d61785f72657472696573 c0 aa 7365637265745f6b6579 c0");

  const auto resp = TestType::ValidateProviderConfig(s, TestType::Msgpack(config));
  REQUIRE(resp.diagnostics_size() == 4);
  using Diagnostic = typename TestType::Diagnostic;

  const auto& retries = resp.diagnostics(0);
  CHECK(retries.severity() == Diagnostic::ERROR);
  CHECK(static_cast<int>(retries.severity()) == 1);
  CHECK(retries.summary() == "Invalid max_retries");
  CHECK(retries.detail() == "must be 0..20");
  REQUIRE(retries.attribute().steps_size() == 1);
  CHECK(retries.attribute().steps(0).attribute_name() == "max_retries");

  const auto& tag = resp.diagnostics(1);
  CHECK(static_cast<int>(tag.severity()) == 2);  // WARNING
  REQUIRE(tag.attribute().steps_size() == 2);
  CHECK(tag.attribute().steps(0).attribute_name() == "tags");
  CHECK(tag.attribute().steps(1).element_key_string() == "k");
  CHECK(tag.attribute().steps(1).has_element_key_string());

  const auto& disk = resp.diagnostics(2);
  REQUIRE(disk.attribute().steps_size() == 3);
  CHECK(disk.attribute().steps(1).has_element_key_int());
  CHECK(disk.attribute().steps(1).element_key_int() == 2);
  CHECK(disk.attribute().steps(2).attribute_name() == "size");

  const auto& whole = resp.diagnostics(3);
  CHECK(whole.severity() == Diagnostic::ERROR);
  CHECK_FALSE(whole.has_attribute());

  for (const auto& d : resp.diagnostics()) CHECK(d.severity() != Diagnostic::INVALID);

  // The same translation serves every RPC that returns diagnostics.
  CHECK(TestType::Configure(s, "1.11.4", TestType::Msgpack(config)).diagnostics_size() == 4);
  CHECK(TestType::ValidateDataSourceConfig(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()))
            .diagnostics_size() == 4);
}

TEMPLATE_TEST_CASE("ReadDataSource encodes the state as msgpack of the implied type", "[read]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  const auto resp = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  CHECK(resp.diagnostics_size() == 0);
  CHECK_FALSE(resp.has_deferred());
  REQUIRE(resp.has_state());
  CHECK(resp.state().json().empty());

  // go-cty's form: one entry per attribute, keys sorted, fixstr strings.
  CHECK(resp.state().msgpack() ==
        FromHex("84 a2 6964 a7 70726f62652d31 a5 696e707574 a5 68656c6c6f a6 6f7574707574 ab 6563686f3a2068656c6c6f"
                " a4 74616773 81 a1 6b a1 76"));
  const auto decoded = cty::DecodeMsgpack(resp.state().msgpack(), EchoType(*fake));
  REQUIRE(decoded.has_value());
  CHECK(*decoded == FakeProvider::EchoState(WorkedEchoValue()));

  const auto call = fake->LastCall();
  CHECK(call.rpc == "ReadDataSource");
  CHECK(call.type_name == "probe_echo");
  REQUIRE(call.config);
  CHECK(*call.config == WorkedEchoValue());
}

TEMPLATE_TEST_CASE("ReadDataSource sends a state the core already encoded as is", "[read]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  // Distinguishable from what encoding the state would give: proves the bytes are not re-encoded.
  fake->read_state_msgpack = std::make_shared<const std::string>(FromHex("81 a2 6964 a7 70726f62652d32"));
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  const auto resp = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  CHECK(resp.diagnostics_size() == 0);
  REQUIRE(resp.has_state());
  CHECK(resp.state().msgpack() == *fake->read_state_msgpack);
}

TEMPLATE_TEST_CASE("ReadDataSource passes deferral_allowed and answers Deferred without state", "[read]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  CHECK_FALSE(fake->LastCall().deferral_allowed);
  TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), true);
  CHECK(fake->LastCall().deferral_allowed);

  fake->read_defers = true;
  const auto resp = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), true);
  REQUIRE(resp.has_deferred());
  CHECK(static_cast<int>(resp.deferred().reason()) == 2);  // PROVIDER_CONFIG_UNKNOWN
  CHECK_FALSE(resp.has_state());
  CHECK(resp.diagnostics_size() == 0);
}

TEMPLATE_TEST_CASE("a failed read has diagnostics and no state", "[read]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  fake->read_returns_no_state = true;

  fake->diagnostics_to_return = {provider::ErrorDiag("image not found", "img-123 in cn-north-1")};
  auto resp = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  RequireSingleError(resp.diagnostics(), "image not found");
  CHECK_FALSE(resp.has_state());
  CHECK_FALSE(resp.has_deferred());

  // No state and no error would be a null object in Terraform: say so instead.
  fake->diagnostics_to_return = {};
  resp = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  RequireSingleError(resp.diagnostics(), "Data source returned no state");
  CHECK_FALSE(resp.has_state());
}

TEMPLATE_TEST_CASE("a read with warnings still returns the state", "[read]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  fake->diagnostics_to_return = {provider::WarningDiag("Image not ready", "status is pending")};
  auto service = TestType::New(fake);
  const auto resp =
      TestType::ReadDataSource(TestType::Cast(*service), "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  REQUIRE(resp.diagnostics_size() == 1);
  CHECK(static_cast<int>(resp.diagnostics(0).severity()) == 2);
  CHECK(resp.has_state());
}

TEMPLATE_TEST_CASE("garbage or wrong-typed msgpack is a diagnostic and never reaches the core", "[config]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  for (const auto& bytes : kGarbage) {
    INFO("bytes of length " << bytes.size());
    RequireSingleError(TestType::ValidateDataSourceConfig(s, "probe_echo", TestType::Msgpack(bytes)).diagnostics(),
                       "Invalid configuration value");
    const auto read = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(bytes), false);
    RequireSingleError(read.diagnostics(), "Invalid configuration value");
    CHECK_FALSE(read.has_state());
    RequireSingleError(TestType::ValidateProviderConfig(s, TestType::Msgpack(bytes)).diagnostics(),
                       "Invalid configuration value");
    RequireSingleError(TestType::Configure(s, "1.11.4", TestType::Msgpack(bytes)).diagnostics(),
                       "Invalid configuration value");
  }
  CHECK(fake->Calls() == 0);
}

TEMPLATE_TEST_CASE("an unknown data source type is an error diagnostic", "[config]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  RequireSingleError(
      TestType::ValidateDataSourceConfig(s, "jdcloud_nope", TestType::Msgpack(WorkedEchoConfig())).diagnostics(),
      "Unknown data source");
  const auto read = TestType::ReadDataSource(s, "jdcloud_nope", TestType::Msgpack(WorkedEchoConfig()), false);
  RequireSingleError(read.diagnostics(), "Unknown data source");
  CHECK(read.diagnostics(0).detail().find("jdcloud_nope") != std::string::npos);
  CHECK_FALSE(read.has_state());
  CHECK(fake->Calls() == 0);
}

TEMPLATE_TEST_CASE("an exception in the core becomes a diagnostic, not a gRPC error", "[failure]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  fake->throw_on_call = true;
  auto service = TestType::New(fake);
  const auto read =
      TestType::ReadDataSource(TestType::Cast(*service), "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false);
  RequireSingleError(read.diagnostics(), "Internal provider error");
  CHECK_FALSE(read.has_state());
}

TEMPLATE_TEST_CASE("Stop calls the core's Stop and returns no error", "[stop]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  CHECK(TestType::Stop(s).error().empty());
  CHECK(fake->stop_calls == 1);
  // Terraform may send it twice; the service keeps serving afterwards.
  TestType::Stop(s);
  CHECK(fake->stop_calls == 2);
  CHECK(TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false).has_state());
}

TEMPLATE_TEST_CASE("GetFunctions is empty and other RPCs are UNIMPLEMENTED", "[rpcs]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  const auto functions = TestType::GetFunctions(s);
  CHECK(functions.functions_size() == 0);
  CHECK(functions.diagnostics_size() == 0);
  CHECK(TestType::ReadResource(s).error_code() == grpc::StatusCode::UNIMPLEMENTED);
}

TEMPLATE_TEST_CASE("concurrent schema and read calls agree", "[concurrency]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);
  const std::string expected_state = TestType::ReadDataSource(s, "probe_echo", TestType::Msgpack(WorkedEchoConfig()), false)
                                         .state()
                                         .msgpack();

  // Separate service so the first GetSchema calls race on the lazy build.
  auto fresh = TestType::New(fake);
  auto& f = TestType::Cast(*fresh);
  constexpr int kThreads = 8;
  std::vector<std::string> schemas(kThreads);
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      if (!TestType::TrySchema(f, &schemas[t])) ++mismatches[t];
      for (int i = 0; i < 20; ++i) {
        std::string state;
        if (!TestType::TryRead(f, WorkedEchoConfig(), &state) || state != expected_state) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    CHECK(schemas[t] == schemas[0]);
    CHECK(mismatches[t] == 0);
  }
  CHECK(schemas[0] == Deterministic(TestType::GetSchema(s)));
}

TEMPLATE_TEST_CASE("Stop reaches the core while a read is in flight", "[stop][concurrency]", V5, V6) {
  auto fake = std::make_shared<FakeProvider>();
  fake->read_blocks_until_stop = true;
  auto service = TestType::New(fake);
  auto& s = TestType::Cast(*service);

  std::string state;
  bool read_ok = true;
  std::thread reader([&] { read_ok = TestType::TryRead(s, WorkedEchoConfig(), &state); });
  // Wait until the read is inside the core, then stop it.
  while (fake->Calls() == 0) std::this_thread::yield();
  const auto started = std::chrono::steady_clock::now();
  TestType::Stop(s);
  reader.join();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(fake->stop_calls == 1);
  CHECK_FALSE(read_ok);  // the read ended with the core's "cancelled" error, not a hang
  CHECK(state.empty());
}
