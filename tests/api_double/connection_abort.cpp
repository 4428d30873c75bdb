#include "connection_abort.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace api_double {
namespace {

int PortOf(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(addr).sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(addr).sin6_port);
  return -1;
}

bool Matches(int fd, int local_port, std::optional<int> remote_port) {
  sockaddr_storage local{}, peer{};
  socklen_t local_len = sizeof local, peer_len = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) return false;
  // A listening socket has no peer, so it never matches.
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return false;
  return PortOf(local) == local_port && (!remote_port || PortOf(peer) == *remote_port);
}

template <typename Visit>
void ForEachConnection(int local_port, std::optional<int> remote_port, Visit visit) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const std::string name = entry.path().filename().string();
    char* end = nullptr;
    const long fd = std::strtol(name.c_str(), &end, 10);
    if (end == name.c_str() || *end != '\0') continue;
    if (Matches(static_cast<int>(fd), local_port, remote_port)) visit(static_cast<int>(fd));
  }
}

}  // namespace

int ShutdownConnections(int local_port, std::optional<int> remote_port, int how) {
  int count = 0;
  ForEachConnection(local_port, remote_port, [&](int fd) {
    if (::shutdown(fd, how) == 0) ++count;
  });
  return count;
}

bool SendRaw(int local_port, int remote_port, std::string_view bytes) {
  bool sent = false;
  ForEachConnection(local_port, remote_port, [&](int fd) {
    sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  });
  return sent;
}

bool PeerHasClosed(int local_port, int remote_port) {
  bool found = false, closed = false;
  ForEachConnection(local_port, remote_port, [&](int fd) {
    found = true;
    char byte;
    // 0 = orderly EOF; an error other than "nothing yet" = reset.
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) closed = true;
  });
  return !found || closed;
}

}  // namespace api_double
