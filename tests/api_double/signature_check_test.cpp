// The signature check against the official SDK vectors (reference §2) and its
// edge cases, without HTTP.
#include <catch2/catch.hpp>

#include "jdcloud/signer.h"
#include "signature_check.h"

using namespace api_double;
using Clock = std::chrono::system_clock;

namespace {

constexpr const char* kVectorAk = "AKTESTEXAMPLE0000000";
constexpr const char* kVectorSk = "SKTESTEXAMPLE00000000000000000000";

// Vector 1 of reference §2, as the Go/Python/C++ SDKs sent it.
ReceivedRequest Vector1() {
  ReceivedRequest r;
  r.method = "GET";
  r.path = "/v1/regions/cn-north-1/images/img-m5s0f7ss4c";
  r.headers = {
      {"Host", "vm.jdcloud-api.com"},
      {"Content-Type", "application/json"},
      {"x-jdcloud-date", "20240315T083000Z"},
      {"x-jdcloud-nonce", "6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f"},
      {"User-Agent", "JdcloudSdkGo/1.1.5 vm/1.6.1"},
      {"Authorization",
       "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud2_request, "
       "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, "
       "Signature=6417d7ed64993e85ee5b027b6e5e11763eaf26acf6b2fd8a15b3007aebe84b99"},
  };
  return r;
}

SignatureCheck CheckAt(const std::string& date, std::chrono::seconds offset = std::chrono::seconds(0)) {
  const auto at = *ParseJdcloudDate(date) + offset;
  return SignatureCheck(SignatureCheck::Options{
      .access_key = kVectorAk, .secret_key = kVectorSk, .now = [at] { return at; }});
}

void SetHeader(ReceivedRequest& r, const std::string& name, const std::string& value) {
  for (auto& [n, v] : r.headers)
    if (n == name) v = value;
}

std::string Failure(SignatureCheck& check, const ReceivedRequest& r, const std::string& region) {
  auto result = check.Verify(r, region);
  return result ? std::string("accepted") : result.error().message;
}

}  // namespace

TEST_CASE("the official SDK vector 1 verifies, once") {
  auto check = CheckAt("20240315T083000Z", std::chrono::seconds(42));
  CHECK(Failure(check, Vector1(), "cn-north-1") == "accepted");
  CHECK(Failure(check, Vector1(), "cn-north-1") == "nonce has been used, replay request is not allowed[gw]");
}

TEST_CASE("the official vector 3 (describeImages with a query) verifies from the raw query") {
  ReceivedRequest r;
  r.method = "GET";
  r.path = "/v1/regions/cn-north-1/images";
  r.raw_query = "architecture=x86_64&imageSource=public&pageNumber=1&pageSize=100&platform=Windows%20Server";
  r.headers = {
      {"host", "vm.jdcloud-api.com"},
      {"content-type", "application/json"},
      {"x-jdcloud-date", "20240315T083000Z"},
      {"x-jdcloud-nonce", "d3b07384-d9a0-4c9b-8f3e-5a1c2b4e6f70"},
      {"authorization",
       "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud2_request, "
       "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, "
       "Signature=77edde86c29ea0b4054e1f0a065dc1ac369ec55d9f635a806df72e32dd7b1e61"},
  };
  auto check = CheckAt("20240315T083000Z");
  CHECK(Failure(check, r, "cn-north-1") == "accepted");

  // The same pairs in another order on the wire sign the same (Python sends insertion order).
  r.raw_query = "platform=Windows%20Server&pageSize=100&pageNumber=1&imageSource=public&architecture=x86_64";
  SetHeader(r, "x-jdcloud-nonce", "another-nonce");
  CHECK(Failure(check, r, "cn-north-1") == "sign result is not same [gw]");  // the nonce is signed
}

TEST_CASE("the JDCLOUD3 generation of vector 1 verifies too") {
  ReceivedRequest r = Vector1();
  SetHeader(r, "Authorization",
            "JDCLOUD3-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud3_request, "
            "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, "
            "Signature=46fc65edf2cf53bbed64c9b9c017f493d6a28d0904803080a72187c50eddbc81");
  auto check = CheckAt("20240315T083000Z");
  CHECK(Failure(check, r, "cn-north-1") == "accepted");
}

TEST_CASE("any change to a signed part of vector 1 is refused") {
  auto check = CheckAt("20240315T083000Z");
  const std::string not_same = "sign result is not same [gw]";

  ReceivedRequest r = Vector1();
  r.path = "/v1/regions/cn-north-1/images/img-m5s0f7ss4d";
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  r = Vector1();
  SetHeader(r, "Host", "vm.jdcloud-api.com:8443");
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  r = Vector1();
  SetHeader(r, "x-jdcloud-nonce", "6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6e");
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  r = Vector1();
  r.raw_query = "extra=1";
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  r = Vector1();
  r.method = "DELETE";
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  r = Vector1();
  r.body = "x";
  CHECK(Failure(check, r, "cn-north-1") == not_same);

  // Unsigned headers may change freely.
  r = Vector1();
  SetHeader(r, "User-Agent", "something else");
  CHECK(Failure(check, r, "cn-north-1") == "accepted");
}

TEST_CASE("the scope, date window, key and header rules") {
  SECTION("the wrong secret") {
    auto check = SignatureCheck(SignatureCheck::Options{
        .access_key = kVectorAk, .secret_key = "another-secret", .now = [] { return *ParseJdcloudDate("20240315T083000Z"); }});
    CHECK(Failure(check, Vector1(), "cn-north-1") == "sign result is not same [gw]");
  }
  SECTION("an unknown access key") {
    auto check = SignatureCheck(SignatureCheck::Options{
        .access_key = "AKOTHER", .secret_key = kVectorSk, .now = [] { return *ParseJdcloudDate("20240315T083000Z"); }});
    CHECK(Failure(check, Vector1(), "cn-north-1") == "invalid accesskey[gw]");
  }
  SECTION("the path's region is not the scope's") {
    auto check = CheckAt("20240315T083000Z");
    CHECK(Failure(check, Vector1(), "cn-south-1") == "credential region does not match the request region[gw]");
  }
  SECTION("15 minutes of skew either way is allowed, more is not") {
    auto late = CheckAt("20240315T083000Z", std::chrono::seconds(15 * 60));
    CHECK(Failure(late, Vector1(), "cn-north-1") == "accepted");
    auto later = CheckAt("20240315T083000Z", std::chrono::seconds(15 * 60 + 1));
    CHECK(Failure(later, Vector1(), "cn-north-1") == "request date is out of the allowed range of the server time[gw]");
    auto early = CheckAt("20240315T083000Z", -std::chrono::seconds(15 * 60 + 1));
    CHECK(Failure(early, Vector1(), "cn-north-1") == "request date is out of the allowed range of the server time[gw]");
  }
  SECTION("no Authorization header") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    r.headers.pop_back();
    CHECK(Failure(check, r, "cn-north-1") == "lack of header authorization[gw]");
  }
  SECTION("date and nonce must be signed") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    SetHeader(r, "Authorization",
              "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud2_request, "
              "SignedHeaders=content-type;host;x-jdcloud-date, Signature=00");
    CHECK(Failure(check, r, "cn-north-1") == "x-jdcloud-date and x-jdcloud-nonce must be signed[gw]");
  }
  SECTION("a security token must be signed when sent") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    r.headers.emplace_back("x-jdcloud-security-token", "dG9rZW4=");
    CHECK(Failure(check, r, "cn-north-1") == "x-jdcloud-security-token must be signed[gw]");
  }
  SECTION("a second Authorization header") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    r.headers.push_back(r.headers.back());
    CHECK(Failure(check, r, "cn-north-1") == "duplicate header authorization[gw]");
  }
  SECTION("a signed header that was not sent") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    SetHeader(r, "Authorization",
              "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud2_request, "
              "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce;x-missing, Signature=00");
    CHECK(Failure(check, r, "cn-north-1") == "signed header 'x-missing' is missing[gw]");
  }
  SECTION("the scope's date must be the header's") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    SetHeader(r, "Authorization",
              "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240314/cn-north-1/vm/jdcloud2_request, "
              "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=00");
    CHECK(Failure(check, r, "cn-north-1") == "credential date does not match x-jdcloud-date[gw]");
  }
  SECTION("service vm only") {
    auto check = CheckAt("20240315T083000Z");
    ReceivedRequest r = Vector1();
    SetHeader(r, "Authorization",
              "JDCLOUD2-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/disk/jdcloud2_request, "
              "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=00");
    CHECK(Failure(check, r, "cn-north-1") == "credential service must be vm[gw]");
  }
  SECTION("malformed Authorization headers") {
    auto check = CheckAt("20240315T083000Z");
    for (const std::string bad : {"", "JDCLOUD2-HMAC-SHA256", "JDCLOUD2-HMAC-SHA256 Credential=a/b/c",
                                  "JDCLOUD2-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x",
                                  "JDCLOUD2-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x, Signature=1, Signature=2",
                                  "Bearer token", "JDCLOUD2-HMAC-SHA256 garbage"}) {
      ReceivedRequest r = Vector1();
      SetHeader(r, "Authorization", bad);
      INFO(bad);
      CHECK(Failure(check, r, "cn-north-1") != "accepted");
    }
    ReceivedRequest r = Vector1();
    SetHeader(r, "Authorization",
              "AWS4-HMAC-SHA256 Credential=AKTESTEXAMPLE0000000/20240315/cn-north-1/vm/jdcloud2_request, "
              "SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=00");
    CHECK(Failure(check, r, "cn-north-1") == "unsupported signing algorithm[gw]");
  }
}

TEST_CASE("x-jdcloud-date parsing") {
  CHECK(ParseJdcloudDate("20240315T083000Z") == Clock::from_time_t(1710491400));
  CHECK(ParseJdcloudDate("20241231T235959Z").has_value());
  CHECK_FALSE(ParseJdcloudDate("20240230T000000Z"));  // no 30 February
  CHECK_FALSE(ParseJdcloudDate("20240315T083000"));
  CHECK_FALSE(ParseJdcloudDate("2024-03-15T08:30:00Z"));
  CHECK_FALSE(ParseJdcloudDate("2024031aT083000Z"));
  CHECK_FALSE(ParseJdcloudDate("20240315T246000Z"));
  CHECK_FALSE(ParseJdcloudDate(""));
}

TEST_CASE("query and percent decoding keep '+' literal") {
  CHECK(PercentDecode("a%20b+c%2B%zz%4") == "a b+c+%zz%4");
  const auto q = ParseQuery("b=2&&a=%E4%BA%AC&flag&c=");
  REQUIRE(q.size() == 4);
  CHECK(q[0] == std::pair<std::string, std::string>{"b", "2"});
  CHECK(q[1] == std::pair<std::string, std::string>{"a", "\xE4\xBA\xAC"});
  CHECK(q[2] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(q[3] == std::pair<std::string, std::string>{"c", ""});
  CHECK(ParseQuery("").empty());
}

TEST_CASE("the nonce cache forgets only what can no longer be replayed") {
  NonceCache cache(3);
  const auto t0 = Clock::from_time_t(1'700'000'000);
  CHECK(cache.Remember("a", t0 + std::chrono::minutes(15), t0));
  CHECK_FALSE(cache.Remember("a", t0 + std::chrono::minutes(15), t0 + std::chrono::minutes(14)));
  CHECK(cache.Remember("a", t0 + std::chrono::minutes(40), t0 + std::chrono::minutes(16)));  // expired, then new
  CHECK(cache.Remember("b", t0 + std::chrono::minutes(50), t0 + std::chrono::minutes(16)));
  CHECK(cache.Remember("c", t0 + std::chrono::minutes(45), t0 + std::chrono::minutes(16)));
  CHECK(cache.size() == 3);
  CHECK(cache.Remember("d", t0 + std::chrono::minutes(50), t0 + std::chrono::minutes(16)));  // evicts "a"
  CHECK(cache.size() == 3);
  CHECK_FALSE(cache.Remember("b", t0 + std::chrono::minutes(50), t0 + std::chrono::minutes(16)));
}
