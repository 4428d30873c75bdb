#include "jdcloud/connection_pool.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace jdcloud {

PooledConnection::PooledConnection(const Endpoint& endpoint, std::chrono::milliseconds timeout)
    : client_(endpoint.BaseUrl()) {
  client_.set_keep_alive(true);
  client_.set_tcp_nodelay(true);
  // The path arrives already in JD Cloud's canonical encoding, which is also
  // what was signed; httplib must send it byte for byte.
  client_.set_url_encode(false);
  client_.set_follow_location(false);
  client_.set_connection_timeout(timeout);
  client_.set_read_timeout(timeout);
  client_.set_write_timeout(timeout);
  if (endpoint.scheme == "https") {
    // Default verify paths = the system CA store; httplib also checks the host name.
    client_.enable_server_certificate_verification(true);
  }
  client_.set_socket_options([this](socket_t fd) { OnNewSocket(fd); });
}

PooledConnection::~PooledConnection() {
  std::lock_guard lock(mu_);
  CloseDuplicateLocked();
}

void PooledConnection::OnNewSocket(int fd) {
  std::lock_guard lock(mu_);
  CloseDuplicateLocked();  // httplib replaced its socket; the old one is gone
  if (aborted_) {
    // Cancelled before connect(): swap the socket for a non-socket so that
    // connect() fails at once with ENOTSOCK instead of waiting out a timeout.
    const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull >= 0) {
      dup2(devnull, fd);
      close(devnull);
    }
    return;
  }
  socket_dup_ = fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

void PooledConnection::CloseDuplicateLocked() {
  if (socket_dup_ >= 0) close(socket_dup_);
  socket_dup_ = -1;
}

void PooledConnection::BeginRequest() {
  std::lock_guard lock(mu_);
  aborted_ = false;
}

void PooledConnection::EndRequest() {
  if (client_.is_socket_open()) return;
  std::lock_guard lock(mu_);
  CloseDuplicateLocked();
}

void PooledConnection::Abort() {
  std::lock_guard lock(mu_);
  aborted_ = true;
  // shutdown() wakes a blocked poll()/recv()/SSL_read and aborts a pending
  // connect(); the descriptor itself stays open until httplib closes it.
  if (socket_dup_ >= 0) shutdown(socket_dup_, SHUT_RDWR);
}

ConnectionPool::ConnectionPool(Endpoint endpoint, std::chrono::milliseconds timeout, std::size_t max_idle)
    : endpoint_(std::move(endpoint)), timeout_(timeout), max_idle_(max_idle) {}

std::unique_ptr<PooledConnection> ConnectionPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());  // most recently used: likeliest still alive
      idle_.pop_back();
      return c;
    }
  }
  return std::make_unique<PooledConnection>(endpoint_, timeout_);
}

void ConnectionPool::Release(std::unique_ptr<PooledConnection> connection) {
  std::lock_guard lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
  // else: the surplus connection closes as `connection` goes out of scope
}

std::size_t ConnectionPool::idle() const {
  std::lock_guard lock(mu_);
  return idle_.size();
}

}  // namespace jdcloud
