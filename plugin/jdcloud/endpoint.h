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

// Accepts scheme://host[:port][/]; anything else (other schemes, user info,
// paths, queries, bad ports) is an error message naming the problem.
std::expected<Endpoint, std::string> ParseEndpoint(std::string_view url);

}  // namespace jdcloud
