#include "forward_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <sstream>

namespace harness {
namespace {

// The request head up to the blank line; nullopt when the client closed.
std::optional<std::string> ReadHead(int fd) {
  std::string head;
  char c;
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (::recv(fd, &c, 1, 0) != 1 || head.size() > 64 * 1024) return std::nullopt;
    head += c;
  }
  return head;
}

void SendAll(int fd, const std::string& bytes) { ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

int ConnectTo(const std::string& ip, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, ip.c_str(), &addr.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Copies bytes both ways until either side closes.
void Relay(int a, int b) {
  char buf[16384];
  pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  while (::poll(fds, 2, 30000) > 0) {
    for (int i = 0; i < 2; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      ::send(fds[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL);
    }
  }
}

std::string Header(const std::string& head, const std::string& name) {
  std::istringstream in(head);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (key == name) return line.substr(line.find_first_not_of(' ', colon + 1));
  }
  return {};
}

}  // namespace

ForwardProxy::ForwardProxy(Options options) : options_(std::move(options)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listener_, 16);
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

ForwardProxy::~ForwardProxy() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
  ::close(listener_);
}

std::vector<std::string> ForwardProxy::requests() {
  std::lock_guard lock(mu_);
  return requests_;
}

void ForwardProxy::Accept() {
  while (true) {
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0 || stopping_) {
      if (fd >= 0) ::close(fd);
      return;
    }
    std::lock_guard lock(mu_);
    sockets_.push_back(fd);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void ForwardProxy::Serve(int client) {
  const auto head = ReadHead(client);
  if (!head) return;
  const std::string request_line = head->substr(0, head->find("\r\n"));
  {
    std::lock_guard lock(mu_);
    requests_.push_back(request_line);
  }
  if (!options_.proxy_authorization.empty() && Header(*head, "proxy-authorization") != options_.proxy_authorization) {
    ++refused_;
    SendAll(client, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                    "Content-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  std::istringstream words(request_line);
  std::string method, target;
  words >> method >> target;
  // CONNECT host:port, or GET http://host:port/path
  std::string authority = target, path = "/";
  if (method != "CONNECT") {
    if (!target.starts_with("http://")) return SendAll(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    authority = target.substr(7, target.find('/', 7) - 7);
    path = target.substr(7 + authority.size());
  }
  const auto colon = authority.rfind(':');
  const auto mapped = options_.hosts.find(authority.substr(0, colon));
  const int upstream = mapped == options_.hosts.end() || colon == std::string::npos
                           ? -1
                           : ConnectTo(mapped->second, std::stoi(authority.substr(colon + 1)));
  if (upstream < 0) return SendAll(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  if (method == "CONNECT") {
    SendAll(client, "HTTP/1.1 200 Connection Established\r\n\r\n");
  } else {
    // Origin-form upstream, without the proxy's own header, one request only.
    std::string forwarded = method + " " + path + " HTTP/1.1\r\n";
    std::istringstream lines(head->substr(request_line.size() + 2));
    for (std::string line; std::getline(lines, line);) {
      if (line == "\r" || line.empty()) break;
      const std::string lower = [&] {
        std::string l = line.substr(0, line.find(':'));
        for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return l;
      }();
      if (lower == "proxy-authorization" || lower == "connection") continue;
      forwarded += line + "\n";
    }
    SendAll(upstream, forwarded + "Connection: close\r\n\r\n");
  }
  Relay(client, upstream);
  ::close(upstream);
}

}  // namespace harness
