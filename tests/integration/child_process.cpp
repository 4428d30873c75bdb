#include "child_process.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
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
  // Everything the child touches between fork and exec is prepared here:
  // only async-signal-safe calls are allowed there (the parent has threads).
  auto c_argv = CStrings(argv);
  auto c_env = CStrings(env_strings);

  int out[2], err[2], exec_err[2];
  // O_CLOEXEC: other children started concurrently must not inherit our pipe
  // ends, or EOF would never arrive.
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0 || pipe2(exec_err, O_CLOEXEC) != 0) {
    error_ = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);

  pid_ = fork();
  if (pid_ == 0) {
    if (devnull >= 0) dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    execve(c_argv[0], c_argv.data(), c_env.data());
    int e = errno;
    (void)!write(exec_err[1], &e, sizeof e);
    _exit(127);
  }
  if (devnull >= 0) close(devnull);
  close(out[1]);
  close(err[1]);
  close(exec_err[1]);
  if (pid_ < 0) {
    error_ = std::string("fork: ") + std::strerror(errno);
    close(out[0]);
    close(err[0]);
    close(exec_err[0]);
    return;
  }
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(exec_err[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(exec_err[0]);
  if (n == sizeof child_errno) {
    error_ = "exec " + argv[0] + ": " + std::strerror(child_errno);
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
