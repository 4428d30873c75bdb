// Stdout belongs to the go-plugin handshake: the client parses only the first
// line, and anything printed before it breaks the connection (reference §2.4).
// TakeOver() moves the real stdout to a private descriptor and points fd 1 at
// stderr, so nothing a library prints (gRPC, OpenSSL, a stray printf) can ever
// reach the client's stdout; such text lands in Terraform's debug log instead.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace transport {

class StdoutChannel {
 public:
  static std::expected<StdoutChannel, std::string> TakeOver();

  StdoutChannel(StdoutChannel&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  StdoutChannel& operator=(StdoutChannel&&) = delete;
  StdoutChannel(const StdoutChannel&) = delete;
  ~StdoutChannel();

  // Writes all of `text` to the real stdout (unbuffered, so nothing to flush).
  std::expected<void, std::string> Write(std::string_view text) const;

 private:
  explicit StdoutChannel(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace transport
