// HTTPS endpoints are verified against the system CA store: a server with a
// self-signed certificate is refused at once (not retried), with a clear error.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "jdcloud/client.h"
#include "test_server.h"

namespace {

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
  void operator()(X509* c) const { X509_free(c); }
};

std::unique_ptr<httplib::Server> SelfSignedServer() {
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  REQUIRE(key);
  std::unique_ptr<X509, CertFree> cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  // SSLServer takes its own references to both.
  auto server = std::make_unique<httplib::SSLServer>(cert.get(), key.get());
  REQUIRE(server->is_valid());
  return server;
}

}  // namespace

TEST_CASE("an https endpoint with an untrusted certificate is refused without retries", "[client][tls]") {
  TestServer server(SelfSignedServer());
  server.http().Get(R"(/.*)", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"result":{"image":{}}})", "application/json");
  });
  server.Start();
  jdcloud::ClientOptions options;
  options.endpoint = "https://127.0.0.1:" + std::to_string(server.port());
  options.max_retries = 3;
  auto client = jdcloud::Client::Create(options, {"AK", "SK"});
  REQUIRE(client.has_value());
  jdcloud::Cancellation cancel;
  auto r = (*client)->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == jdcloud::ApiError::Kind::Tls);
  CHECK(r.error().attempts == 1);
  CHECK_THAT(r.error().message, Catch::Contains("certificate verification failed"));
  // OpenSSL's reason, not just "verification failed".
  CHECK_THAT(r.error().message, Catch::Contains("self-signed certificate") || Catch::Contains("self signed certificate"));
  CHECK(server.requests() == 0);
}

TEST_CASE("an http-only server behind an https endpoint is a TLS failure that says so, not retried", "[client][tls]") {
  TestServer server;
  server.Start();
  jdcloud::ClientOptions options;
  options.endpoint = "https://127.0.0.1:" + std::to_string(server.port());
  options.max_retries = 1;
  auto client = jdcloud::Client::Create(options, {"AK", "SK"});
  REQUIRE(client.has_value());
  jdcloud::Cancellation cancel;
  auto r = (*client)->DescribeImage("cn-north-1", "img-abcdefgh12", cancel);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == jdcloud::ApiError::Kind::Tls);
  CHECK(r.error().attempts == 1);
  INFO(r.error().message);
  CHECK_THAT(r.error().message, Catch::Contains("wrong version number") || Catch::Contains("packet length too long"));
  CHECK_THAT(r.error().message, Catch::Contains("use an http:// endpoint"));
}
