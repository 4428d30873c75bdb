// A small loopback forward proxy for the proxy tests: plain absolute-form
// requests ("GET http://host:port/path", one per connection) and CONNECT
// tunnels, with optional basic authentication. Host names are looked up only
// in its own table (e.g. jdcloud-api.test -> 127.0.0.1), so nothing is ever
// resolved outside the machine; an unknown name is a 502.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace harness {

class ForwardProxy {
 public:
  struct Options {
    std::map<std::string, std::string> hosts;  // name -> IPv4 address
    std::string proxy_authorization;           // required header value, e.g. "Basic dTpw"; empty: none
  };
  explicit ForwardProxy(Options options);
  ~ForwardProxy();
  ForwardProxy(const ForwardProxy&) = delete;
  ForwardProxy& operator=(const ForwardProxy&) = delete;

  int port() const { return port_; }
  // Request lines seen ("CONNECT jdcloud-api.test:443 HTTP/1.1", ...).
  std::vector<std::string> requests();
  int refused() const { return refused_; }  // answered 407

 private:
  void Accept();
  void Serve(int client);

  const Options options_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> refused_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::string> requests_;  // guarded by mu_
  std::vector<int> sockets_;           // guarded by mu_; shut down on stop
  std::vector<std::thread> workers_;   // guarded by mu_
};

}  // namespace harness
