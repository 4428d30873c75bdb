// A child process started with fork/execve, whose stdout and stderr are
// pipes drained by background threads (so the child never blocks on a full
// pipe). Killed and reaped on destruction.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace harness {

// The environment as a name -> value map; Environment::Current() starts from ours.
using Environment = std::map<std::string, std::string>;
Environment CurrentEnvironment();

struct ExitStatus {
  bool exited = false;    // normal exit (code valid)
  int code = -1;          // exit code when exited
  int signal = 0;         // terminating signal otherwise
};

class ChildProcess {
 public:
  // Starts `argv[0]` (a path) with `argv` and exactly `env`. On failure to
  // start, error() explains why and pid() is -1.
  ChildProcess(std::vector<std::string> argv, const Environment& env);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& error() const { return error_; }

  // The first stdout line (without its '\n'), waiting up to `timeout`.
  // nullopt when the line did not arrive in time or stdout closed first.
  std::optional<std::string> FirstStdoutLine(std::chrono::milliseconds timeout);
  // Everything read from stdout / stderr so far.
  std::string StdoutSoFar();
  std::string StderrSoFar();
  // Waits until stdout and stderr are closed (the child exited) or timeout.
  bool WaitForOutputClosed(std::chrono::milliseconds timeout);

  // Waits up to `timeout` for the child to exit; nullopt if it is still running.
  std::optional<ExitStatus> WaitExit(std::chrono::milliseconds timeout);
  // Sends a signal (no-op once reaped).
  void Signal(int sig);
  // SIGKILL and reap (idempotent).
  void Kill();

 private:
  void Drain(int fd, std::string* sink, bool* closed);

  pid_t pid_ = -1;
  std::string error_;
  std::optional<ExitStatus> status_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string out_, err_;
  bool out_closed_ = false, err_closed_ = false;
  std::thread out_reader_, err_reader_;
};

}  // namespace harness
