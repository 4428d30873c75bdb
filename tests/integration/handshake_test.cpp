// The go-plugin handshake as Terraform sees it (reference §2, §3).
#include <memory>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "test_support.h"

using namespace harness;
using namespace std::chrono_literals;

namespace {

struct CertFacts {
  bool parsed = false;
  bool san_localhost = false;
  bool eku_server_auth = false;
  bool is_ca = false;
  bool self_signed = false;
  bool valid_now = false;
  int key_type = 0;
};

CertFacts Inspect(const std::string& der) {
  CertFacts f;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())),
                                                   X509_free);
  if (!cert) return f;
  f.parsed = true;
  f.san_localhost = X509_check_host(cert.get(), "localhost", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
                                    nullptr) == 1;
  uint32_t xku = X509_get_extended_key_usage(cert.get());
  f.eku_server_auth = (xku & XKU_SSL_SERVER) != 0;
  f.is_ca = X509_check_ca(cert.get()) >= 1;
  f.self_signed = X509_check_issued(cert.get(), cert.get()) == X509_V_OK;
  f.valid_now = X509_cmp_current_time(X509_get0_notBefore(cert.get())) < 0 &&
                X509_cmp_current_time(X509_get0_notAfter(cert.get())) > 0;
  f.key_type = EVP_PKEY_get_base_id(X509_get0_pubkey(cert.get()));
  return f;
}

}  // namespace

TEST_CASE("the handshake line negotiates the highest offered protocol", "[handshake]") {
  auto [offered, expected] = GENERATE(table<std::string, int>({
      {"5", 5}, {"6", 6}, {"5,6", 6}, {"6,5", 6}}));
  CAPTURE(offered);
  auto p = Launch(offered);
  const auto& hs = *p.process->Handshake();
  CHECK(hs.core_version == 1);
  CHECK(hs.app_version == expected);
  CHECK((hs.network == "tcp" || hs.network == "unix"));
  CHECK(hs.protocol == "grpc");
  CHECK(hs.field_count == 6);
  REQUIRE(hs.cert_der.has_value());
  if (hs.network == "tcp") {
    // PLUGIN_MIN_PORT/MAX_PORT are 10000/25000, as Terraform sets them.
    auto colon = hs.address.rfind(':');
    REQUIRE(colon != std::string::npos);
    CHECK(hs.address.substr(0, colon) == "127.0.0.1");
    int port = std::stoi(hs.address.substr(colon + 1));
    CHECK(port >= 10000);
    CHECK(port <= 25000);
  } else {
    CHECK(hs.address.front() == '/');
  }
  // The negotiated protocol is really the one served.
  auto schema = p.client->GetSchema();
  INFO(schema.status.error_message());
  CHECK(schema.ok());
  ShutdownCleanly(p);
}

TEST_CASE("the server certificate is what Terraform's client verifies", "[handshake]") {
  auto p = Launch("5,6");
  const auto& hs = *p.process->Handshake();
  REQUIRE(hs.cert_der.has_value());
  auto facts = Inspect(*hs.cert_der);
  REQUIRE(facts.parsed);
  CHECK(facts.san_localhost);
  CHECK(facts.eku_server_auth);
  CHECK(facts.is_ca);
  CHECK(facts.self_signed);
  CHECK(facts.valid_now);
  CHECK(facts.key_type == EVP_PKEY_EC);
  ShutdownCleanly(p);
}

TEST_CASE("each process makes a fresh server certificate", "[handshake]") {
  auto a = Launch("6");
  auto b = Launch("6");
  CHECK(*a.process->Handshake()->cert_der != *b.process->Handshake()->cert_der);
  ShutdownCleanly(a);
  ShutdownCleanly(b);
}

TEST_CASE("without PLUGIN_CLIENT_CERT the plugin serves plaintext and prints no certificate",
          "[handshake]") {
  auto options = DefaultOptions("5,6");
  options.auto_mtls = false;
  auto p = Launch(options);
  const auto& hs = *p.process->Handshake();
  CHECK(hs.field_count == 5);
  CHECK_FALSE(hs.cert_der.has_value());
  auto schema = p.client->GetSchema();
  INFO(schema.status.error_message());
  CHECK(schema.ok());
  ShutdownCleanly(p);
}

TEST_CASE("without the magic cookie the binary explains itself on stderr and exits 1 at once",
          "[handshake]") {
  auto cookie_value = GENERATE(std::string(""), std::string("wrong-cookie"));
  CAPTURE(cookie_value);
  auto options = DefaultOptions("5,6");
  options.magic_cookie = false;
  if (!cookie_value.empty()) options.extra_env[kMagicCookieKey] = cookie_value;
  auto started = std::chrono::steady_clock::now();
  PluginProcess p(options);
  auto exit = p.process().WaitExit(5s);
  REQUIRE(exit.has_value());
  CHECK(std::chrono::steady_clock::now() - started < 3s);
  CHECK(exit->exited);
  CHECK(exit->code == 1);
  p.process().WaitForOutputClosed(2s);
  CHECK(p.process().StdoutSoFar() == "");
  std::string err = p.Stderr();
  INFO("stderr: " << err);
  CHECK_THAT(err, Catch::Contains("plugin", Catch::CaseSensitive::No));
  CHECK_THAT(err, Catch::Contains("terraform", Catch::CaseSensitive::No));
}

TEST_CASE("--version prints the name and version and exits 0 without the cookie", "[handshake]") {
  auto options = DefaultOptions("5,6");
  options.magic_cookie = false;
  options.args = {"--version"};
  PluginProcess p(options);
  auto exit = p.process().WaitExit(5s);
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->code == 0);
  p.process().WaitForOutputClosed(2s);
  CHECK(p.process().StdoutSoFar() == std::string("terraform-provider-jdcloud ") + PROVIDER_VERSION + "\n");
}

TEST_CASE("--help works without the cookie", "[handshake]") {
  auto options = DefaultOptions("5,6");
  options.magic_cookie = false;
  options.args = {"--help"};
  PluginProcess p(options);
  auto exit = p.process().WaitExit(5s);
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->code == 0);
  p.process().WaitForOutputClosed(2s);
  CHECK_FALSE((p.process().StdoutSoFar() + p.Stderr()).empty());
}
