// A tiny in-process HTTP server on 127.0.0.1 (random port) for the client's
// request-level unit tests. Handlers may wait interruptibly so that the
// server shuts down at once at the end of a test.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

class TestServer {
 public:
  explicit TestServer(std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
      : owned_(std::move(server)), server_(*owned_) {
    server_.set_tcp_nodelay(true);  // else Nagle + delayed ACK add ~40 ms per response
    // Count distinct client connections: each has its own remote port.
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      ++requests_;
      std::lock_guard lock(mu_);
      remote_ports_.insert(req.remote_port);
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~TestServer() { Stop(); }

  httplib::Server& http() { return server_; }

  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  // Sleeps in a handler, returning early when the server stops.
  void Wait(std::chrono::milliseconds d) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, d, [this] { return stopping_; });
  }

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  std::size_t connections() {
    std::lock_guard lock(mu_);
    return remote_ports_.size();
  }

 private:
  std::unique_ptr<httplib::Server> owned_;
  httplib::Server& server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::set<int> remote_ports_;
};
