#include "transport/lifecycle.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>

namespace transport {
namespace {

std::unexpected<std::string> SystemError(const char* what) {
  return std::unexpected(std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

const char* StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::Requested: return "shutdown requested";
    case StopReason::Terminated: return "SIGTERM received";
    case StopReason::ParentDied: return "parent process exited";
    case StopReason::Interrupted: return "SIGINT received";
  }
  return "unknown";
}

std::expected<Lifecycle, std::string> Lifecycle::Install(bool watch_parent, bool stop_on_interrupt) {
  std::signal(SIGINT, stop_on_interrupt ? SIG_DFL : SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);
  // An inherited SIG_IGN would discard SIGTERM even while it is blocked.
  std::signal(SIGTERM, SIG_DFL);

  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  if (stop_on_interrupt) sigaddset(&term, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &term, nullptr) != 0) return SystemError("blocking SIGTERM");
  const int signal_fd = signalfd(-1, &term, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0) return SystemError("signalfd");
  const int event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (event_fd < 0) {
    close(signal_fd);
    return SystemError("eventfd");
  }

  const pid_t parent = getppid();
  bool parent_gone = false;
  if (watch_parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) {
      close(signal_fd);
      close(event_fd);
      return SystemError("prctl(PR_SET_PDEATHSIG)");
    }
    // Closes the race: a parent that died before prctl sends no signal, but we were re-parented.
    parent_gone = getppid() != parent;
  }
  return Lifecycle(signal_fd, event_fd, parent, parent_gone);
}

Lifecycle::Lifecycle(int signal_fd, int event_fd, pid_t parent, bool parent_gone)
    : signal_fd_(signal_fd), event_fd_(event_fd), parent_(parent), parent_gone_(parent_gone) {}

Lifecycle::Lifecycle(Lifecycle&& other) noexcept
    : signal_fd_(other.signal_fd_),
      event_fd_(other.event_fd_),
      parent_(other.parent_),
      parent_gone_(other.parent_gone_) {
  other.signal_fd_ = -1;
  other.event_fd_ = -1;
}

Lifecycle::~Lifecycle() {
  if (signal_fd_ >= 0) close(signal_fd_);
  if (event_fd_ >= 0) close(event_fd_);
}

void Lifecycle::RequestStop() const {
  const uint64_t one = 1;
  // Only fails when the counter would overflow, i.e. a stop is already pending.
  [[maybe_unused]] ssize_t n = write(event_fd_, &one, sizeof one);
}

StopReason Lifecycle::WaitForStop() const {
  if (parent_gone_) return StopReason::ParentDied;
  pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {event_fd_, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return StopReason::Terminated;  // cannot wait any more: stop rather than spin
    }
    if (fds[1].revents != 0) return StopReason::Requested;
    if (fds[0].revents != 0) {
      signalfd_siginfo info{};
      [[maybe_unused]] ssize_t n = read(signal_fd_, &info, sizeof info);
      if (info.ssi_signo == SIGINT) return StopReason::Interrupted;
      return getppid() != parent_ ? StopReason::ParentDied : StopReason::Terminated;
    }
  }
}

}  // namespace transport
