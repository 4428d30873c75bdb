// secret::Secret: one shared, undumpable, wiped region per secret.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "secret/secret.h"

namespace {

// The VmFlags line of the /proc/self/smaps entry whose range holds `address`.
std::string VmFlagsOf(const void* address) {
  const auto target = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  REQUIRE(smaps.good());
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    char dash = 0;
    std::istringstream head(line);
    // Range lines look like "7f1c2a000000-7f1c2a001000 rw-p ..."; the rest are "Key: value".
    if (head >> std::hex >> start >> dash >> end && dash == '-' && line.find(':') > line.find(' ')) {
      inside = start <= target && target < end;
      continue;
    }
    if (inside && line.starts_with("VmFlags:")) return line;
  }
  return {};
}

bool HasFlag(const std::string& vm_flags, const std::string& flag) {
  std::istringstream words(vm_flags.substr(vm_flags.find(':') + 1));
  std::string word;
  while (words >> word) {
    if (word == flag) return true;
  }
  return false;
}

// What the unmap observer saw (the test binary runs test cases on one thread).
std::vector<unsigned char> g_seen;
std::size_t g_seen_count = 0;
void Record(const unsigned char* data, std::size_t length) {
  g_seen.assign(data, data + length);
  ++g_seen_count;
}

bool AllZero(const std::vector<unsigned char>& bytes) {
  for (unsigned char b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a secret's bytes are readable while it lives", "[secret]") {
  const std::string_view bytes("SK-0123456789abcdef\0with-nul", 28);  // any bytes, NUL included
  const secret::Secret s(bytes);
  CHECK(s.size() == 28);
  CHECK(s.view() == bytes);
  CHECK(s == bytes);
  CHECK_FALSE(s == "SK-0123456789abcdef");
  CHECK_FALSE(s.empty());
  CHECK(s.view().data() != bytes.data());  // a copy in the secret's own region
}

TEST_CASE("an empty secret maps nothing", "[secret]") {
  const secret::Secret none;
  const secret::Secret blank{std::string_view()};
  CHECK(none.empty());
  CHECK(blank.empty());
  CHECK(none.view().data() == nullptr);
  CHECK(blank.view().data() == nullptr);
  CHECK(none == "");
  none.Wipe();  // harmless
}

TEST_CASE("the region is page-aligned and excluded from core dumps", "[secret]") {
  const secret::Secret s(std::string(5000, 'k'));  // more than one page
  const auto address = reinterpret_cast<std::uintptr_t>(s.view().data());
  CHECK(address % 4096 == 0);
  const std::string flags = VmFlagsOf(s.view().data());
  INFO(flags);
  REQUIRE_FALSE(flags.empty());
  CHECK(HasFlag(flags, "dd"));
  // The second page is the same mapping, so it is excluded too.
  CHECK(HasFlag(VmFlagsOf(s.view().data() + 4999), "dd"));
}

TEST_CASE("copies share one region instead of copying the bytes", "[secret]") {
  const secret::Secret a("AK-shared-secret");
  const secret::Secret b = a;
  secret::Secret c;
  c = b;
  CHECK(a.view().data() == b.view().data());
  CHECK(a.view().data() == c.view().data());
  CHECK(a.SharesRegionWith(c));
  CHECK_FALSE(a.SharesRegionWith(secret::Secret("AK-shared-secret")));
  secret::Secret d = std::move(c);
  CHECK(c.empty());  // NOLINT(bugprone-use-after-move): moved-from is documented empty
  CHECK(d.view().data() == a.view().data());
}

TEST_CASE("Wipe zeroes the region for every copy", "[secret]") {
  const secret::Secret a("SK-to-be-wiped");
  const secret::Secret b = a;
  const char* bytes = a.view().data();
  const std::size_t n = a.size();
  a.Wipe();
  CHECK(a.empty());
  CHECK(b.empty());
  CHECK(AllZero(std::vector<unsigned char>(bytes, bytes + n)));  // still mapped: b holds it
}

TEST_CASE("WipeAll zeroes every live secret", "[secret]") {
  const secret::Secret a("first-secret");
  const secret::Secret b(std::string(100, 'x'));
  const char* pa = a.view().data();
  const char* pb = b.view().data();
  const std::size_t na = a.size();
  secret::WipeAll();
  CHECK(a.empty());
  CHECK(b.empty());
  CHECK(AllZero(std::vector<unsigned char>(pa, pa + na)));
  CHECK(AllZero(std::vector<unsigned char>(pb, pb + 100)));
  // Secrets made afterwards work as before.
  const secret::Secret later("later");
  CHECK(later.view() == "later");
}

TEST_CASE("the last copy's destruction wipes the region before unmapping it", "[secret]") {
  g_seen.clear();
  g_seen_count = 0;
  secret::testing::ObserveUnmap(&Record);
  {
    secret::Secret a("SK-destroyed-0123456789");
    {
      const secret::Secret copy = a;
      CHECK(copy.view().data() == a.view().data());
    }
    CHECK(g_seen_count == 0);  // a copy going away does not unmap the shared region
    CHECK(a.view() == "SK-destroyed-0123456789");
  }
  secret::testing::ObserveUnmap(nullptr);
  REQUIRE(g_seen_count == 1);
  CHECK(g_seen.size() % 4096 == 0);
  CHECK(AllZero(g_seen));
}

TEST_CASE("wiping std::string buffers", "[secret]") {
  std::string s = "private key bytes";
  const char* data = s.data();
  const std::size_t n = s.size();
  secret::WipeString(s);
  CHECK(s.empty());
  CHECK(AllZero(std::vector<unsigned char>(data, data + n)));  // same buffer: clear() keeps it
}

TEST_CASE("many threads copy and read one secret safely", "[secret]") {
  const secret::Secret shared("SK-threads");
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&shared, &ok, t] {
      for (int i = 0; i < 1000; ++i) {
        const secret::Secret copy = shared;
        ok[t] += copy.view() == "SK-threads" ? 1 : 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int count : ok) CHECK(count == 1000);
}
