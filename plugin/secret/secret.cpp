#include "secret/secret.h"

#include <openssl/crypto.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <new>

namespace secret {
namespace {

std::atomic<testing::UnmapObserver> g_unmap_observer{nullptr};

std::size_t PageSize() {
  static const std::size_t size = [] {
    const long page = sysconf(_SC_PAGESIZE);
    return page > 0 ? static_cast<std::size_t>(page) : std::size_t{4096};
  }();
  return size;
}

std::size_t RoundUpToPages(std::size_t n) {
  const std::size_t page = PageSize();
  return (n + page - 1) / page * page;
}

}  // namespace

// One secret's mapping. Every live Region is on an intrusive list so that
// WipeAll() can reach it without owning it. A plain mutex-guarded list is the
// simplest correct choice: regions come and go a handful of times per process
// (one per ConfigureProvider, one TLS key), and WipeAll runs on an ordinary
// thread, never in a signal handler.
class Region {
 public:
  explicit Region(std::string_view bytes) : capacity_(RoundUpToPages(bytes.size())) {
    void* p = mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<unsigned char*>(p);
    // Before the bytes arrive: a core dump taken at any later moment skips them.
    madvise(data_, capacity_, MADV_DONTDUMP);
    // Keeps them out of swap; RLIMIT_MEMLOCK may forbid it, and that is fine.
    mlock(data_, capacity_);
    std::memcpy(data_, bytes.data(), bytes.size());
    size_.store(bytes.size(), std::memory_order_release);
    Link();
  }
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;

  ~Region() {
    Unlink();
    Wipe();
    if (auto observer = g_unmap_observer.load()) observer(data_, capacity_);
    munlock(data_, capacity_);
    munmap(data_, capacity_);
  }

  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_), size_.load(std::memory_order_acquire)};
  }

  // Readers see an empty view first, then the zeroed bytes.
  void Wipe() {
    const std::size_t n = size_.exchange(0, std::memory_order_acq_rel);
    if (n > 0) OPENSSL_cleanse(data_, n);
  }

  static void WipeAllLive() {
    std::lock_guard lock(Mutex());
    for (Region* r = Head(); r != nullptr; r = r->next_) r->Wipe();
  }

 private:
  // Never destroyed: WipeAll may run from the exit watchdog while static
  // destructors are running on the main thread.
  static std::mutex& Mutex() {
    static auto* mu = new std::mutex;
    return *mu;
  }
  static Region*& Head() {
    static Region* head = nullptr;
    return head;
  }

  void Link() {
    std::lock_guard lock(Mutex());
    next_ = Head();
    if (next_ != nullptr) next_->prev_ = this;
    Head() = this;
  }

  void Unlink() {
    std::lock_guard lock(Mutex());
    if (prev_ != nullptr) prev_->next_ = next_;
    else Head() = next_;
    if (next_ != nullptr) next_->prev_ = prev_;
    prev_ = next_ = nullptr;
  }

  unsigned char* data_ = nullptr;
  const std::size_t capacity_;
  std::atomic<std::size_t> size_{0};
  Region* prev_ = nullptr;  // guarded by Mutex()
  Region* next_ = nullptr;  // guarded by Mutex()
};

Secret::Secret(std::string_view bytes) {
  if (!bytes.empty()) region_ = std::make_shared<Region>(bytes);
}

Secret::Secret(std::string&& bytes) : Secret(std::string_view(bytes)) { WipeString(bytes); }

std::string_view Secret::view() const { return region_ ? region_->view() : std::string_view(); }

void Secret::Wipe() const {
  if (region_) region_->Wipe();
}

bool operator==(const Secret& secret, std::string_view bytes) {
  const std::string_view mine = secret.view();
  if (mine.size() != bytes.size()) return false;
  return mine.empty() || CRYPTO_memcmp(mine.data(), bytes.data(), bytes.size()) == 0;
}

void WipeAll() { Region::WipeAllLive(); }

void WipeString(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

namespace testing {
void ObserveUnmap(UnmapObserver observer) { g_unmap_observer.store(observer); }
}  // namespace testing

}  // namespace secret
