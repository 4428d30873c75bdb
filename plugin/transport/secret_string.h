// Key material held in memory only: a move-only string that is wiped with
// OPENSSL_cleanse when it is destroyed or overwritten, so a private key never
// lingers in freed heap memory.
#pragma once

#include <openssl/crypto.h>

#include <string>
#include <string_view>
#include <utility>

namespace transport {

class SecretString {
 public:
  SecretString() = default;
  // Sized once, so the buffer never reallocates and leaves an unwiped copy behind.
  explicit SecretString(std::string_view bytes) : value_(bytes) {}
  SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) { other.Wipe(); }
  SecretString& operator=(SecretString&& other) noexcept {
    if (this != &other) {
      Wipe();
      value_ = std::move(other.value_);
      other.Wipe();
    }
    return *this;
  }
  SecretString(const SecretString&) = delete;
  SecretString& operator=(const SecretString&) = delete;
  ~SecretString() { Wipe(); }

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  void Wipe() {
    if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
    value_.clear();
  }

 private:
  std::string value_;
};

// Wipes a std::string that had to hold a secret (e.g. inside gRPC's options).
inline void WipeString(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

}  // namespace transport
