#include "transport/stdout_channel.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace transport {
namespace {

std::unexpected<std::string> SystemError(const char* what) {
  return std::unexpected(std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

std::expected<StdoutChannel, std::string> StdoutChannel::TakeOver() {
  std::fflush(stdout);  // nothing should be buffered, but never lose it into the wrong fd
  const int saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (saved < 0) return SystemError("duplicating stdout");
  if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    close(saved);
    return SystemError("redirecting stdout to stderr");
  }
  return StdoutChannel(saved);
}

StdoutChannel::~StdoutChannel() {
  // Kept open for the process's life on purpose by Serve (the client keeps
  // reading and discarding); closed only if the channel is destroyed.
  if (fd_ >= 0) close(fd_);
}

std::expected<void, std::string> StdoutChannel::Write(std::string_view text) const {
  while (!text.empty()) {
    const ssize_t n = write(fd_, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return SystemError("writing to stdout");
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

}  // namespace transport
