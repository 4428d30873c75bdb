// The secret key in the client: read in place by the HMAC key derivation, and
// shared with the caller's secret::Secret rather than copied.
#include <catch2/catch.hpp>
#include <openssl/hmac.h>

#include <string>

#include "jdcloud/client.h"
#include "jdcloud/crypto.h"
#include "jdcloud/signer.h"
#include "secret/secret.h"

namespace {

std::string OpensslHmac(const std::string& key, const std::string& message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

int g_unmapped = 0;
void CountUnmap(const unsigned char*, std::size_t) { ++g_unmapped; }

}  // namespace

TEST_CASE("HMAC over a two-piece key equals OpenSSL's HMAC of the joined key", "[signer][secret]") {
  // Around the 64-byte block: padded, exactly one block, hashed first.
  for (std::size_t rest : {0u, 1u, 20u, 55u, 56u, 57u, 63u, 64u, 65u, 100u, 300u}) {
    for (const std::string prefix : {"", "JDCLOUD2", "JDCLOUD3"}) {
      const std::string tail(rest, static_cast<char>('a' + rest % 26));
      const std::string message = "20240315/cn-north-1/" + std::to_string(rest);
      INFO("prefix " << prefix << " rest " << rest);
      CHECK(jdcloud::HmacSha256(prefix, tail, message) == OpensslHmac(prefix + tail, message));
    }
  }
  CHECK(jdcloud::HmacSha256("JDCLOUD2", "sk", "") == OpensslHmac("JDCLOUD2sk", ""));
}

TEST_CASE("a signer from a Secret signs exactly as one from the same text", "[signer][secret]") {
  jdcloud::SignableRequest r;
  r.method = "GET";
  r.path = "/v1/regions/cn-north-1/images/img-abcdefgh12";
  r.headers = {{"host", "vm.jdcloud-api.com"}, {"x-jdcloud-date", "20240315T083000Z"}};
  r.region = "cn-north-1";
  r.service = "vm";
  const secret::Secret sk("SK-from-a-secret-0123456789");
  const jdcloud::Signer from_secret("AK", sk);
  const jdcloud::Signer from_text("AK", "SK-from-a-secret-0123456789");
  CHECK(from_secret.Sign(r, "20240315T083000Z").signature == from_text.Sign(r, "20240315T083000Z").signature);
  CHECK(from_secret.Sign(r, "20240315T083000Z").signature !=
        jdcloud::Signer("AK", "SK-other").Sign(r, "20240315T083000Z").signature);
}

TEST_CASE("the client keeps the caller's secret region, not a copy of it", "[client][secret]") {
  g_unmapped = 0;
  secret::testing::ObserveUnmap(&CountUnmap);
  {
    jdcloud::ClientOptions options;
    options.endpoint = "http://127.0.0.1:9";
    auto client = jdcloud::Client::Create(options, {"AK", secret::Secret("SK-held-once")});
    REQUIRE(client);
    // A copy would have let the caller's temporary region go already.
    CHECK(g_unmapped == 0);
  }
  secret::testing::ObserveUnmap(nullptr);
  CHECK(g_unmapped == 1);  // one region, released with the client
}
