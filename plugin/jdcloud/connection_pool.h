// Keep-alive HTTP connections to one endpoint, shared by many threads: each
// request borrows one connection (a cpp-httplib Client with its socket) and
// gives it back, so concurrent reads never share a socket and sequential reads
// reuse one.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "jdcloud/endpoint.h"
#include "jdcloud/proxy.h"
#include "jdcloud/trusted_roots.h"

namespace jdcloud {

// How every connection to the endpoint is made.
struct ConnectionOptions {
  std::chrono::milliseconds timeout{30000};  // of a request as a whole (enforced by the transport)
  std::shared_ptr<const TrustedRoots> extra_roots;  // besides the system store; may be null
  std::optional<Proxy> proxy;  // nullopt: connect directly
};

// One httplib::Client plus a private duplicate of its current socket, so that
// Abort() can shut the socket down from another thread at any stage (connect,
// TLS handshake, write, read) without touching httplib's internals and
// without racing fd reuse (our duplicate keeps the descriptor number ours).
class PooledConnection {
 public:
  PooledConnection(const Endpoint& endpoint, const ConnectionOptions& options);
  ~PooledConnection();
  PooledConnection(const PooledConnection&) = delete;
  PooledConnection& operator=(const PooledConnection&) = delete;

  httplib::Client& http() { return client_; }

  // How far the request in progress got, as far as the socket shows; the
  // transport itself knows when the headers have arrived.
  enum class Stage { Connecting, TlsHandshake, AwaitingResponse };
  Stage CurrentStage();

  // Call before each request: clears an earlier Abort.
  void BeginRequest();
  // Call after each request: forgets the socket duplicate if httplib closed
  // the socket, so the peer sees the close now rather than later.
  void EndRequest();
  // Thread-safe and non-blocking: makes the request in progress (or the one
  // about to connect) fail at once.
  void Abort();

  // True when the request went out on a connection kept from an earlier
  // request and not one byte came back: the server had closed it while idle
  // (gateways do after their idle timeout), so sending again on a new
  // connection is safe. Call after the request, before EndRequest.
  bool FailedAsStaleKeepAlive();

  // Why the server's certificate was rejected, in OpenSSL's words (after an
  // SSLServerVerification error).
  std::string CertificateRejection();

 private:
  void OnNewSocket(int fd);
  void CloseDuplicateLocked();
  std::uint64_t BytesReceivedLocked() const;
  static void OnTlsInfo(const SSL* ssl, int where, int ret);

  httplib::Client client_;
  const bool https_;
  std::mutex mu_;
  int socket_dup_ = -1;  // guarded by mu_
  bool aborted_ = false;  // guarded by mu_
  bool handshake_done_ = false;  // guarded by mu_; for the current socket
  // For FailedAsStaleKeepAlive, set by BeginRequest; guarded by mu_.
  bool began_on_kept_socket_ = false;
  bool new_socket_since_begin_ = false;
  std::uint64_t bytes_at_begin_ = 0;
};

class ConnectionPool {
 public:
  ConnectionPool(Endpoint endpoint, ConnectionOptions options, std::size_t max_idle);

  // An idle connection when there is one, else a new one.
  std::unique_ptr<PooledConnection> Acquire();
  std::unique_ptr<PooledConnection> NewConnection();
  // Keeps the connection for the next request unless max_idle are kept already.
  void Release(std::unique_ptr<PooledConnection> connection);

  std::size_t idle() const;

 private:
  const Endpoint endpoint_;
  const ConnectionOptions options_;
  const std::size_t max_idle_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<PooledConnection>> idle_;  // guarded by mu_
};

}  // namespace jdcloud
