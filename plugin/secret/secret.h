// A secret (the JD Cloud secret key, the TLS private key) kept in one place.
//
// The bytes live in their own page-aligned anonymous mapping that is excluded
// from core dumps (MADV_DONTDUMP) and locked in RAM when the limit allows
// (mlock, so it is never swapped out; failure is ignored). Copies of a Secret
// share that one region instead of copying the bytes: handing a config to the
// client and the signer costs no extra copy. The region is wiped with
// OPENSSL_cleanse when the last copy goes, and WipeAll() wipes every live
// region at once for the process's exit paths, where destructors may not run
// (std::_Exit) or may run late.
//
// What this does not cover: copies made before the bytes reach a Secret or
// after they leave it — the process environment, gRPC/protobuf receive
// buffers, cty values decoded from a request, gRPC's own copy of the TLS key,
// OpenSSL's HMAC context. Those are transient and outside our control; we do
// not chase them (see plugin/secret/README.md).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace secret {

class Region;

class Secret {
 public:
  // Empty: holds nothing and maps nothing.
  Secret() = default;
  // Copies `bytes` into a fresh region (none when empty). Throws
  // std::bad_alloc if the kernel refuses the mapping, as operator new would.
  // Implicit, like std::string's, so that tests and the API double can write
  // Credentials{"AK", "SK"}; production code builds each secret once, from
  // the decoded value, and shares it from then on.
  Secret(std::string_view bytes);  // NOLINT(google-explicit-constructor)
  Secret(const char* bytes) : Secret(bytes ? std::string_view(bytes) : std::string_view()) {}  // NOLINT(google-explicit-constructor)
  Secret(const std::string& bytes) : Secret(std::string_view(bytes)) {}  // NOLINT(google-explicit-constructor)
  // Also wipes `bytes`: a std::string handed over by move leaves no copy behind.
  Secret(std::string&& bytes);  // NOLINT(google-explicit-constructor)

  // Copies share the region (cheap, thread-safe); a moved-from Secret is empty.
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;
  Secret(Secret&&) noexcept = default;
  Secret& operator=(Secret&&) noexcept = default;
  ~Secret() = default;

  // The bytes, read in place. Valid while any copy of this Secret lives;
  // empty once wiped. Never log or print them.
  std::string_view view() const;
  bool empty() const { return view().empty(); }
  std::size_t size() const { return view().size(); }

  // Zeroes the shared region now, for every copy (they all read empty after).
  void Wipe() const;

  // True when both are copies of one region (or both empty), i.e. no bytes
  // were duplicated between them.
  bool SharesRegionWith(const Secret& other) const { return region_ == other.region_; }

 private:
  std::shared_ptr<Region> region_;
};

// Constant-time for equal lengths (CRYPTO_memcmp): mostly for tests.
bool operator==(const Secret& secret, std::string_view bytes);

// Wipes every live Secret in the process. For exit paths only: afterwards
// every Secret reads empty. Thread-safe; not async-signal-safe (it takes a
// mutex), which is fine because the provider reads its signals from a
// signalfd on an ordinary thread (transport/lifecycle.h).
void WipeAll();

// Wipes a std::string that had to hold a secret (e.g. inside gRPC's options).
void WipeString(std::string& s);

namespace testing {
// Called with a region's whole mapping just before it is unmapped (after the
// wipe), so that tests can check the bytes really were zeroed. Null to stop.
using UnmapObserver = void (*)(const unsigned char* data, std::size_t length);
void ObserveUnmap(UnmapObserver observer);
}  // namespace testing

}  // namespace secret
