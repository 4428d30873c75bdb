#include "child_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <spawn.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace harness {

Environment CurrentEnvironment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

namespace {

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

ExitStatus Decode(int wstatus) {
  ExitStatus st;
  if (WIFEXITED(wstatus)) {
    st.exited = true;
    st.code = WEXITSTATUS(wstatus);
  } else if (WIFSIGNALED(wstatus)) {
    st.signal = WTERMSIG(wstatus);
  }
  return st;
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, const Environment& env) {
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  auto c_argv = CStrings(argv);
  auto c_env = CStrings(env_strings);

  int out[2], err[2];
  // O_CLOEXEC: other children started concurrently must not inherit our pipe
  // ends, or EOF would never arrive (dup2 onto 1 and 2 clears the flag there).
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    error_ = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  // posix_spawn (vfork semantics), as Go's os/exec starts Terraform's plugins:
  // a fork() of this large multi-threaded process would copy its page tables
  // and add that time to every start-up measured from here. Exec failures
  // come back as its return value.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  const int rc = posix_spawn(&pid_, c_argv[0], &actions, nullptr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  close(err[1]);
  if (rc != 0) {
    pid_ = -1;
    error_ = "exec " + argv[0] + ": " + std::strerror(rc);
    close(out[0]);
    close(err[0]);
    return;
  }
  out_reader_ = std::thread([this, fd = out[0]] { Drain(fd, &out_, &out_closed_); });
  err_reader_ = std::thread([this, fd = err[0]] { Drain(fd, &err_, &err_closed_); });
}

ChildProcess::~ChildProcess() {
  Kill();
  if (out_reader_.joinable()) out_reader_.join();
  if (err_reader_.joinable()) err_reader_.join();
}

void ChildProcess::Drain(int fd, std::string* sink, bool* closed) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mu_);
    sink->append(buf, static_cast<size_t>(n));
    cv_.notify_all();
  }
  close(fd);
  std::lock_guard lock(mu_);
  *closed = true;
  cv_.notify_all();
}

std::optional<std::string> ChildProcess::FirstStdoutLine(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  bool ready = cv_.wait_for(lock, timeout, [&] {
    return out_.find('\n') != std::string::npos || out_closed_;
  });
  auto nl = out_.find('\n');
  if (!ready || nl == std::string::npos) return std::nullopt;
  return out_.substr(0, nl);
}

std::string ChildProcess::StdoutSoFar() {
  std::lock_guard lock(mu_);
  return out_;
}

std::string ChildProcess::StderrSoFar() {
  std::lock_guard lock(mu_);
  return err_;
}

bool ChildProcess::WaitForOutputClosed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return out_closed_ && err_closed_; });
}

std::optional<ExitStatus> ChildProcess::WaitExit(std::chrono::milliseconds timeout) {
  if (status_) return status_;
  if (pid_ <= 0) return std::nullopt;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int wstatus = 0;
    pid_t r = waitpid(pid_, &wstatus, WNOHANG);
    if (r == pid_) {
      status_ = Decode(wstatus);
      return status_;
    }
    if (r < 0 && errno != EINTR) return std::nullopt;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void ChildProcess::Signal(int sig) {
  if (pid_ > 0 && !status_) kill(pid_, sig);
}

void ChildProcess::Kill() {
  if (pid_ <= 0 || status_) return;
  kill(pid_, SIGKILL);
  int wstatus = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &wstatus, 0);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) status_ = Decode(wstatus);
}

}  // namespace harness
