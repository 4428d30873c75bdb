#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "transport/base64.h"
#include "transport/handshake.h"
#include "transport/magic_cookie.h"

using transport::FormatHandshakeLine;
using transport::NegotiateProtocolVersion;
using transport::ParseOfferedVersions;

TEST_CASE("version negotiation picks 6, else 5, else prints 6", "[handshake]") {
  CHECK(NegotiateProtocolVersion("5") == 5);
  CHECK(NegotiateProtocolVersion("6") == 6);
  CHECK(NegotiateProtocolVersion("5,6") == 6);
  CHECK(NegotiateProtocolVersion("6,5") == 6);
  CHECK(NegotiateProtocolVersion("") == 6);
  CHECK(NegotiateProtocolVersion("7") == 6);
  CHECK(NegotiateProtocolVersion("4,7") == 6);
  CHECK(NegotiateProtocolVersion("garbage") == 6);
  CHECK(NegotiateProtocolVersion("x,5,y") == 5);
  CHECK(NegotiateProtocolVersion("5,,") == 5);
  CHECK(NegotiateProtocolVersion(" 5 , 6 ") == 6);
  CHECK(NegotiateProtocolVersion("56") == 6);   // not 5 and not 6: falls back to printing 6
  CHECK(NegotiateProtocolVersion("5x") == 6);   // partial numbers are not versions
  CHECK(NegotiateProtocolVersion("-5") == 6);
  CHECK(NegotiateProtocolVersion("99999999999999999999,5") == 5);  // overflow entry skipped
}

TEST_CASE("offered versions parse as a set", "[handshake]") {
  CHECK(ParseOfferedVersions("6,5,6") == std::set<int>{5, 6});
  CHECK(ParseOfferedVersions("").empty());
  CHECK(ParseOfferedVersions("a,b").empty());
  CHECK(ParseOfferedVersions("3,4,5") == std::set<int>{3, 4, 5});
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t bar = line.find('|', start);
    fields.push_back(line.substr(start, bar - start));
    if (bar == std::string::npos) return fields;
    start = bar + 1;
  }
}

TEST_CASE("handshake line in TLS mode has six fields and ends in one newline", "[handshake]") {
  const std::string line = FormatHandshakeLine(6, "127.0.0.1:43467", "MIIBabc");
  CHECK(line == "1|6|tcp|127.0.0.1:43467|grpc|MIIBabc\n");
  REQUIRE(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  const auto fields = Split(line.substr(0, line.size() - 1));
  REQUIRE(fields.size() == 6);
  CHECK(fields[0] == "1");
  CHECK(fields[1] == "6");
  CHECK(fields[2] == "tcp");
  CHECK(fields[3] == "127.0.0.1:43467");
  CHECK(fields[4] == "grpc");
  CHECK(fields[5] == "MIIBabc");
}

TEST_CASE("handshake line in plaintext mode leaves out the cert field", "[handshake]") {
  const std::string line = FormatHandshakeLine(5, "127.0.0.1:10000", "");
  CHECK(line == "1|5|tcp|127.0.0.1:10000|grpc\n");
  CHECK(Split(line.substr(0, line.size() - 1)).size() == 5);
}

TEST_CASE("base64 is the standard alphabet without padding", "[handshake]") {
  auto b64 = [](std::string_view s) {
    return transport::Base64StdNoPadding(
        std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
  };
  // RFC 4648 test vectors, padding removed.
  CHECK(b64("") == "");
  CHECK(b64("f") == "Zg");
  CHECK(b64("fo") == "Zm8");
  CHECK(b64("foo") == "Zm9v");
  CHECK(b64("foob") == "Zm9vYg");
  CHECK(b64("fooba") == "Zm9vYmE");
  CHECK(b64("foobar") == "Zm9vYmFy");
  // '+' and '/' (not the URL alphabet).
  const uint8_t high[] = {0xfb, 0xff, 0xbf};
  CHECK(transport::Base64StdNoPadding(high) == "+/+/");
}

TEST_CASE("the magic cookie must match exactly", "[handshake]") {
  CHECK(transport::IsMagicCookie(std::string(transport::kMagicCookieValue).c_str()));
  CHECK_FALSE(transport::IsMagicCookie(nullptr));
  CHECK_FALSE(transport::IsMagicCookie(""));
  CHECK_FALSE(transport::IsMagicCookie(
      "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b"));  // one short
  CHECK_FALSE(transport::IsMagicCookie(
      "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 "));
}
