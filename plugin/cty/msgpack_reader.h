// Internal: a bounds-checked msgpack tokenizer. It never reads past its
// input, never throws, and rejects a length prefix larger than the bytes
// that remain, so a corrupt header cannot make a caller reserve memory.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace cty::internal {

enum class MsgpackType { Nil, Bool, Int, Uint, Float32, Float64, Str, Bin, Array, Map, Ext };

// One msgpack item. Arrays and maps are just their headers: their `count`
// entries (2*count items for maps) follow as further tokens.
struct MsgpackToken {
  MsgpackType type = MsgpackType::Nil;
  bool boolean = false;
  int64_t int_value = 0;    // Int (fixints and int8..64)
  uint64_t uint_value = 0;  // Uint (uint8..64)
  double float_value = 0;   // Float32 (widened) and Float64
  std::string_view bytes;   // Str, Bin, Ext payload
  uint32_t count = 0;       // Array, Map
  int8_t ext_type = 0;      // Ext
};

// Name of a token's kind for error messages ("string", "array", ...).
const char* DescribeMsgpackType(MsgpackType type);

class MsgpackReader {
 public:
  explicit MsgpackReader(std::string_view data) : data_(data) {}

  std::expected<MsgpackToken, std::string> Next();
  // Skips one complete item, containers included, without recursion.
  std::expected<void, std::string> Skip();

  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  std::expected<uint64_t, std::string> ReadBigEndian(int bytes);
  std::expected<std::string_view, std::string> ReadBytes(uint64_t n);

  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace cty::internal
