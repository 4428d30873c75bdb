// Internal: a minimal msgpack writer producing the exact forms go-cty's
// encoder (vmihailenco/msgpack with compact ints) produces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cty::internal {

class MsgpackWriter {
 public:
  void Nil();
  void Bool(bool b);
  // Smallest form: fixint, uint8..64 for non-negatives, int8..64 below -32.
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Float64(double v);
  void String(std::string_view s);  // fixstr, str8, str16, str32
  void Binary(std::string_view b);  // bin8, bin16, bin32
  void ArrayHeader(uint32_t n);
  void MapHeader(uint32_t n);
  // Pre-encoded bytes (e.g. the unknown-value extension).
  void Raw(std::string_view bytes);

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void BigEndian(uint64_t v, int bytes);
  std::string out_;
};

}  // namespace cty::internal
