// Which proxy, if any, a request to the endpoint goes through: the rules of
// Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy), which
// users of Terraform and every Go provider already rely on.
//   - HTTPS_PROXY for https endpoints, HTTP_PROXY for http ones; the upper-case
//     name wins over the lower-case one; HTTP_PROXY is ignored when
//     REQUEST_METHOD is set (a CGI environment, where it is a request header).
//   - NO_PROXY: comma-separated; "*" (everything), IP addresses, CIDR ranges,
//     "host:port", domains ("example.com" covers it and its subdomains,
//     ".example.com" and "*.example.com" only subdomains).
//   - localhost and loopback addresses are never proxied.
//   - A proxy URL without a scheme is http://; user:password@ in it is the
//     proxy's basic authentication. Only http proxies are supported (a CONNECT
//     tunnel carries https); https:// and socks5:// proxy URLs are errors.
#pragma once

#include <expected>
#include <functional>
#include <optional>
#include <string>

#include "jdcloud/endpoint.h"
#include "secret/secret.h"

namespace jdcloud {

struct Proxy {
  std::string host;  // IPv6 literals without brackets, as httplib wants them
  int port = 80;
  std::string username;      // empty: no authentication
  secret::Secret password;   // never logged
  // "host:port" for logs and messages: never the user info.
  std::string Address() const;
};

// The variable's value, or nullopt when unset.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// nullopt: connect directly. An error names the variable and what is wrong
// with it, without echoing a password.
std::expected<std::optional<Proxy>, std::string> ProxyFor(const Endpoint& endpoint, const EnvironmentLookup& env);

}  // namespace jdcloud
