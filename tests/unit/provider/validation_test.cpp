// image_id / region validation: attribute paths, unknowns never errors, and
// never an API call.
#include <catch2/catch.hpp>

#include "provider/image_schema.h"
#include "provider/provider_factory.h"
#include "provider/validation.h"
#include "fake_client.h"
#include "test_values.h"

using cty::Value;
using provider_test::ImageConfig;
using provider_test::ObjectOfType;

namespace {

bool PathIs(const provider::Diagnostic& d, const std::string& name) {
  return d.attribute.size() == 1 && std::holds_alternative<provider::AttributeName>(d.attribute[0]) &&
         std::get<provider::AttributeName>(d.attribute[0]).name == name;
}

}  // namespace

TEST_CASE("image ids follow ^img-[0-9a-z]{8,32}$") {
  for (const char* good : {"img-m5s0f7ss4c", "img-12345678", "img-abcdefghijklmnopqrstuvwxyz012345"}) {
    INFO(good);
    CHECK(provider::IsValidImageId(good));
  }
  for (const char* bad : {"", "img-", "img-1234567", "img-abcdefghijklmnopqrstuvwxyz0123456", "IMG-m5s0f7ss4c",
                          "img-M5S0F7SS4C", "img_m5s0f7ss4c", " img-m5s0f7ss4c", "img-m5s0f7ss4c\n",
                          "img-m5s0-7ss4c", "98d44a0f-88c1-451a-8971-f1f769073b6c"}) {
    INFO(bad);
    CHECK_FALSE(provider::IsValidImageId(bad));
  }
}

TEST_CASE("regions follow ^[a-z]{2}-[a-z]+-[0-9]+$") {
  for (const char* good : {"cn-north-1", "cn-east-2", "cn-south-1", "ap-southeast-10"}) {
    INFO(good);
    CHECK(provider::IsValidRegion(good));
  }
  for (const char* bad : {"", "cn", "cn-north", "cn-north-", "cn--1", "c-north-1", "cnn-north-1",
                          "CN-north-1", "cn-north-1a", "cn-north-1 ", "cn-nor7h-1", "cn-north-1-2"}) {
    INFO(bad);
    CHECK_FALSE(provider::IsValidRegion(bad));
  }
}

TEST_CASE("a malformed image_id or region is an error on its path, without any API call") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  REQUIRE(p->ConfigureProvider(provider_test::FullProviderConfig(), "1.11.4").empty());

  auto diags = p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("img-BAD"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == provider::Diagnostic::Severity::Error);
  CHECK(PathIs(diags[0], "image_id"));
  CHECK(diags[0].detail.find("img-BAD") != std::string::npos);

  diags = p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("img-m5s0f7ss4c", "Beijing"));
  REQUIRE(diags.size() == 1);
  CHECK(PathIs(diags[0], "region"));

  diags = p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("nope", "nope"));
  CHECK(diags.size() == 2);

  auto read = p->ReadDataSource("jdcloud_image", ImageConfig("img-BAD"), {});
  CHECK_FALSE(read.state);
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(PathIs(read.diagnostics[0], "image_id"));
  read = p->ReadDataSource("jdcloud_image", ImageConfig("img-m5s0f7ss4c", "cn_north_1"), {});
  CHECK_FALSE(read.state);
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(PathIs(read.diagnostics[0], "region"));
  CHECK(api.calls() == 0);
}

TEST_CASE("a huge malformed value is quoted cut short, with its length") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  const std::string huge = "img-" + std::string(1 << 20, 'A');
  auto diags = p->ValidateDataSourceConfig("jdcloud_image", ImageConfig(huge));
  REQUIRE(diags.size() == 1);
  CHECK(PathIs(diags[0], "image_id"));
  CHECK(diags[0].detail.size() < 1024);
  CHECK(diags[0].detail.find("\"img-AAAA") != std::string::npos);
  CHECK(diags[0].detail.find("...\" (1048580 bytes)") != std::string::npos);
  // A cut never splits a UTF-8 character: 127 ASCII bytes, then 2-byte ones.
  std::string two_byte = std::string(127, 'x');
  for (int i = 0; i < 50; ++i) two_byte += "\xc3\xa9";  // é
  diags = p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("img-m5s0f7ss4c", two_byte));
  REQUIRE(diags.size() == 1);
  const auto& detail = diags[0].detail;
  const auto open = detail.find('"');
  const auto close = detail.find("...\"", open);
  REQUIRE(close != std::string::npos);
  CHECK(close - open - 1 == 127);  // the 2-byte character at 127..128 is left out whole
  CHECK(api.calls() == 0);
}

TEST_CASE("valid, unknown and null arguments pass validation") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());  // validation needs no configure
  const cty::Type& type = provider::ImageStateType();
  CHECK(p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("img-m5s0f7ss4c", "cn-north-1")).empty());
  CHECK(p->ValidateDataSourceConfig("jdcloud_image", ImageConfig("img-m5s0f7ss4c", "")).empty());
  CHECK(p->ValidateDataSourceConfig(
             "jdcloud_image",
             ObjectOfType(type, {{"image_id", Value::Unknown(cty::Type::String())},
                                 {"region", Value::Unknown(cty::Type::String())}}))
            .empty());
  CHECK(p->ValidateDataSourceConfig("jdcloud_image", Value::Unknown(type)).empty());
  // Neither image_id nor filter: SPEC's one error, on image_id.
  const auto neither = p->ValidateDataSourceConfig("jdcloud_image", ObjectOfType(type, {}));
  REQUIRE(neither.size() == 1);
  CHECK(neither[0].summary == "Missing image_id or filter");
  CHECK(api.calls() == 0);
}

TEST_CASE("an unknown data source type is an error, not a crash") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  auto diags = p->ValidateDataSourceConfig("jdcloud_nope", ImageConfig("img-m5s0f7ss4c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].detail.find("jdcloud_nope") != std::string::npos);
  auto read = p->ReadDataSource("jdcloud_nope", ImageConfig("img-m5s0f7ss4c"), {});
  CHECK_FALSE(read.state);
  CHECK(provider::HasError(read.diagnostics));
}

TEST_CASE("provider config validation reports bad values on their paths") {
  provider_test::FakeApi api;
  auto p = provider::CreateProvider(api.Factory());
  auto diags = p->ValidateProviderConfig(provider_test::ProviderConfigValue(
      {{"max_retries", Value::Int(99)}, {"request_timeout", Value::Int(0)}}));
  REQUIRE(diags.size() == 2);
  CHECK(PathIs(diags[0], "max_retries"));
  CHECK(PathIs(diags[1], "request_timeout"));
  CHECK(p->ValidateProviderConfig(provider_test::ProviderConfigValue()).empty());
  CHECK(api.clients_created() == 0);
}
