// The plugin process's life: what may end it and how we wait for that.
// - SIGINT is ignored: a terminal Ctrl-C reaches the whole process group, and
//   Terraform drives the stop itself through StopProvider (reference §11).
//   In debug/reattach mode a person started us from a shell, so Ctrl-C stops us.
// - SIGTERM, the parent's death (PR_SET_PDEATHSIG delivers SIGTERM) and
//   GRPCController/Shutdown (RequestStop) all mean "exit cleanly".
// - SIGPIPE is ignored so a closed stderr cannot kill us mid-call.
// SIGTERM is blocked and read from a signalfd, so Install() must run before
// any thread exists (threads inherit the mask).
#pragma once

#include <sys/types.h>

#include <expected>
#include <string>

namespace transport {

enum class StopReason { Requested, Terminated, ParentDied, Interrupted };

const char* StopReasonName(StopReason reason);

class Lifecycle {
 public:
  // `watch_parent`: die with the parent (off in debug/reattach mode, where a
  // person starts the provider from a shell). `stop_on_interrupt`: SIGINT
  // means "exit cleanly" instead of being ignored (debug mode only).
  static std::expected<Lifecycle, std::string> Install(bool watch_parent, bool stop_on_interrupt = false);

  Lifecycle(Lifecycle&& other) noexcept;
  Lifecycle& operator=(Lifecycle&&) = delete;
  Lifecycle(const Lifecycle&) = delete;
  ~Lifecycle();

  // Thread-safe and async-signal-safe; may be called any number of times.
  void RequestStop() const;

  // Blocks until a stop is requested, SIGTERM (or, when enabled, SIGINT)
  // arrives or the parent is gone.
  StopReason WaitForStop() const;

 private:
  Lifecycle(int signal_fd, int event_fd, pid_t parent, bool parent_gone);

  int signal_fd_ = -1;
  int event_fd_ = -1;
  pid_t parent_ = 0;
  bool parent_gone_ = false;  // the parent died before the death signal was armed
};

}  // namespace transport
