// Tests of the harness itself, so that a passing integration test means the
// provider is right and not that the harness is blind.
#include <catch2/catch.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <rapidjson/document.h>

#include "client_cert.h"
#include "config_object.h"
#include "fixture_compare.h"
#include "handshake_line.h"
#include "image_mapping.h"

using namespace harness;

TEST_CASE("handshake lines are parsed as go-plugin parses them", "[harness]") {
  SECTION("a TLS line") {
    // "MIIB" decodes to 30 82 01: the start of a DER SEQUENCE.
    auto h = HandshakeLine::Parse("1|6|tcp|127.0.0.1:1234|grpc|MIIB\n");
    REQUIRE(h.has_value());
    CHECK(h->core_version == 1);
    CHECK(h->app_version == 6);
    CHECK(h->network == "tcp");
    CHECK(h->address == "127.0.0.1:1234");
    CHECK(h->protocol == "grpc");
    CHECK(h->GrpcTarget() == "127.0.0.1:1234");
    REQUIRE(h->cert_der.has_value());
    CHECK(*h->cert_der == std::string("\x30\x82\x01", 3));
  }
  SECTION("a plaintext unix line") {
    auto h = HandshakeLine::Parse("1|5|unix|/tmp/plugin1|grpc");
    REQUIRE(h.has_value());
    CHECK(h->field_count == 5);
    CHECK_FALSE(h->cert_der.has_value());
    CHECK(h->GrpcTarget() == "unix:/tmp/plugin1");
  }
  SECTION("padding, bad base64, missing fields and a 7th field are rejected") {
    CHECK_FALSE(HandshakeLine::Parse("1|6|tcp|127.0.0.1:1|grpc|MIIBCg==").has_value());
    CHECK_FALSE(HandshakeLine::Parse("1|6|tcp|127.0.0.1:1|grpc|MI*B").has_value());
    CHECK_FALSE(HandshakeLine::Parse("1|6|tcp|127.0.0.1:1").has_value());
    CHECK_FALSE(HandshakeLine::Parse("1|6|tcp|127.0.0.1:1|grpc|MIIB|true").has_value());
    CHECK_FALSE(HandshakeLine::Parse("Hello from the plugin").has_value());
  }
  SECTION("unpadded base64") {
    CHECK(DecodeRawBase64("aGVsbG8") == std::optional<std::string>("hello"));
    CHECK(DecodeRawBase64("aGk") == std::optional<std::string>("hi"));
    CHECK_FALSE(DecodeRawBase64("aGVsbG8=").has_value());
  }
}

TEST_CASE("the client certificate is like go-plugin's", "[harness]") {
  auto cert = ClientCertificate::Generate();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(cert.cert_pem.data(),
                                                                static_cast<int>(cert.cert_pem.size())),
                                                BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> x509(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                   X509_free);
  REQUIRE(x509);
  EVP_PKEY* key = X509_get0_pubkey(x509.get());
  REQUIRE(key != nullptr);
  CHECK(EVP_PKEY_get_base_id(key) == EVP_PKEY_EC);
  char group[64] = {};
  size_t len = 0;
  REQUIRE(EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1);
  CHECK(std::string(group) == "secp521r1");
  CHECK(X509_get_signature_nid(x509.get()) == NID_ecdsa_with_SHA512);
  CHECK(X509_check_host(x509.get(), "localhost", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr) == 1);
  CHECK(X509_check_ca(x509.get()) >= 1);
  uint32_t xku = X509_get_extended_key_usage(x509.get());
  CHECK((xku & XKU_SSL_CLIENT) != 0);
  CHECK((xku & XKU_SSL_SERVER) != 0);
  char org[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(x509.get()), NID_organizationName, org, sizeof org);
  CHECK(std::string(org) == "HashiCorp");
  CHECK(cert.key_pem.find("PRIVATE KEY") != std::string::npos);
  // Two certificates differ (fresh key each time).
  CHECK(ClientCertificate::Generate().cert_pem != cert.cert_pem);
}

namespace {

// A state of the mapped type with every attribute null except `set`.
cty::Value StateWith(std::map<std::string, cty::Value> set) { return ConfigObject(ImageStateType(), set); }

// As LoadFixture reads fixtures: numbers kept as their text.
rapidjson::Document Json(const char* text) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseNumbersAsStringsFlag>(text);
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

cty::Type DiskType() { return ImageStateType().attributes().at("system_disk"); }

}  // namespace

TEST_CASE("the fixture comparison finds every kind of difference", "[harness]") {
  auto json = Json(R"({"imageId":"img-12345678","name":"x","sizeMB":2048,"offline":false,
                       "dataDisks":[],"systemDisk":{"deviceName":"vda","cloudDisk":{"tags":[
                       {"key":"a","value":"1"},{"key":null,"value":"2"},{"key":"a","value":"3"},
                       {"key":"b","value":null}]}}})");
  auto disk_type = DiskType();
  auto cloud_type = disk_type.attributes().at("cloud_disk");
  auto tags = cty::Value::Map(cty::Type::String(), {{"a", cty::Value::String("3")},
                                                    {"b", cty::Value::Null(cty::Type::String())}});
  auto cloud = ConfigObject(cloud_type, {{"tags", tags}});
  auto disk = ConfigObject(disk_type, {{"device_name", cty::Value::String("vda")}, {"cloud_disk", cloud}});
  std::map<std::string, cty::Value> good = {
      {"id", cty::Value::String("img-12345678")}, {"name", cty::Value::String("x")},
      {"size_mb", cty::Value::Int(2048)},          {"offline", cty::Value::Bool(false)},
      {"data_disks", cty::Value::List(disk_type, {})}, {"system_disk", disk},
      {"image_id", cty::Value::String("img-12345678")}};

  SECTION("a matching state has no differences") {
    auto diffs = CompareImageState(json, StateWith(good));
    INFO(Catch::Detail::stringify(diffs));
    CHECK(diffs.empty());
  }
  SECTION("a wrong string") {
    auto s = good;
    s["name"] = cty::Value::String("y");
    CHECK(CompareImageState(json, StateWith(s)).size() == 1);
  }
  SECTION("a wrong number") {
    auto s = good;
    s["size_mb"] = cty::Value::Int(2049);
    CHECK(CompareImageState(json, StateWith(s)).size() == 1);
  }
  SECTION("a null where the fixture has a value, and a value where it has none") {
    auto s = good;
    s.erase("offline");
    s["platform"] = cty::Value::String("CentOS");
    CHECK(CompareImageState(json, StateWith(s)).size() == 2);
  }
  SECTION("null instead of an empty list") {
    auto s = good;
    s.erase("data_disks");
    CHECK(CompareImageState(json, StateWith(s)).size() == 1);
  }
  SECTION("tags: first duplicate kept instead of the last") {
    auto s = good;
    auto bad_tags = cty::Value::Map(cty::Type::String(), {{"a", cty::Value::String("1")},
                                                          {"b", cty::Value::Null(cty::Type::String())}});
    s["system_disk"] = ConfigObject(disk_type, {{"device_name", cty::Value::String("vda")},
                                                {"cloud_disk", ConfigObject(cloud_type, {{"tags", bad_tags}})}});
    auto diffs = CompareImageState(json, StateWith(s));
    REQUIRE(diffs.size() == 1);
    CHECK_THAT(diffs[0], Catch::Contains("system_disk.cloud_disk.tags[\"a\"]"));
  }
  SECTION("an attribute SPEC does not have") {
    auto state = StateWith(good);
    auto attrs = state.entries();
    attrs.emplace("surprise", cty::Value::String("!"));
    CHECK(CompareImageState(json, cty::Value::Object(attrs)).size() == 1);
  }
}
