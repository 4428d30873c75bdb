#include "jdcloud/proxy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <vector>

namespace jdcloud {
namespace {

// An address as 16 bytes (IPv4 mapped into IPv6), so one comparison serves both.
using Address = std::array<unsigned char, 16>;

std::optional<Address> ParseIp(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  const std::string s(text);
  Address a{};
  if (inet_pton(AF_INET6, s.c_str(), a.data()) == 1) return a;
  unsigned char v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) != 1) return std::nullopt;
  a[10] = a[11] = 0xff;
  std::memcpy(a.data() + 12, v4, 4);
  return a;
}

bool IsV4(const Address& a) {
  return std::all_of(a.begin(), a.begin() + 10, [](unsigned char b) { return b == 0; }) && a[10] == 0xff &&
         a[11] == 0xff;
}

bool IsLoopback(const Address& a) {
  if (IsV4(a)) return a[12] == 127;
  return std::all_of(a.begin(), a.end() - 1, [](unsigned char b) { return b == 0; }) && a[15] == 1;
}

bool SamePrefix(const Address& a, const Address& b, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "host:port" / "[v6]:port" -> host and port; otherwise the whole text is the host.
std::pair<std::string_view, std::string_view> SplitHostPort(std::string_view s) {
  if (s.starts_with('[')) {
    const auto close = s.find(']');
    if (close != std::string_view::npos && close + 1 < s.size() && s[close + 1] == ':')
      return {s.substr(1, close - 1), s.substr(close + 2)};
    return {s, {}};
  }
  const auto colon = s.rfind(':');
  if (colon == std::string_view::npos || s.find(':') != colon) return {s, {}};  // none, or a bare IPv6
  return {s.substr(0, colon), s.substr(colon + 1)};
}

// One NO_PROXY entry against the endpoint, as httpproxy's matchers do.
bool Matches(std::string_view entry, const std::string& host, const std::optional<Address>& ip,
             const std::string& port) {
  if (const auto slash = entry.find('/'); slash != std::string_view::npos) {  // CIDR
    const auto net = ParseIp(entry.substr(0, slash));
    int bits = -1;
    const auto text = entry.substr(slash + 1);
    std::from_chars(text.data(), text.data() + text.size(), bits);
    if (!net || !ip || bits < 0) return false;
    return SamePrefix(*net, *ip, IsV4(*net) ? bits + 96 : bits);
  }
  auto [entry_host, entry_port] = SplitHostPort(entry);
  if (entry_host.empty()) return false;
  if (!entry_port.empty() && entry_port != port) return false;
  if (const auto entry_ip = ParseIp(entry_host)) return ip && *entry_ip == *ip;
  if (entry_host.starts_with("*.")) entry_host.remove_prefix(1);
  const bool also_itself = !entry_host.starts_with('.');
  const std::string suffix = also_itself ? "." + std::string(entry_host) : std::string(entry_host);
  return host.ends_with(suffix) || (also_itself && host == entry_host);
}

bool Bypassed(const Endpoint& endpoint, std::string_view no_proxy) {
  const std::string host = Lower(endpoint.host);
  const auto ip = ParseIp(host);
  if (host == "localhost" || (ip && IsLoopback(*ip))) return true;
  const std::string port = std::to_string(endpoint.port);
  for (std::size_t start = 0; start <= no_proxy.size();) {
    const auto comma = std::min(no_proxy.find(',', start), no_proxy.size());
    const std::string entry = Lower(Trim(no_proxy.substr(start, comma - start)));
    start = comma + 1;
    if (entry == "*") return true;
    if (!entry.empty() && Matches(entry, host, ip, port)) return true;
  }
  return false;
}

std::optional<std::string> FirstSet(const EnvironmentLookup& env, const char* upper, const char* lower,
                                    std::string* name) {
  for (const char* n : {upper, lower}) {
    if (auto v = env(n); v && !v->empty()) {
      *name = n;
      return v;
    }
  }
  return std::nullopt;
}

std::string PercentDecoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    int byte = 0;
    if (s[i] == '%' && i + 2 < s.size() &&
        std::from_chars(s.data() + i + 1, s.data() + i + 3, byte, 16).ptr == s.data() + i + 3) {
      out += static_cast<char>(byte);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::expected<Proxy, std::string> ParseProxyUrl(std::string_view url) {
  std::string_view rest = url;
  if (const auto sep = rest.find("://"); sep != std::string_view::npos) {
    const std::string scheme = Lower(rest.substr(0, sep));
    if (scheme != "http")
      return std::unexpected("names a " + scheme + ":// proxy; only http:// proxies are supported (an https "
                             "endpoint is tunnelled through one with CONNECT)");
    rest.remove_prefix(sep + 3);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  Proxy proxy;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    proxy.username = PercentDecoded(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) proxy.password = secret::Secret(PercentDecoded(userinfo.substr(colon + 1)));
    rest.remove_prefix(at + 1);
  }
  // Host and port by the endpoint parser's rules.
  auto parsed = ParseEndpoint("http://" + std::string(rest));
  if (!parsed) return std::unexpected("is not a usable proxy URL: " + parsed.error().reason);
  proxy.host = parsed->host.front() == '[' ? parsed->host.substr(1, parsed->host.size() - 2) : parsed->host;
  proxy.port = parsed->port;
  return proxy;
}

}  // namespace

std::string Proxy::Address() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::expected<std::optional<Proxy>, std::string> ProxyFor(const Endpoint& endpoint, const EnvironmentLookup& env) {
  if (!env) return std::nullopt;
  std::string name;
  std::optional<std::string> url;
  if (endpoint.scheme == "https") {
    url = FirstSet(env, "HTTPS_PROXY", "https_proxy", &name);
  } else if (!env("REQUEST_METHOD")) {
    url = FirstSet(env, "HTTP_PROXY", "http_proxy", &name);
  }
  if (!url) return std::nullopt;
  std::string ignored;
  if (Bypassed(endpoint, FirstSet(env, "NO_PROXY", "no_proxy", &ignored).value_or(""))) return std::nullopt;
  auto proxy = ParseProxyUrl(*url);
  // The URL is not echoed: its user info may hold a password.
  if (!proxy) return std::unexpected("the " + name + " environment variable " + proxy.error());
  return std::optional<Proxy>(std::move(*proxy));
}

}  // namespace jdcloud
