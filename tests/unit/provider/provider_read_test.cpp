// ReadDataSource through the whole core with a fake client: success,
// warnings, every error row of the SPEC, region rules, deferral, reconfigure.
#include <catch2/catch.hpp>

#include "cty/codec.h"
#include "provider/image_schema.h"
#include "provider/provider_factory.h"
#include "provider/rfc3339.h"
#include "fake_client.h"
#include "test_values.h"

using cty::Value;
using jdcloud::ApiError;
using provider_test::AllText;
using provider_test::Env;
using provider_test::FakeApi;
using provider_test::Failure;
using provider_test::FullProviderConfig;
using provider_test::ImageConfig;
using provider_test::ProviderConfigValue;

namespace {

const std::string kSecret = "SK-very-secret-0123456789";

struct Fixture {
  FakeApi api;
  std::unique_ptr<provider::Provider> p;
  explicit Fixture(provider::EnvLookup env = Env()) {
    provider::ProviderDependencies deps;
    deps.client_factory = api.Factory();
    deps.env = std::move(env);
    deps.now = [] { return std::chrono::system_clock::time_point(*provider::ParseRfc3339("2025-06-01T00:00:00Z")); };
    p = provider::CreateProvider(std::move(deps));
  }
  provider::ReadResult Read(const std::string& id, std::optional<std::string> region = std::nullopt,
                            bool deferral_allowed = false) {
    return p->ReadDataSource("jdcloud_image", ImageConfig(id, std::move(region)), {deferral_allowed});
  }
};

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a successful read returns the mapped state and no diagnostics") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  auto result = f.Read("img-m5s0f7ss4c");
  REQUIRE(result.state);
  CHECK(result.diagnostics.empty());
  CHECK_FALSE(result.deferred_provider_config_unknown);
  CHECK(result.state->type() == provider_test::ImageConfig("img-m5s0f7ss4c").type());
  CHECK(result.state->GetAttr("image_id") == Value::String("img-m5s0f7ss4c"));
  CHECK(result.state->GetAttr("region") == Value::String("cn-north-1"));
  CHECK(result.state->GetAttr("name") == Value::String("test image"));
  CHECK(f.api.calls_log() == std::vector<std::string>{"cn-north-1/img-m5s0f7ss4c"});
}

TEST_CASE("the state comes encoded once, as the protocol would encode it") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  auto first = f.Read("img-m5s0f7ss4c");
  auto second = f.Read("img-m5s0f7ss4c");
  REQUIRE(first.state);
  REQUIRE(first.state_msgpack);
  CHECK(*first.state_msgpack == cty::EncodeMsgpack(*first.state, provider::ImageStateType()));
  auto decoded = cty::DecodeMsgpack(*first.state_msgpack, provider::ImageStateType());
  REQUIRE(decoded);
  CHECK(*decoded == *first.state);
  REQUIRE(second.state_msgpack);
  CHECK(second.state_msgpack.get() == first.state_msgpack.get());  // the cached bytes, not a new encoding
  CHECK(f.api.calls_log().size() == 1);
}

TEST_CASE("the data block's region beats the provider's; the state shows the one used") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  auto result = f.Read("img-m5s0f7ss4c", "cn-south-1");
  REQUIRE(result.state);
  CHECK(result.state->GetAttr("region") == Value::String("cn-south-1"));
  result = f.Read("img-m5s0f7ss4c", "");  // empty = unset: the provider's region
  REQUIRE(result.state);
  CHECK(result.state->GetAttr("region") == Value::String("cn-north-1"));
  CHECK(f.api.calls_log() ==
        std::vector<std::string>{"cn-south-1/img-m5s0f7ss4c", "cn-north-1/img-m5s0f7ss4c"});
}

TEST_CASE("no region anywhere is an error naming the argument and JDCLOUD_REGION") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig("AK", kSecret, ""), "1.11.4").empty());
  auto result = f.Read("img-m5s0f7ss4c");
  CHECK_FALSE(result.state);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(Contains(result.diagnostics[0].detail, "region"));
  CHECK(Contains(result.diagnostics[0].detail, "JDCLOUD_REGION"));
  CHECK(f.api.calls() == 0);
  // ...and with the region from the environment it works.
  Fixture g(Env({{"JDCLOUD_REGION", "cn-east-2"}}));
  REQUIRE(g.p->ConfigureProvider(FullProviderConfig("AK", kSecret, ""), "1.11.4").empty());
  auto ok = g.Read("img-m5s0f7ss4c");
  REQUIRE(ok.state);
  CHECK(ok.state->GetAttr("region") == Value::String("cn-east-2"));
}

TEST_CASE("missing credentials fail the read too, naming argument and variable, without a call") {
  Fixture f;
  auto configure = f.p->ConfigureProvider(ProviderConfigValue({{"region", Value::String("cn-north-1")}}), "1.11.4");
  CHECK(provider::HasError(configure));
  auto result = f.Read("img-m5s0f7ss4c");
  CHECK_FALSE(result.state);
  std::string text = AllText(result.diagnostics);
  CHECK(Contains(text, "access_key"));
  CHECK(Contains(text, "JDCLOUD_ACCESS_KEY"));
  CHECK(Contains(text, "secret_key"));
  CHECK(Contains(text, "JDCLOUD_SECRET_KEY"));
  CHECK(f.api.calls() == 0);
}

TEST_CASE("reading before configuring is an error, not a crash") {
  Fixture f;
  auto result = f.Read("img-m5s0f7ss4c");
  CHECK_FALSE(result.state);
  CHECK(provider::HasError(result.diagnostics));
}

TEST_CASE("every API failure becomes the SPEC's diagnostic with the request id and no secret") {
  struct Row {
    const char* name;
    provider_test::Outcome outcome;
    std::vector<std::string> expected;
  };
  using K = ApiError::Kind;
  // Each fake message also carries the secret, as a leaky server might: it must be redacted.
  const std::string leak = " (key " + kSecret + ")";
  std::vector<Row> rows{
      {"404", Failure(K::NotFound, 404, "NOT_FOUND", "image missing" + leak, "req-404"),
       {"image not found", "img-m5s0f7ss4c", "cn-north-1", "req-404"}},
      {"401", Failure(K::Unauthenticated, 401, "ACCESS_ERROR", "sign result is not same [gw]" + leak, "req-401"),
       {"authentication", "req-401", "401"}},
      {"403", Failure(K::Forbidden, 403, "PERMISSION_DENIED", "no" + leak, "req-403"),
       {"authorization", "permission denied", "req-403", "403"}},
      {"400", Failure(K::BadRequest, 400, "INVALID_ARGUMENT", "imageId is invalid" + leak, "req-400"),
       {"400", "INVALID_ARGUMENT", "imageId is invalid", "req-400"}},
      {"throttled", Failure(K::Throttled, 429, "RATE_LIMIT", "slow down" + leak, "req-429", 4),
       {"4 attempts", "RATE_LIMIT", "slow down", "req-429"}},
      {"5xx", Failure(K::ServerError, 503, "UNAVAILABLE", "busy" + leak, "req-503", 4),
       {"4 attempts", "503", "busy", "req-503"}},
      {"network", Failure(K::Network, 0, "", "connection refused" + leak, "", 21),
       {"21 attempts", "connection refused"}},
      {"quota", Failure(K::QuotaExceeded, 429, "QUOTA_EXCEEDED", "quota used up" + leak, "req-quota"),
       {"quota", "429", "QUOTA_EXCEEDED", "quota used up", "req-quota"}},
      {"other 4xx", Failure(K::OtherHttpStatus, 409, "ABORTED", "conflict" + leak, "req-409"),
       {"409", "ABORTED", "conflict", "req-409"}},
      {"malformed", Failure(K::MalformedBody, 200, "", "body is not JSON" + leak, "req-bad-body"),
       {"Malformed", "req-bad-body", "not JSON"}},
      {"malformed, header id", Failure(K::MalformedBody, 200, "", "result.image missing", "hdr-req-9"),
       {"hdr-req-9"}},
      {"timeout", Failure(K::Timeout, 0, "", "no answer within 30 s" + leak, "", 4),
       {"timed out", "4 attempts"}},
      {"too large", Failure(K::ResponseTooLarge, 200, "", "over 16 MiB", "req-big"), {"too large", "req-big"}},
      {"cancelled", Failure(K::Cancelled, 0, "", "cancelled", ""), {"cancelled"}},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    Fixture f;
    REQUIRE(f.p->ConfigureProvider(FullProviderConfig("AK", kSecret), "1.11.4").empty());
    f.api.SetHandler([&](auto&, auto&, auto&) { return row.outcome; });
    auto result = f.Read("img-m5s0f7ss4c");
    CHECK_FALSE(result.state);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == provider::Diagnostic::Severity::Error);
    CHECK(result.diagnostics[0].summary.find('\n') == std::string::npos);
    std::string text = AllText(result.diagnostics);
    INFO(text);
    for (const auto& part : row.expected) {
      CHECK(Contains(text, part) == true);
    }
    CHECK_FALSE(Contains(text, kSecret));
    CHECK_FALSE(Contains(text, "very-secret"));
  }
}

TEST_CASE("an unusable image is read with one warning") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  f.api.SetHandler([](auto&, const std::string& id, auto&) {
    // The fixture's clock is 2025-06-01.
    jdcloud::Image image = provider_test::ImageFromJson(R"({"imageId":)" + provider_test::JsonString(id) +
                                                        R"(,"status":"deleting","offline":true,)"
                                                        R"("expiredTime":"2025-05-31T23:59:59Z"})");
    return provider_test::Success(image, "req-warn");
  });
  auto result = f.Read("img-m5s0f7ss4c");
  REQUIRE(result.state);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].severity == provider::Diagnostic::Severity::Warning);
  std::string text = AllText(result.diagnostics);
  CHECK(Contains(text, "deleting"));
  CHECK(Contains(text, "offline"));
  CHECK(Contains(text, "expired"));
  CHECK(Contains(text, "req-warn"));
}

TEST_CASE("unknown provider config: deferred when allowed, else an error; never a call") {
  Fixture f;
  Value config = ProviderConfigValue({{"access_key", Value::String("AK")},
                                      {"secret_key", Value::String(kSecret)},
                                      {"region", Value::String("cn-north-1")},
                                      {"endpoint", Value::Unknown(cty::Type::String())}});
  CHECK(f.p->ConfigureProvider(config, "1.11.4").empty());
  auto deferred = f.Read("img-m5s0f7ss4c", std::nullopt, true);
  CHECK(deferred.deferred_provider_config_unknown);
  CHECK_FALSE(deferred.state);
  CHECK(deferred.diagnostics.empty());

  auto refused = f.Read("img-m5s0f7ss4c", std::nullopt, false);
  CHECK_FALSE(refused.deferred_provider_config_unknown);
  CHECK_FALSE(refused.state);
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(Contains(refused.diagnostics[0].detail, "depends on values not known until apply"));
  CHECK(Contains(refused.diagnostics[0].detail, "endpoint"));
  CHECK(f.api.calls() == 0);
  CHECK(f.api.clients_created() == 0);
}

TEST_CASE("an unknown provider region matters only when the block has no region") {
  Fixture f;
  Value config = ProviderConfigValue({{"access_key", Value::String("AK")},
                                      {"secret_key", Value::String(kSecret)},
                                      {"region", Value::Unknown(cty::Type::String())}});
  CHECK(f.p->ConfigureProvider(config, "1.11.4").empty());
  auto with_region = f.Read("img-m5s0f7ss4c", "cn-east-2");
  REQUIRE(with_region.state);
  auto without = f.Read("img-m5s0f7ss4c", std::nullopt, true);
  CHECK(without.deferred_provider_config_unknown);
  CHECK(f.api.calls() == 1);
}

TEST_CASE("a later ConfigureProvider replaces the earlier one") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig("AK1", "SK1-secret", "cn-north-1"), "1.11.4").empty());
  REQUIRE(f.Read("img-m5s0f7ss4c").state);
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig("AK2", "SK2-secret", "cn-south-1"), "1.11.4").empty());
  auto result = f.Read("img-m5s0f7ss4c");
  REQUIRE(result.state);
  CHECK(result.state->GetAttr("region") == Value::String("cn-south-1"));
  CHECK(f.api.last_credentials().access_key == "AK2");
  CHECK(f.api.calls() == 2);
  // A configuration with unknowns replaces a good one too.
  CHECK(f.p->ConfigureProvider(ProviderConfigValue({{"access_key", Value::Unknown(cty::Type::String())},
                                                    {"secret_key", Value::String("SK3-secret")}}),
                               "1.11.4")
            .empty());
  CHECK(f.Read("img-m5s0f7ss4c", std::nullopt, true).deferred_provider_config_unknown);
  // A definite error (the secret key is set nowhere) beats the unknown access key.
  auto missing = f.p->ConfigureProvider(
      ProviderConfigValue({{"access_key", Value::Unknown(cty::Type::String())}}), "1.11.4");
  CHECK(provider::HasError(missing));
  auto read = f.Read("img-m5s0f7ss4c", std::nullopt, true);
  CHECK_FALSE(read.deferred_provider_config_unknown);
  CHECK(AllText(read.diagnostics).find("JDCLOUD_SECRET_KEY") != std::string::npos);
  CHECK(f.api.calls() == 2);
}

TEST_CASE("no diagnostic contains the secret, even when config values echo it") {
  Fixture f;
  // A user who pasted the secret into the wrong argument must not see it echoed.
  Value config = ProviderConfigValue({{"access_key", Value::String("AK")},
                                      {"secret_key", Value::String(kSecret)},
                                      {"region", Value::String(kSecret)},
                                      {"endpoint", Value::String("http://" + kSecret + "/x")}});
  auto validate = f.p->ValidateProviderConfig(config);
  CHECK(validate.size() == 2);
  CHECK_FALSE(Contains(AllText(validate), kSecret));
  auto configure = f.p->ConfigureProvider(config, "1.11.4");
  CHECK(provider::HasError(configure));
  CHECK_FALSE(Contains(AllText(configure), kSecret));
  auto read = f.Read("img-m5s0f7ss4c");
  CHECK(provider::HasError(read.diagnostics));
  CHECK_FALSE(Contains(AllText(read.diagnostics), kSecret));
}

TEST_CASE("an unknown or missing argument at read time is an error, not a call") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  const cty::Type& type = provider::ImageStateType();
  for (const auto& config :
       {provider_test::ObjectOfType(type, {{"image_id", Value::Unknown(cty::Type::String())}}),
        provider_test::ObjectOfType(type, {{"image_id", Value::String("img-m5s0f7ss4c")},
                                           {"region", Value::Unknown(cty::Type::String())}}),
        provider_test::ObjectOfType(type, {}), Value::Null(type)}) {
    auto result = f.p->ReadDataSource("jdcloud_image", config, {true});
    CHECK_FALSE(result.state);
    CHECK_FALSE(result.deferred_provider_config_unknown);
    CHECK(provider::HasError(result.diagnostics));
  }
  CHECK(f.api.calls() == 0);
}

namespace {

// A read of an image answered with `image_json` (imageId added), under the fixture's 2025-06-01 clock.
provider::ReadResult ReadAnswer(Fixture& f, const std::string& image_json_members, std::string request_id = "req-x") {
  f.api.SetHandler([=](auto&, const std::string& id, auto&) {
    std::string json = R"({"imageId":)" + provider_test::JsonString(id);
    if (!image_json_members.empty()) json += "," + image_json_members;
    return provider_test::Success(provider_test::ImageFromJson(json + "}"), request_id);
  });
  return f.Read("img-m5s0f7ss4c");
}

}  // namespace

TEST_CASE("expiry times: far future is fine, unreadable text is its own warning") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  SECTION("9999-12-31T23:59:59Z, a common 'never', is in the future") {
    auto result = ReadAnswer(f, R"("status":"ready","expiredTime":"9999-12-31T23:59:59Z")");
    REQUIRE(result.state);
    CHECK(result.diagnostics.empty());
    CHECK(result.state->GetAttr("expired_time") == Value::String("9999-12-31T23:59:59Z"));
  }
  SECTION("an ISO 8601 form in the past is read and warned about") {
    auto result = ReadAnswer(f, R"("status":"ready","expiredTime":"2021-01-01 00:00:00+0800")", "req-iso");
    REQUIRE(result.state);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].summary == "Image cannot be used to launch instances");
    CHECK(Contains(AllText(result.diagnostics), "2021-01-01 00:00:00+0800"));
    CHECK(Contains(AllText(result.diagnostics), "req-iso"));
  }
  SECTION("text that is no date-time: state kept, one warning saying so") {
    auto result = ReadAnswer(f, R"("status":"ready","expiredTime":"next tuesday")", "req-tue");
    REQUIRE(result.state);
    CHECK(result.state->GetAttr("expired_time") == Value::String("next tuesday"));
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == provider::Diagnostic::Severity::Warning);
    CHECK(result.diagnostics[0].summary == "Image expiry time not understood");
    CHECK(Contains(result.diagnostics[0].detail, "\"next tuesday\""));
    CHECK(Contains(result.diagnostics[0].detail, "img-m5s0f7ss4c"));
    CHECK(Contains(result.diagnostics[0].detail, "req-tue"));
  }
  SECTION("an unusable image with an unreadable expiry: both warnings") {
    auto result = ReadAnswer(f, R"("status":"error","expiredTime":"soon")");
    REQUIRE(result.state);
    REQUIRE(result.diagnostics.size() == 2);
    CHECK(result.diagnostics[0].summary == "Image cannot be used to launch instances");
    CHECK(result.diagnostics[1].summary == "Image expiry time not understood");
    CHECK_FALSE(provider::HasError(result.diagnostics));
  }
}

TEST_CASE("numbers reach the state and its msgpack exactly") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  auto result = ReadAnswer(f, R"("sizeMB":350.5,"systemDiskSizeGB":18446744073709551616)");
  REQUIRE(result.state);
  CHECK(result.diagnostics.empty());
  CHECK(result.state->GetAttr("size_mb").as_number().ToString() == "350.5");
  CHECK(result.state->GetAttr("system_disk_size_gb").as_number().ToString() == "18446744073709551616");
  REQUIRE(result.state_msgpack);
  CHECK(Contains(*result.state_msgpack, std::string("\xa5" "350.5")));
  CHECK(Contains(*result.state_msgpack, std::string("\xb4" "18446744073709551616")));
  auto decoded = cty::DecodeMsgpack(*result.state_msgpack, provider::ImageStateType());
  REQUIRE(decoded);
  CHECK(*decoded == *result.state);
}

TEST_CASE("a number beyond Terraform's range is a clean error with the field and request id, no state") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  // Valid JSON, but finer than cty numbers go (10^-10000).
  auto result = ReadAnswer(f, R"("sizeMB":1e-10001)", "req-huge");
  CHECK_FALSE(result.state);
  CHECK_FALSE(result.state_msgpack);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].severity == provider::Diagnostic::Severity::Error);
  const std::string text = AllText(result.diagnostics);
  INFO(text);
  CHECK(Contains(text, "result.image.sizeMB"));
  CHECK(Contains(text, "req-huge"));
  // Not kept: the next read asks again.
  CHECK_FALSE(f.Read("img-m5s0f7ss4c").state);
  CHECK(f.api.calls() == 2);
}

TEST_CASE("null elements of data_disks stay at their index in state") {
  Fixture f;
  REQUIRE(f.p->ConfigureProvider(FullProviderConfig(), "1.11.4").empty());
  auto result = ReadAnswer(f, R"("dataDisks":[null,{"deviceName":"vdb"}])");
  REQUIRE(result.state);
  const Value& disks = result.state->GetAttr("data_disks");
  REQUIRE(disks.elements().size() == 2);
  CHECK(disks.elements()[0].is_null());
  CHECK(disks.elements()[1].GetAttr("device_name") == Value::String("vdb"));
}
