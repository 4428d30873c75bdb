#include <catch2/catch.hpp>

#include "transport/port_range.h"

using transport::ParsePortRange;
using transport::PortRange;

TEST_CASE("unset port bounds mean any port", "[port_range]") {
  auto r = ParsePortRange(nullptr, nullptr);
  REQUIRE(r);
  CHECK(*r == PortRange{0, 0});
  CHECK(r->AnyPort());
  auto empty = ParsePortRange("", "");
  REQUIRE(empty);
  CHECK(empty->AnyPort());
}

TEST_CASE("Terraform's range parses", "[port_range]") {
  auto r = ParsePortRange("10000", "25000");
  REQUIRE(r);
  CHECK(*r == PortRange{10000, 25000});
  CHECK_FALSE(r->AnyPort());
  auto single = ParsePortRange("65535", "65535");
  REQUIRE(single);
  CHECK(*single == PortRange{65535, 65535});
}

TEST_CASE("a range starting at 0 lets the kernel choose", "[port_range]") {
  auto r = ParsePortRange(nullptr, "25000");
  REQUIRE(r);
  CHECK(r->AnyPort());
}

TEST_CASE("bad port values are clear errors", "[port_range]") {
  auto check_error = [](const char* min, const char* max, const std::string& needle) {
    auto r = ParsePortRange(min, max);
    REQUIRE_FALSE(r);
    INFO(r.error());
    CHECK(r.error().find(needle) != std::string::npos);
  };
  check_error("abc", "25000", "PLUGIN_MIN_PORT");
  check_error("10000", "x", "PLUGIN_MAX_PORT");
  check_error("10000", "65536", "PLUGIN_MAX_PORT");
  check_error("-1", "25000", "PLUGIN_MIN_PORT");
  check_error("10000 ", "25000", "PLUGIN_MIN_PORT");
  check_error("1e4", "25000", "PLUGIN_MIN_PORT");
  check_error("99999999999999999999999", "1", "PLUGIN_MIN_PORT");
  check_error("25000", "10000", "greater than PLUGIN_MAX_PORT");
  check_error("10000", nullptr, "greater than PLUGIN_MAX_PORT");  // as go-plugin: unset max is 0
}
