// AutoMTLS (reference §3): only the certificate passed in PLUGIN_CLIENT_CERT
// gets in; other certificates and plaintext are refused, and refusing them
// does not disturb the real client.
#include "test_support.h"

using namespace harness;
using namespace std::chrono_literals;

TEST_CASE("the provider accepts only the client certificate Terraform passed", "[mtls]") {
  auto versions = GENERATE(std::string("5"), std::string("6"));
  CAPTURE(versions);
  auto p = Launch(versions);
  REQUIRE(p.client->GetSchema().ok());

  SECTION("a client presenting a different certificate is refused") {
    auto stranger = ClientCertificate::Generate();
    auto channel = p.process->ConnectPresenting(stranger);
    auto client = MakeProviderClient(p.protocol, channel);
    auto outcome = client->GetSchema({.deadline = 5s});
    CHECK_FALSE(outcome.ok());
    CHECK(outcome.schemas.data_sources.empty());
  }

  SECTION("a plaintext client is refused") {
    auto channel = p.process->ConnectPlaintext();
    auto client = MakeProviderClient(p.protocol, channel);
    auto outcome = client->GetSchema({.deadline = 5s});
    CHECK_FALSE(outcome.ok());
  }

  SECTION("a client that presents no certificate is refused") {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = p.process->Handshake()->CertificatePem();
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride("localhost");
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto channel = grpc::CreateCustomChannel(p.process->Handshake()->GrpcTarget(),
                                             grpc::SslCredentials(ssl), args);
    auto client = MakeProviderClient(p.protocol, channel);
    CHECK_FALSE(client->GetSchema({.deadline = 5s}).ok());
  }

  // The genuine client still works after the refusals.
  auto again = MakeProviderClient(p.protocol, p.process->Connect());
  CHECK(again->GetSchema().ok());
  ShutdownCleanly(p);
}
