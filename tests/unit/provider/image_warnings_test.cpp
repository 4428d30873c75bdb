// Unusable images: one warning naming every reason; RFC 3339 expiry.
#include <catch2/catch.hpp>

#include "provider/image_warnings.h"
#include "provider/rfc3339.h"

using namespace std::chrono;

namespace {

system_clock::time_point At(const char* text) { return *provider::ParseRfc3339(text); }

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
                          "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0800", "never"}) {
    INFO(bad);
    CHECK_FALSE(provider::ParseRfc3339(bad));
  }
}

TEST_CASE("a ready, online, unexpired image has no warning") {
  jdcloud::Image image;
  image.status = "ready";
  image.offline = false;
  image.expired_time = "2099-01-01T00:00:00Z";
  auto now = At("2025-01-01T00:00:00Z");
  CHECK(provider::UnusableImageReasons(image, now).empty());
  CHECK_FALSE(provider::UnusableImageWarning(image, "img-m5s0f7ss4c", "cn-north-1", "req", now));
  image.expired_time = "";  // empty = never
  CHECK_FALSE(provider::UnusableImageWarning(image, "img-m5s0f7ss4c", "cn-north-1", "req", now));
  jdcloud::Image bare;  // nothing known: nothing to warn about
  CHECK_FALSE(provider::UnusableImageWarning(bare, "img-m5s0f7ss4c", "cn-north-1", "req", now));
}

TEST_CASE("each reason alone gives one warning") {
  auto now = At("2025-01-01T00:00:00Z");
  jdcloud::Image pending;
  pending.status = "pending";
  auto w = provider::UnusableImageWarning(pending, "img-m5s0f7ss4c", "cn-north-1", "req-7", now);
  REQUIRE(w);
  CHECK(w->severity == provider::Diagnostic::Severity::Warning);
  CHECK(w->detail.find("\"pending\"") != std::string::npos);
  CHECK(w->detail.find("img-m5s0f7ss4c") != std::string::npos);
  CHECK(w->detail.find("cn-north-1") != std::string::npos);
  CHECK(w->detail.find("req-7") != std::string::npos);

  jdcloud::Image offline;
  offline.status = "ready";
  offline.offline = true;
  auto reasons = provider::UnusableImageReasons(offline, now);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].find("offline") != std::string::npos);

  jdcloud::Image expired;
  expired.expired_time = "2024-12-31T23:59:59Z";
  reasons = provider::UnusableImageReasons(expired, now);
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].find("2024-12-31T23:59:59Z") != std::string::npos);
  expired.expired_time = "2025-01-01T00:00:01Z";
  CHECK(provider::UnusableImageReasons(expired, now).empty());
  expired.expired_time = "garbage";
  CHECK(provider::UnusableImageReasons(expired, now).empty());
}

TEST_CASE("all reasons together go into ONE warning") {
  jdcloud::Image image;
  image.status = "error";
  image.offline = true;
  image.expired_time = "2020-01-01T08:00:00+08:00";
  auto w = provider::UnusableImageWarning(image, "img-m5s0f7ss4c", "cn-north-1", "", At("2025-01-01T00:00:00Z"));
  REQUIRE(w);
  CHECK(w->detail.find("\"error\"") != std::string::npos);
  CHECK(w->detail.find("offline") != std::string::npos);
  CHECK(w->detail.find("expired") != std::string::npos);
  CHECK(w->detail.find("Request ID") == std::string::npos);
}
