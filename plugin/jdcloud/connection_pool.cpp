#include "jdcloud/connection_pool.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jdcloud/socket_info.h"

namespace jdcloud {
namespace {

// Where an SSL_CTX keeps its PooledConnection, for the handshake callback.
constexpr std::chrono::seconds kBackstopMargin{1};

int ConnectionIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

}  // namespace

PooledConnection::PooledConnection(const Endpoint& endpoint, const ConnectionOptions& options)
    : client_(endpoint.BaseUrl()), https_(endpoint.scheme == "https") {
  client_.set_keep_alive(true);
  client_.set_tcp_nodelay(true);
  // The path arrives already in JD Cloud's canonical encoding, which is also
  // what was signed; httplib must send it byte for byte.
  client_.set_url_encode(false);
  client_.set_follow_location(false);
  if (options.proxy) {
    // Absolute-form requests for http, a CONNECT tunnel for https.
    client_.set_proxy(options.proxy->host, options.proxy->port);
    if (!options.proxy->username.empty())
      client_.set_proxy_basic_auth(options.proxy->username, std::string(options.proxy->password.view()));
  }
  // httplib's own limits restart with every byte; they are only a backstop,
  // a little longer than the attempt, so that the transport's deadline timer
  // (which knows the phase) always ends a slow attempt first.
  const auto backstop = options.timeout + kBackstopMargin;
  client_.set_connection_timeout(backstop);
  client_.set_read_timeout(backstop);
  client_.set_write_timeout(backstop);
  if (https_) {
    // Default verify paths = the system CA store; httplib also checks the host name.
    client_.enable_server_certificate_verification(true);
    if (options.extra_roots) client_.set_ca_cert_store(options.extra_roots->NewStore());
    SSL_CTX* ctx = client_.ssl_context();
    // The release links OpenSSL statically, so its default paths are Debian's;
    // the running system's own bundle goes into the same store as well.
    if (const std::string& bundle = SystemCertificateBundle(); !bundle.empty())
      SSL_CTX_load_verify_locations(ctx, bundle.c_str(), nullptr);
    SSL_CTX_set_ex_data(ctx, ConnectionIndex(), this);
    SSL_CTX_set_info_callback(ctx, &PooledConnection::OnTlsInfo);
  }
  client_.set_socket_options([this](socket_t fd) { OnNewSocket(fd); });
}

PooledConnection::~PooledConnection() {
  std::lock_guard lock(mu_);
  CloseDuplicateLocked();
}

void PooledConnection::OnTlsInfo(const SSL* ssl, int where, int) {
  if ((where & SSL_CB_HANDSHAKE_DONE) == 0) return;
  auto* self = static_cast<PooledConnection*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ConnectionIndex()));
  std::lock_guard lock(self->mu_);
  self->handshake_done_ = true;
}

void PooledConnection::OnNewSocket(int fd) {
  std::lock_guard lock(mu_);
  CloseDuplicateLocked();  // httplib replaced its socket; the old one is gone
  handshake_done_ = false;
  new_socket_since_begin_ = true;
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

std::uint64_t PooledConnection::BytesReceivedLocked() const {
  return socket_dup_ < 0 ? 0 : BytesReceived(socket_dup_);
}

PooledConnection::Stage PooledConnection::CurrentStage() {
  std::lock_guard lock(mu_);
  if (socket_dup_ < 0 || !IsConnected(socket_dup_)) return Stage::Connecting;
  if (https_ && !handshake_done_) return Stage::TlsHandshake;
  return Stage::AwaitingResponse;
}

void PooledConnection::BeginRequest() {
  const bool kept = client_.is_socket_open();
  std::lock_guard lock(mu_);
  aborted_ = false;
  began_on_kept_socket_ = kept && socket_dup_ >= 0;
  new_socket_since_begin_ = false;
  bytes_at_begin_ = BytesReceivedLocked();
}

bool PooledConnection::FailedAsStaleKeepAlive() {
  std::lock_guard lock(mu_);
  // The kernel counts the server's FIN as one byte received.
  return began_on_kept_socket_ && !new_socket_since_begin_ && !aborted_ &&
         BytesReceivedLocked() <= bytes_at_begin_ + 1;
}

std::string PooledConnection::CertificateRejection() {
  const long result = client_.get_openssl_verify_result();
  // httplib checks the host name itself, after OpenSSL accepted the chain.
  if (result == X509_V_OK) return "the certificate is not valid for this host name";
  return X509_verify_cert_error_string(result);
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

ConnectionPool::ConnectionPool(Endpoint endpoint, ConnectionOptions options, std::size_t max_idle)
    : endpoint_(std::move(endpoint)), options_(std::move(options)), max_idle_(max_idle) {}

std::unique_ptr<PooledConnection> ConnectionPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());  // most recently used: likeliest still alive
      idle_.pop_back();
      return c;
    }
  }
  return NewConnection();
}

std::unique_ptr<PooledConnection> ConnectionPool::NewConnection() {
  return std::make_unique<PooledConnection>(endpoint_, options_);
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
