#include "plugin_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace transport_test {
namespace {

using Clock = std::chrono::steady_clock;

bool IsPluginVariable(std::string_view entry) {
  return entry.starts_with("TF_PLUGIN_MAGIC_COOKIE=") || entry.starts_with("PLUGIN_") ||
         entry.starts_with("TRANSPORT_TEST_") || entry.starts_with("TF_LOG");
}

std::vector<std::string> BuildEnvironment(const LaunchOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!IsPluginVariable(*e)) env.emplace_back(*e);
  }
  if (options.with_cookie) {
    env.emplace_back(
        "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2");
  }
  for (const auto& [key, value] : options.env) env.push_back(key + "=" + value);
  return env;
}

}  // namespace

void BecomeSubreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

PluginChild::PluginChild(const std::string& binary, const LaunchOptions& options) {
  // Everything exec needs is prepared before fork: the child may only make
  // async-signal-safe calls (this test process has gRPC threads).
  std::vector<std::string> env_strings = BuildEnvironment(options);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string path = binary;
  char* argv[] = {path.data(), nullptr};

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  char err_template[] = "/tmp/plugin-stderr-XXXXXX";
  stderr_fd_ = mkostemp(err_template, O_CLOEXEC);
  if (stderr_fd_ < 0) throw std::runtime_error("mkostemp");
  unlink(err_template);
  int pid_pipe[2];
  if (pipe2(pid_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe");

  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork");
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(stderr_fd_, STDERR_FILENO);
    if (options.via_intermediate) {
      const pid_t grandchild = fork();
      if (grandchild == 0) {
        execve(path.c_str(), argv, envp.data());
        _exit(127);
      }
      (void)!write(pid_pipe[1], &grandchild, sizeof grandchild);
      while (true) pause();  // until the test kills us
    }
    execve(path.c_str(), argv, envp.data());
    _exit(127);
  }
  close(out[1]);
  stdout_fd_ = out[0];
  close(pid_pipe[1]);
  if (options.via_intermediate) {
    intermediate_ = child;
    if (read(pid_pipe[0], &pid_, sizeof pid_) != sizeof pid_) pid_ = -1;
  } else {
    pid_ = child;
  }
  close(pid_pipe[0]);
}

PluginChild::~PluginChild() {
  KillIntermediate();  // first, so that a grandchild is re-parented to us and can be reaped
  if (pid_ > 0 && !exited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  if (stderr_fd_ >= 0) close(stderr_fd_);
}

void PluginChild::KillIntermediate() {
  if (intermediate_ <= 0) return;
  kill(intermediate_, SIGKILL);
  waitpid(intermediate_, nullptr, 0);
  intermediate_ = -1;
}

std::optional<std::string> PluginChild::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    buffer_.append(buf, static_cast<size_t>(n));
  }
}

std::string PluginChild::ReadRestOfStdout(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) break;
    buffer_.append(buf, static_cast<size_t>(n));
  }
  std::string rest = std::move(buffer_);
  buffer_.clear();
  return rest;
}

std::optional<int> PluginChild::WaitExit(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      return status;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string PluginChild::Stderr() const {
  std::string text;
  char buf[4096];
  off_t offset = 0;
  ssize_t n;
  while ((n = pread(stderr_fd_, buf, sizeof buf, offset)) > 0) {
    text.append(buf, static_cast<size_t>(n));
    offset += n;
  }
  return text;
}

void PluginChild::Signal(int signal) const { kill(pid_, signal); }

}  // namespace transport_test
