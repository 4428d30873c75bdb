#include <catch2/catch.hpp>

#include "jdcloud/endpoint.h"

TEST_CASE("endpoints parse into scheme, host, port and Host header", "[endpoint]") {
  auto e = jdcloud::ParseEndpoint("https://vm.jdcloud-api.com");
  REQUIRE(e);
  CHECK(e->scheme == "https");
  CHECK(e->host == "vm.jdcloud-api.com");
  CHECK(e->port == 443);
  CHECK(e->HostHeader() == "vm.jdcloud-api.com");
  CHECK(e->BaseUrl() == "https://vm.jdcloud-api.com:443");

  e = jdcloud::ParseEndpoint("http://127.0.0.1:8080/");
  REQUIRE(e);
  CHECK(e->port == 8080);
  CHECK(e->HostHeader() == "127.0.0.1:8080");

  e = jdcloud::ParseEndpoint("HTTPS://VM.example.com:8443");
  REQUIRE(e);
  CHECK(e->scheme == "https");
  CHECK(e->HostHeader() == "vm.example.com:8443");

  CHECK(jdcloud::ParseEndpoint("http://h:80")->HostHeader() == "h");
  CHECK(jdcloud::ParseEndpoint("https://h:80")->HostHeader() == "h:80");
  CHECK(jdcloud::ParseEndpoint("http://[::1]:9000")->HostHeader() == "[::1]:9000");
}

TEST_CASE("unusable endpoints are clear errors", "[endpoint]") {
  for (const char* bad : {"", "vm.jdcloud-api.com", "ftp://h", "http://", "http://h:0", "http://h:65536",
                          "http://h:", "http://h:x", "http://h/v1", "http://u@h", "http://h?x=1", "http://h h",
                          "http://[::1", "http://[::1]x"}) {
    INFO(bad);
    const auto e = jdcloud::ParseEndpoint(bad);
    REQUIRE_FALSE(e);
    CHECK_FALSE(e.error().reason.empty());
    CHECK(e.error().has_user_info == (std::string_view(bad) == "http://u@h"));
  }
}

TEST_CASE("user info is refused without echoing it", "[endpoint]") {
  for (const char* bad : {"http://admin:Hunter2@h", "HTTPS://admin:Hunter2@h:443/", "http://a:Hunter2@h/x?y"}) {
    const auto e = jdcloud::ParseEndpoint(bad);
    REQUIRE_FALSE(e);
    CHECK(e.error().has_user_info);
    CHECK_THAT(e.error().reason, Catch::Contains("user info") && !Catch::Contains("Hunter2"));
  }
}

TEST_CASE("an over-long host is refused, and the message does not echo all of it", "[endpoint]") {
  CHECK(jdcloud::ParseEndpoint("http://" + std::string(253, 'a') + ":8080"));
  for (const std::string& url : {"http://" + std::string(254, 'a'), "https://" + std::string(1 << 20, 'a') + ":443",
                                 "http://[" + std::string(1 << 20, '1') + "]"}) {
    const auto e = jdcloud::ParseEndpoint(url);
    REQUIRE_FALSE(e);
    CHECK_THAT(e.error().reason, Catch::Contains("longer than 253 characters"));
    CHECK(e.error().reason.size() < 300);
  }
}
