// Launches a plugin binary the way go-plugin does (environment, stdout pipe)
// and watches it: first stdout line, exit status, captured stderr.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace transport_test {

struct LaunchOptions {
  std::map<std::string, std::string> env;  // added to the environment
  bool with_cookie = true;
  // Start the plugin as a grandchild through an intermediate process that the
  // test can kill, to test the parent's death. Needs the test to be a subreaper.
  bool via_intermediate = false;
};

class PluginChild {
 public:
  PluginChild(const std::string& binary, const LaunchOptions& options);
  PluginChild(const PluginChild&) = delete;
  PluginChild& operator=(const PluginChild&) = delete;
  ~PluginChild();  // SIGKILLs and reaps whatever is still running

  pid_t pid() const { return pid_; }
  pid_t intermediate_pid() const { return intermediate_; }

  // The first stdout line (without '\n'), or nullopt on EOF/timeout.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Everything left on stdout until EOF (the plugin must have exited).
  std::string ReadRestOfStdout(std::chrono::milliseconds timeout);
  // The exit status (waitpid status) if the plugin exits within `timeout`.
  std::optional<int> WaitExit(std::chrono::milliseconds timeout);
  std::string Stderr() const;
  void Signal(int signal) const;
  void KillIntermediate();

 private:
  pid_t pid_ = -1;
  pid_t intermediate_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;  // a temporary file: never fills up like a pipe
  std::string buffer_;
  bool exited_ = false;
};

// Makes this process the reaper of its orphaned descendants (for via_intermediate).
void BecomeSubreaper();

}  // namespace transport_test
