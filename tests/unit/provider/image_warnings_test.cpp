// Unusable images: one warning naming every reason; expiry read as a
// date-time for years 0000-9999 in RFC 3339 and its ISO 8601 variants; an
// unreadable expiry is a warning of its own.
#include <catch2/catch.hpp>

#include <string>

#include "provider/image_warnings.h"
#include "provider/rfc3339.h"
#include "fake_client.h"

using namespace std::chrono;
using provider_test::ImageFromJson;

namespace {

system_clock::time_point At(const char* text) { return *provider::ParseRfc3339(text); }

constexpr const char* kUnusable = "Image cannot be used to launch instances";
constexpr const char* kNotUnderstood = "Image expiry time not understood";

jdcloud::Image WithExpiry(const std::string& expiry) {
  return ImageFromJson(R"({"status":"ready","expiredTime":)" + provider_test::JsonString(expiry) + "}");
}

provider::Diagnostics Warnings(const jdcloud::Image& image, const char* now = "2025-01-01T00:00:00Z",
                               const std::string& request_id = "req") {
  return provider::ImageWarnings(image, "img-m5s0f7ss4c", "cn-north-1", request_id, At(now));
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("RFC 3339 timestamps parse to the right instant") {
  CHECK(provider::ParseRfc3339("1970-01-01T00:00:00Z")->time_since_epoch() == seconds(0));
  CHECK(provider::ParseRfc3339("2024-02-29T12:34:56Z")->time_since_epoch() == seconds(1709210096));
  CHECK(provider::ParseRfc3339("2024-02-29T20:34:56+08:00") == provider::ParseRfc3339("2024-02-29T12:34:56Z"));
  CHECK(provider::ParseRfc3339("2024-02-29T10:04:56.123-02:30") ==
        provider::ParseRfc3339("2024-02-29T12:34:56Z"));
  CHECK(provider::ParseRfc3339("2024-02-29 12:34:56z"));
  for (const char* bad : {"", "2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01", "2024-01-01T25:00:00Z",
                          "2024-01-01T00:00:00", "2024-01-01T00:00:00Zjunk", "2024-1-01T00:00:00Z",
                          "2024-01-01T00:00:00.Z", "never", "next tuesday"}) {
    INFO(bad);
    CHECK_FALSE(provider::ParseRfc3339(bad));
  }
}

TEST_CASE("RFC 3339: the whole range of years 0000-9999") {
  // 9999-12-31T23:59:59Z is 253402300799 s after the epoch: beyond int64 nanoseconds (2262), not seconds.
  auto end = provider::ParseRfc3339("9999-12-31T23:59:59Z");
  REQUIRE(end);
  CHECK(end->time_since_epoch() == seconds(253402300799));
  auto start = provider::ParseRfc3339("0000-01-01T00:00:00Z");
  REQUIRE(start);
  CHECK(start->time_since_epoch() == seconds(-62167219200));
  CHECK(*start < *provider::ParseRfc3339("0001-01-01T00:00:00Z"));
  CHECK(provider::ParseRfc3339("0000-02-29T00:00:00Z"));  // year 0 is a leap year (proleptic Gregorian)
  CHECK_FALSE(provider::ParseRfc3339("0001-02-29T00:00:00Z"));
  CHECK(provider::ParseRfc3339("2262-04-12T00:00:00Z")->time_since_epoch() == seconds(9223372800));
  CHECK_FALSE(provider::ParseRfc3339("10000-01-01T00:00:00Z"));
  CHECK_FALSE(provider::ParseRfc3339("-001-01-01T00:00:00Z"));
}

TEST_CASE("RFC 3339 and the ISO 8601 forms JD Cloud sends: +0800 and a space for T") {
  const auto utc = provider::ParseRfc3339("2021-01-01T00:00:00Z");
  REQUIRE(utc);
  CHECK(provider::ParseRfc3339("2021-01-01T08:00:00+08:00") == utc);
  CHECK(provider::ParseRfc3339("2021-01-01T08:00:00+0800") == utc);
  CHECK(provider::ParseRfc3339("2021-01-01 08:00:00+08:00") == utc);
  CHECK(provider::ParseRfc3339("2021-01-01 08:00:00+0800") == utc);
  CHECK(provider::ParseRfc3339("2020-12-31 19:30:00-0430") == utc);
  CHECK(provider::ParseRfc3339("2021-01-01 00:00:00Z") == utc);
  CHECK(provider::ParseRfc3339("2021-01-01t00:00:00.999999999Z") == utc);  // fraction dropped
  for (const char* bad : {"2021-01-01T08:00:00+08", "2021-01-01T08:00:00+8:00", "2021-01-01T08:00:00+08:0",
                          "2021-01-01T08:00:00+2400", "2021-01-01T08:00:00+08:60", "2021-01-01T08:00:00 +08:00",
                          "2021-01-01  08:00:00Z", "2021-01-01_08:00:00Z", "2021-01-01T08:00Z",
                          "2021-01-01T08:00:00+08:00:00", "2021/01/01T00:00:00Z", "garbage", "Z"}) {
    INFO(bad);
    CHECK_FALSE(provider::ParseRfc3339(bad));
  }
}

TEST_CASE("a ready, online, unexpired image has no warning") {
  const jdcloud::Image image =
      ImageFromJson(R"({"status":"ready","offline":false,"expiredTime":"2099-01-01T00:00:00Z"})");
  auto now = At("2025-01-01T00:00:00Z");
  CHECK(provider::UnusableImageReasons(image, now).empty());
  CHECK(Warnings(image).empty());
  CHECK(Warnings(WithExpiry("")).empty());  // empty = never
  CHECK(Warnings(ImageFromJson(R"({"expiredTime":null})")).empty());
  CHECK(Warnings(ImageFromJson("{}")).empty());  // nothing known: nothing to warn about
}

TEST_CASE("expiry in year 9999 is the future, not the past") {
  for (const char* never : {"9999-12-31T23:59:59Z", "9999-12-31 23:59:59+0800", "3000-01-01T00:00:00Z"}) {
    INFO(never);
    CHECK(provider::UnusableImageReasons(WithExpiry(never), At("2025-01-01T00:00:00Z")).empty());
    CHECK(Warnings(WithExpiry(never)).empty());
  }
}

TEST_CASE("expiry in the past, in any accepted form, is the unusable warning") {
  for (const char* past : {"2021-01-01T00:00:00Z", "2021-01-01T00:00:00+0800", "2021-01-01 00:00:00+08:00",
                           "0000-01-01T00:00:00Z"}) {
    INFO(past);
    auto w = Warnings(WithExpiry(past), "2025-01-01T00:00:00Z", "req-exp");
    REQUIRE(w.size() == 1);
    CHECK(w[0].severity == provider::Diagnostic::Severity::Warning);
    CHECK(w[0].summary == kUnusable);
    CHECK(Contains(w[0].detail, std::string("expired at \"") + past + "\""));
    CHECK(Contains(w[0].detail, "req-exp"));
  }
  // The boundary, to the second: expired at the instant itself, not a second before.
  CHECK(Warnings(WithExpiry("2025-01-01T00:00:00Z"), "2025-01-01T00:00:00Z").size() == 1);
  CHECK(Warnings(WithExpiry("2025-01-01T00:00:01Z"), "2025-01-01T00:00:00Z").empty());
  CHECK(Warnings(WithExpiry("2025-01-01T08:00:01+0800"), "2025-01-01T00:00:00Z").empty());
}

TEST_CASE("an expiry that is not a date-time is its own warning, never silence") {
  for (const char* odd : {"next tuesday", "2021-01-01", "2021-01-01T00:00:00", "0", " "}) {
    INFO(odd);
    const jdcloud::Image image = WithExpiry(odd);
    CHECK(provider::UnusableImageReasons(image, At("2025-01-01T00:00:00Z")).empty());
    auto w = Warnings(image, "2025-01-01T00:00:00Z", "req-odd");
    REQUIRE(w.size() == 1);
    CHECK(w[0].severity == provider::Diagnostic::Severity::Warning);
    CHECK(w[0].summary == kNotUnderstood);
    CHECK(Contains(w[0].detail, std::string("\"") + odd + "\""));
    CHECK(Contains(w[0].detail, "img-m5s0f7ss4c"));
    CHECK(Contains(w[0].detail, "cn-north-1"));
    CHECK(Contains(w[0].detail, "req-odd"));
  }
}

TEST_CASE("status and expiry are quoted safely in warnings") {
  const jdcloud::Image image = ImageFromJson(R"({"status":"bad\"\n\u001b[31mred","expiredTime":"x\ny"})");
  auto w = Warnings(image);
  REQUIRE(w.size() == 2);
  CHECK(w[0].summary == kUnusable);
  CHECK(w[1].summary == kNotUnderstood);
  for (const auto& d : w) {
    INFO(d.detail);
    CHECK_FALSE(Contains(d.detail, "\n"));
    CHECK_FALSE(Contains(d.detail, "\x1b"));
  }
}

TEST_CASE("each reason alone gives one warning") {
  auto now = At("2025-01-01T00:00:00Z");
  auto w = provider::ImageWarnings(ImageFromJson(R"({"status":"pending"})"), "img-m5s0f7ss4c", "cn-north-1",
                                   "req-7", now);
  REQUIRE(w.size() == 1);
  CHECK(w[0].severity == provider::Diagnostic::Severity::Warning);
  CHECK(w[0].summary == kUnusable);
  CHECK(w[0].detail.find("\"pending\"") != std::string::npos);
  CHECK(w[0].detail.find("img-m5s0f7ss4c") != std::string::npos);
  CHECK(w[0].detail.find("cn-north-1") != std::string::npos);
  CHECK(w[0].detail.find("req-7") != std::string::npos);

  auto reasons = provider::UnusableImageReasons(ImageFromJson(R"({"status":"ready","offline":true})"), now);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].find("offline") != std::string::npos);

  reasons = provider::UnusableImageReasons(WithExpiry("2024-12-31T23:59:59Z"), now);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].find("2024-12-31T23:59:59Z") != std::string::npos);
  CHECK(provider::UnusableImageReasons(WithExpiry("2025-01-01T00:00:01Z"), now).empty());
  CHECK(provider::UnusableImageReasons(WithExpiry("garbage"), now).empty());  // the other warning's business
}

TEST_CASE("all reasons together go into ONE warning") {
  const jdcloud::Image image =
      ImageFromJson(R"({"status":"error","offline":true,"expiredTime":"2020-01-01T08:00:00+08:00"})");
  auto w = provider::ImageWarnings(image, "img-m5s0f7ss4c", "cn-north-1", "", At("2025-01-01T00:00:00Z"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].detail.find("\"error\"") != std::string::npos);
  CHECK(w[0].detail.find("offline") != std::string::npos);
  CHECK(w[0].detail.find("expired") != std::string::npos);
  CHECK(w[0].detail.find("; and ") != std::string::npos);
  CHECK(w[0].detail.find("Request ID") == std::string::npos);
}
