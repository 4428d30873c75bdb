// The API endpoint a Client talks to: "https://vm.jdcloud-api.com" or a local
// double such as "http://127.0.0.1:8080". Only scheme, host and port; the
// request path is always the API's own.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace jdcloud {

struct Endpoint {
  std::string scheme;  // "http" or "https"
  std::string host;    // as written, IPv6 literals keep their brackets
  int port = 0;        // explicit or the scheme default
  // The Host header (and signed host): host, plus ":port" unless it is the
  // scheme default (reference §1.2).
  std::string HostHeader() const;
  // "scheme://host:port", what cpp-httplib's Client takes.
  std::string BaseUrl() const;
};

// Why a URL is not a usable endpoint. `reason` never quotes the URL: the
// caller quotes it (cut and escaped) -- unless it holds user info, which may
// be a password and must not be echoed at all.
struct EndpointProblem {
  std::string reason;
  bool has_user_info = false;
};

// The one endpoint parser, used by the provider's validation and by the
// client alike. Accepts scheme://host[:port][/] with the scheme and host in
// any case; anything else (other schemes, user info, paths, queries, bad
// ports, over-long hosts) is a problem naming what is wrong.
std::expected<Endpoint, EndpointProblem> ParseEndpoint(std::string_view url);

}  // namespace jdcloud
