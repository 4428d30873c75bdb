// SPEC "AutoMTLS: a fresh server certificate per process" and the issue's
// security checks, on the real binary: the server certificate and key never
// touch disk, and the secrets the provider holds are kept out of core dumps.
//
// The provider is started with its working directory, TMPDIR and HOME set to
// fresh empty directories, completes the handshake, GetProviderSchema,
// ConfigureProvider and a read against the API double, and is then inspected
// through /proc while it still runs; a second run stops it at its exit
// (ptrace) to check that the secret key's page is wiped or gone. (Refusing
// foreign, missing or plaintext client certificates is mtls_test.cpp; secrets
// absent from stderr at trace level is read_errors_test.cpp; a fresh
// certificate per process is handshake_test.cpp.)
#include <fcntl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "read_support.h"

using namespace harness;
namespace fs = std::filesystem;

namespace {

// A fresh empty directory, removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    std::string pattern = (fs::temp_directory_path() / ("jd-security-" + tag + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Every entry, recursively: what the provider left behind.
  std::vector<std::string> Entries() const {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(path_, ec)) found.push_back(e.path().string());
    return found;
  }

 private:
  std::string path_;
};

struct OpenFd {
  std::string fd;
  std::string target;  // readlink of /proc/<pid>/fd/<fd>
  mode_t mode = 0;     // stat of the target (0 when it could not be stat'ed)
  dev_t dev = 0;
  ino_t ino = 0;
};

std::vector<OpenFd> OpenFds(const std::string& pid) {
  std::vector<OpenFd> fds;
  const fs::path dir = "/proc/" + pid + "/fd";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    OpenFd fd{e.path().filename().string(), fs::read_symlink(e.path(), ec).string()};
    struct stat st {};
    if (stat(e.path().c_str(), &st) == 0) {
      fd.mode = st.st_mode;
      fd.dev = st.st_dev;
      fd.ino = st.st_ino;
    }
    fds.push_back(std::move(fd));
  }
  return fds;
}

// Descriptors above stderr that this test process would pass on to a child
// (no FD_CLOEXEC): whatever started the test (a shell, ctest, CI) may leave
// some open, and the harness's fork/exec passes them through, where
// Terraform's os/exec would pass only 0-2. They are not the provider's doing.
std::vector<OpenFd> InheritableFds() {
  std::vector<OpenFd> inheritable;
  for (auto& fd : OpenFds("self")) {
    const int n = std::atoi(fd.fd.c_str());
    const int flags = fcntl(n, F_GETFD);
    if (n > 2 && flags >= 0 && (flags & FD_CLOEXEC) == 0) inheritable.push_back(std::move(fd));
  }
  return inheritable;
}

bool IsInherited(const OpenFd& fd, const std::vector<OpenFd>& inheritable) {
  for (const auto& i : inheritable) {
    if (i.fd == fd.fd && i.dev == fd.dev && i.ino == fd.ino) return true;
  }
  return false;
}

// Why each kind of descriptor may be open in the provider, and nothing else:
// - pipes: stdout and stderr, which the harness (like Terraform) hands over;
//   the stdout channel keeps the original stdout open (transport/stdout_channel.h);
// - sockets: the gRPC listener and connections, HTTP connections to the double;
// - anonymous inodes: the lifecycle's signalfd and eventfd, gRPC's epoll and eventfds;
// - /dev/null: stdin as the harness (and Terraform) gives it; also what a
//   cancelled HTTP connection's socket is swapped for (jdcloud/connection_pool.cpp).
// The binary and its shared libraries are mapped, not held open, so a path
// here other than /dev/null would be a file the provider itself opened.
std::string Disallowed(const OpenFd& fd) {
  if (fd.target.starts_with("pipe:[") && S_ISFIFO(fd.mode)) return {};
  if (fd.target.starts_with("socket:[") && S_ISSOCK(fd.mode)) return {};
  if (fd.target.starts_with("anon_inode:") && !S_ISREG(fd.mode) && !S_ISDIR(fd.mode)) return {};
  if (fd.target == "/dev/null" && S_ISCHR(fd.mode)) return {};
  return "fd " + fd.fd + " -> " + fd.target;
}

struct Mapping {
  std::string range;  // "start-end"
  std::string perms;
  std::string path;   // empty for anonymous memory
  long size_kb = 0;
  std::set<std::string> flags;  // VmFlags
};

std::vector<Mapping> Mappings(pid_t pid) {
  std::vector<Mapping> maps;
  std::ifstream smaps("/proc/" + std::to_string(pid) + "/smaps");
  std::string line;
  while (std::getline(smaps, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first.empty()) continue;
    if (first.back() != ':') {  // "start-end perms offset dev inode [path]"
      Mapping m;
      m.range = first;
      std::string offset, device, inode;
      words >> m.perms >> offset >> device >> inode;
      std::getline(words >> std::ws, m.path);
      maps.push_back(std::move(m));
    } else if (!maps.empty() && first == "Size:") {
      words >> maps.back().size_kb;
    } else if (!maps.empty() && first == "VmFlags:") {
      for (std::string flag; words >> flag;) maps.back().flags.insert(flag);
    }
  }
  return maps;
}

std::set<std::string> DontDumpRanges(const std::vector<Mapping>& maps) {
  std::set<std::string> ranges;
  for (const auto& m : maps) {
    if (m.flags.contains("dd")) ranges.insert(m.range);
  }
  return ranges;
}

// File-backed mappings must be program images: the provider itself or a
// shared library (or locale data) from the system. Anything else mapped from
// a path would be a file the provider created or opened.
bool IsProgramImage(const Mapping& m, const std::string& binary) {
  if (m.path.empty() || m.path.starts_with("[")) return true;  // anonymous, [heap], [stack], [vdso]...
  const std::string& path = m.path;
  std::error_code ec;
  return path == binary || fs::equivalent(path, binary, ec) || path.starts_with("/usr/") ||
         path.starts_with("/lib/") || path.starts_with("/lib64/");
}

// Reads `n` bytes at `address` of a traced process; fewer (or none) when unmapped.
std::string ReadMemory(int mem_fd, std::uintptr_t address, std::size_t n) {
  std::string bytes(n, '\0');
  const ssize_t got = pread(mem_fd, bytes.data(), n, static_cast<off_t>(address));
  bytes.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return bytes;
}

std::uintptr_t StartOf(const Mapping& m) { return std::stoull(m.range.substr(0, m.range.find('-')), nullptr, 16); }

// The dd mappings that were not there `before` and that start with `key`:
// where the process keeps that secret. (A sanitizer's allocator may add dd
// mappings of its own; they do not start with the key.)
std::vector<Mapping> NewMappingsHoldingKey(pid_t pid, int mem_fd, const std::set<std::string>& before,
                                           const std::string& key) {
  std::vector<Mapping> holding;
  for (const auto& m : Mappings(pid)) {
    if (!m.flags.contains("dd") || before.contains(m.range)) continue;
    if (ReadMemory(mem_fd, StartOf(m), key.size()) == key) holding.push_back(m);
  }
  return holding;
}

int OpenMemory(pid_t pid) { return open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC); }

// Waits for the traced process's exit stop (PTRACE_EVENT_EXIT: the memory is
// still there), passing on any signal stop meanwhile. False if it vanished.
bool WaitForExitStop(pid_t pid) {
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, __WALL) != pid) {
      if (errno == EINTR) continue;
      return false;
    }
    if (!WIFSTOPPED(status)) return false;
    if ((status >> 8) == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) return true;
    ptrace(PTRACE_CONT, pid, nullptr, WSTOPSIG(status));
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += s + "\n";
  return out;
}

}  // namespace

TEST_CASE("the TLS identity and the secrets never touch disk, and secrets are undumpable", "[security]") {
  TempDir work("cwd"), tmp("tmp"), home("home");
  REQUIRE_FALSE(work.path().empty());
  REQUIRE_FALSE(tmp.path().empty());
  REQUIRE_FALSE(home.path().empty());

  ReadRig rig;
  rig.api = std::make_unique<ApiDoubleProcess>();
  INFO(rig.api->error());
  REQUIRE(rig.api->error().empty());

  // The harness starts programs in our working directory; env -C execs the
  // provider (same pid) from the empty one instead.
  auto options = DefaultOptions("5,6");
  const std::string binary = fs::canonical(options.binary).string();
  options.args = {"-C", work.path(), binary};
  options.binary = "/usr/bin/env";
  options.extra_env = DoubleCredentials();
  options.extra_env["TMPDIR"] = tmp.path();
  options.extra_env["HOME"] = home.path();
  options.extra_env["TF_LOG"] = "trace";
  const std::vector<OpenFd> inheritable = InheritableFds();
  rig.plugin = Launch(options);
  REQUIRE(rig.plugin.process->Handshake()->cert_der.has_value());  // AutoMTLS is on
  const pid_t pid = rig.plugin.process->process().pid();
  CHECK(fs::equivalent(fs::read_symlink("/proc/" + std::to_string(pid) + "/cwd"), work.path()));
  CHECK(fs::equivalent(fs::read_symlink("/proc/" + std::to_string(pid) + "/exe"), binary));

  auto schema = rig.plugin.client->GetSchema();
  REQUIRE(schema.ok());
  rig.provider_type = *rig.plugin.client->ProviderConfigType();
  rig.image_type = *rig.plugin.client->DataSourceType("jdcloud_image");

  // No secret is alive yet: the TLS key was wiped and unmapped once gRPC had it.
  const std::set<std::string> dd_before = DontDumpRanges(Mappings(pid));

  REQUIRE(rig.Configure().diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));

  SECTION("no file was created in the working directory, TMPDIR or HOME") {
    CHECK(Join(work.Entries()) == "");
    CHECK(Join(tmp.Entries()) == "");
    CHECK(Join(home.Entries()) == "");
  }

  SECTION("no descriptor refers to a file") {
    const auto fds = OpenFds(std::to_string(pid));
    REQUIRE(fds.size() >= 3);
    std::vector<std::string> all, bad;
    for (const auto& fd : fds) {
      if (IsInherited(fd, inheritable)) {
        all.push_back(fd.fd + " -> " + fd.target + " (inherited from the test's own parent)");
        continue;
      }
      all.push_back(fd.fd + " -> " + fd.target);
      if (auto why = Disallowed(fd); !why.empty()) bad.push_back(why);
    }
    INFO("open descriptors:\n" << Join(all));
    CHECK(Join(bad) == "");
  }

  SECTION("nothing but program images is mapped from a file") {
    std::vector<std::string> bad;
    for (const auto& m : Mappings(pid)) {
      if (!IsProgramImage(m, binary)) bad.push_back(m.range + " " + m.path);
    }
    CHECK(Join(bad) == "");
  }

  SECTION("the configured secret key sits in a new undumpable page of its own") {
    const int mem = OpenMemory(pid);  // same user, dumpable: readable without attaching
    REQUIRE(mem >= 0);
    const auto holding = NewMappingsHoldingKey(pid, mem, dd_before, kDoubleSecretKey);
    close(mem);
    std::vector<std::string> fresh;
    for (const auto& m : Mappings(pid)) {
      if (m.flags.contains("dd") && !dd_before.contains(m.range)) fresh.push_back(m.range + " " + m.perms);
    }
    INFO("new dd mappings:\n" << Join(fresh));
    // One region however many copies exist (config, client, signer): they share it.
    REQUIRE(holding.size() == 1);
    CHECK(holding[0].path.empty());             // anonymous memory
    CHECK(holding[0].perms.starts_with("rw"));  // private read-write, no exec
    CHECK(holding[0].size_kb <= 64);            // one short key: a page or so, not a heap
  }

  SECTION("the TLS private key never reaches stderr, even at trace level") {
    ShutdownCleanly(rig.plugin);
    const std::string err = rig.plugin.process->Stderr();
    CHECK_FALSE(err.empty());
    CHECK(err.find("PRIVATE KEY") == std::string::npos);
  }
  rig.plugin.process->process().Kill();
}

TEST_CASE("the descriptor and mapping checks do flag files", "[security]") {
  // The checks above pass on an empty list; make sure they would see a file.
  TempDir dir("self");
  REQUIRE_FALSE(dir.path().empty());
  const std::string path = dir.path() + "/key.pem";
  std::ofstream(path) << "not a key";
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  bool flagged = false;
  for (const auto& open_fd : OpenFds("self")) {
    if (open_fd.fd == std::to_string(fd)) flagged = Disallowed(open_fd).find(path) != std::string::npos;
  }
  close(fd);
  CHECK(flagged);
  CHECK(Join(dir.Entries()).find("key.pem") != std::string::npos);
  CHECK_FALSE(IsProgramImage(Mapping{"0-1", "r--p", path, 4, {}}, "/nonexistent/provider"));
  CHECK(IsProgramImage(Mapping{"0-1", "rw-p", "", 4, {"dd"}}, "/nonexistent/provider"));
}

TEST_CASE("the secret key is wiped or unmapped by the time the provider exits", "[security]") {
  // Stops the provider at its exit (ptrace, PTRACE_EVENT_EXIT: after every
  // destructor and exit handler, before the kernel drops its memory) and
  // reads the page that held the secret key.
  Environment env = DoubleCredentials();
  // LeakSanitizer refuses to run under ptrace and exits 1; leaks are the
  // other tests' business. (Ignored by builds without ASan.)
  const char* asan = std::getenv("ASAN_OPTIONS");
  env["ASAN_OPTIONS"] = std::string(asan != nullptr ? asan : "") + ":detect_leaks=0";
  auto rig = StartRig("6", env);
  const pid_t pid = rig.plugin.process->process().pid();
  const std::set<std::string> dd_before = DontDumpRanges(Mappings(pid));
  REQUIRE(rig.Configure().diagnostics.empty());
  CheckReadMatchesFixture(rig, RequireFixture("img-m5s0f7ss4c"));
  const long seized = ptrace(PTRACE_SEIZE, pid, nullptr, PTRACE_O_TRACEEXIT);
  INFO("ptrace: " << std::strerror(errno));
  REQUIRE(seized == 0);
  const int mem = OpenMemory(pid);
  REQUIRE(mem >= 0);
  const std::string key = kDoubleSecretKey;
  const auto holding = NewMappingsHoldingKey(pid, mem, dd_before, key);  // where the key lives while serving
  if (holding.size() != 1) {
    close(mem);
    ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
  }
  REQUIRE(holding.size() == 1);
  const std::uintptr_t region = StartOf(holding[0]);

  CHECK(ShutdownPlugin(rig.plugin.channel).ok());
  const bool stopped = WaitForExitStop(pid);
  const std::string at_exit = stopped ? ReadMemory(mem, region, 4096) : std::string();
  close(mem);
  if (stopped) ptrace(PTRACE_DETACH, pid, nullptr, nullptr);
  CHECK(stopped);
  // Unmapped (nothing to read), zeroed, or by now reused for something else
  // (a sanitizer's exit-time work maps memory too): the key is not there.
  CHECK(at_exit.find(key) == std::string::npos);
  CHECK(at_exit.find(key.substr(0, 12)) == std::string::npos);  // nor a leftover of it
  auto exit = rig.plugin.process->process().WaitExit(std::chrono::seconds(5));
  REQUIRE(exit.has_value());
  CHECK(exit->exited);
  CHECK(exit->code == 0);
}

namespace {

// Whether an unprivileged process (uid 65534) may read /proc/PID/environ of
// `pid`, which runs as that same user: it may unless `pid` is not dumpable.
bool NobodyCanRead(pid_t pid) {
  const pid_t child = fork();
  if (child == 0) {
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) _exit(2);
    const int fd = open(("/proc/" + std::to_string(pid) + "/environ").c_str(), O_RDONLY | O_CLOEXEC);
    _exit(fd >= 0 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("the provider is not dumpable: no core dump, no ptrace or /proc/PID/mem by the same user", "[security]") {
  if (geteuid() != 0 || !fs::exists("/usr/bin/setpriv")) {
    WARN("skipped: needs root and setpriv to run processes as nobody");
    return;
  }
  const std::vector<std::string> as_nobody = {"--reuid=65534", "--regid=65534", "--clear-groups"};

  // The check itself: an ordinary process of the same user is readable.
  std::vector<std::string> sleep_argv = {"/usr/bin/setpriv"};
  sleep_argv.insert(sleep_argv.end(), as_nobody.begin(), as_nobody.end());
  sleep_argv.insert(sleep_argv.end(), {"/bin/sleep", "30"});
  ChildProcess sleeper(sleep_argv, CleanEnvironment());
  REQUIRE(sleeper.pid() > 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // setpriv has exec'd
  CHECK(NobodyCanRead(sleeper.pid()));

  auto options = DefaultOptions("6");
  options.args = as_nobody;
  options.args.push_back(options.binary);
  options.binary = "/usr/bin/setpriv";
  PluginProcess plugin(options);
  REQUIRE(plugin.Handshake().has_value());
  CHECK_FALSE(NobodyCanRead(plugin.process().pid()));
}
