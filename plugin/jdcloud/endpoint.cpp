#include "jdcloud/endpoint.h"

#include <cctype>
#include <charconv>

namespace jdcloud {
namespace {

int DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

// DNS names are at most 253 characters (RFC 1035) and IPv6 literals far
// shorter. The bound also protects cpp-httplib, whose Client parses the URL
// with a std::regex that recurses per character: a 50 kB host overflowed the
// stack and crashed the provider.
constexpr std::size_t kMaxHostLength = 253;

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string Endpoint::HostHeader() const {
  if (port == DefaultPort(scheme)) return host;
  return host + ":" + std::to_string(port);
}

std::string Endpoint::BaseUrl() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::expected<Endpoint, EndpointProblem> ParseEndpoint(std::string_view url) {
  const auto bad = [](std::string why) { return std::unexpected(EndpointProblem{std::move(why)}); };
  Endpoint ep;
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return bad("expected scheme://host[:port]");
  ep.scheme = Lower(url.substr(0, sep));
  if (ep.scheme != "http" && ep.scheme != "https") return bad("the scheme must be http or https");
  std::string_view rest = url.substr(sep + 3);
  if (rest.substr(0, rest.find_first_of("/?#")).find('@') != std::string_view::npos)
    return std::unexpected(EndpointProblem{
        "it contains user info (name:password@), which an endpoint must not; the value is not shown because it "
        "may hold a password",
        true});
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos)
    return bad("only scheme, host and port are allowed (no path or query)");

  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {  // IPv6 literal
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 literal");
    ep.host = std::string(rest.substr(0, close + 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad("unexpected text after the IPv6 literal");
      port_text = rest.substr(1);
      if (port_text.empty()) return bad("empty port");
    }
  } else {
    const auto colon = rest.find(':');
    ep.host = Lower(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      if (port_text.empty()) return bad("empty port");
    }
    for (char c : ep.host)
      if (!IsHostChar(c)) return bad("invalid character in host name");
  }
  if (ep.host.empty() || ep.host == "[]") return bad("missing host");
  if (ep.host.size() > kMaxHostLength)
    return bad("the host name is longer than " + std::to_string(kMaxHostLength) + " characters");

  ep.port = DefaultPort(ep.scheme);
  if (!port_text.empty()) {
    int port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 || port > 65535)
      return bad("the port must be a number from 1 to 65535");
    ep.port = port;
  }
  return ep;
}

}  // namespace jdcloud
