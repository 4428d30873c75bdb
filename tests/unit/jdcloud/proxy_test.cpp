// ProxyFor follows Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy).
#include "jdcloud/proxy.h"

#include <catch2/catch.hpp>

#include <map>

namespace {

jdcloud::EnvironmentLookup Env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

jdcloud::Endpoint At(const std::string& url) { return *jdcloud::ParseEndpoint(url); }

// The proxy's "host:port" for `url`, or "direct".
std::string Via(const std::string& url, std::map<std::string, std::string> vars) {
  auto proxy = jdcloud::ProxyFor(At(url), Env(std::move(vars)));
  REQUIRE(proxy.has_value());
  return *proxy ? (*proxy)->Address() : "direct";
}

}  // namespace

TEST_CASE("the scheme picks the variable; upper case wins; REQUEST_METHOD disables HTTP_PROXY", "[proxy]") {
  const std::map<std::string, std::string> both = {{"HTTPS_PROXY", "secure:1"}, {"HTTP_PROXY", "plain:2"}};
  CHECK(Via("https://vm.jdcloud-api.com", both) == "secure:1");
  CHECK(Via("http://vm.jdcloud-api.com", both) == "plain:2");
  CHECK(Via("https://vm.jdcloud-api.com", {{"https_proxy", "lower:3"}}) == "lower:3");
  CHECK(Via("https://vm.jdcloud-api.com", {{"HTTPS_PROXY", "upper:4"}, {"https_proxy", "lower:3"}}) == "upper:4");
  CHECK(Via("https://vm.jdcloud-api.com", {{"HTTPS_PROXY", ""}, {"https_proxy", "lower:3"}}) == "lower:3");
  CHECK(Via("https://vm.jdcloud-api.com", {{"HTTP_PROXY", "plain:2"}}) == "direct");
  CHECK(Via("http://vm.jdcloud-api.com", {{"HTTP_PROXY", "plain:2"}, {"REQUEST_METHOD", "GET"}}) == "direct");
  CHECK(Via("https://vm.jdcloud-api.com", {}) == "direct");
}

TEST_CASE("proxy URLs: scheme optional, default port 80, user info is basic authentication", "[proxy]") {
  auto proxy = jdcloud::ProxyFor(At("https://vm.jdcloud-api.com"),
                                 Env({{"HTTPS_PROXY", "http://us%40er:p%3Ass@Proxy.Corp:3128/"}}));
  REQUIRE(proxy.has_value());
  REQUIRE(proxy->has_value());
  CHECK((*proxy)->host == "proxy.corp");
  CHECK((*proxy)->port == 3128);
  CHECK((*proxy)->username == "us@er");
  CHECK((*proxy)->password == "p:ss");
  CHECK((*proxy)->Address() == "proxy.corp:3128");
  CHECK(Via("https://h.example", {{"HTTPS_PROXY", "proxy.corp"}}) == "proxy.corp:80");
  CHECK(Via("https://h.example", {{"HTTPS_PROXY", "http://[fd00::1]:8080"}}) == "[fd00::1]:8080");
  for (const char* bad : {"https://proxy:443", "socks5://u:Hunter2@proxy:1080", "http://proxy:port", "http://u:Hunter2@"}) {
    INFO(bad);
    auto r = jdcloud::ProxyFor(At("https://h.example"), Env({{"HTTPS_PROXY", bad}}));
    REQUIRE_FALSE(r.has_value());
    CHECK_THAT(r.error(), Catch::Contains("HTTPS_PROXY") && !Catch::Contains("Hunter2"));
  }
}

TEST_CASE("NO_PROXY: *, domains, host:port, IPs and CIDRs, either case; loopback never proxied", "[proxy]") {
  const auto via = [](const std::string& url, const std::string& no_proxy) {
    return Via(url, {{"HTTPS_PROXY", "p:1"}, {"HTTP_PROXY", "p:1"}, {"no_proxy", no_proxy}});
  };
  CHECK(via("https://vm.jdcloud-api.com", "*") == "direct");
  CHECK(via("https://vm.jdcloud-api.com", "jdcloud-api.com") == "direct");        // subdomain
  CHECK(via("https://jdcloud-api.com", "jdcloud-api.com") == "direct");           // itself
  CHECK(via("https://jdcloud-api.com", ".jdcloud-api.com") == "p:1");             // only subdomains
  CHECK(via("https://vm.jdcloud-api.com", ".jdcloud-api.com") == "direct");
  CHECK(via("https://vm.jdcloud-api.com", "*.JDCLOUD-API.com") == "direct");
  CHECK(via("https://xjdcloud-api.com", "jdcloud-api.com") == "p:1");             // not a suffix match
  CHECK(via("https://vm.jdcloud-api.com", "other.com, vm.jdcloud-api.com:443") == "direct");
  CHECK(via("https://vm.jdcloud-api.com", "vm.jdcloud-api.com:8443") == "p:1");   // another port
  CHECK(via("http://10.1.2.3:8080", "10.0.0.0/8") == "direct");
  CHECK(via("http://11.1.2.3:8080", "10.0.0.0/8") == "p:1");
  CHECK(via("http://10.1.2.3:8080", "10.1.2.3") == "direct");
  CHECK(via("http://10.1.2.3:8080", "10.1.2.3:9090") == "p:1");
  CHECK(via("http://[fd00::5]:80", "fd00::/16") == "direct");
  CHECK(via("https://vm.jdcloud-api.com", "") == "p:1");
  for (const char* loopback : {"http://127.0.0.1:8080", "http://127.9.9.9", "http://[::1]:9", "http://localhost:1"})
    CHECK(via(loopback, "") == "direct");
}
