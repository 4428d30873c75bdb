#include "cty/msgpack_reader.h"

#include <bit>

namespace cty::internal {

namespace {

std::unexpected<std::string> Truncated() { return std::unexpected(std::string("unexpected end of msgpack data")); }

}  // namespace

const char* DescribeMsgpackType(MsgpackType type) {
  switch (type) {
    case MsgpackType::Nil: return "null";
    case MsgpackType::Bool: return "bool";
    case MsgpackType::Int:
    case MsgpackType::Uint: return "integer";
    case MsgpackType::Float32:
    case MsgpackType::Float64: return "float";
    case MsgpackType::Str: return "string";
    case MsgpackType::Bin: return "binary";
    case MsgpackType::Array: return "array";
    case MsgpackType::Map: return "map";
    case MsgpackType::Ext: return "extension";
  }
  return "unknown";
}

std::expected<uint64_t, std::string> MsgpackReader::ReadBigEndian(int bytes) {
  if (remaining() < static_cast<size_t>(bytes)) return Truncated();
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(data_[pos_++]);
  return v;
}

std::expected<std::string_view, std::string> MsgpackReader::ReadBytes(uint64_t n) {
  if (n > remaining()) return Truncated();
  std::string_view out = data_.substr(pos_, n);
  pos_ += n;
  return out;
}

std::expected<MsgpackToken, std::string> MsgpackReader::Next() {
  if (at_end()) return Truncated();
  const auto code = static_cast<uint8_t>(data_[pos_++]);
  MsgpackToken t;

  auto payload = [&](MsgpackType type, int len_bytes) -> std::expected<MsgpackToken, std::string> {
    auto n = ReadBigEndian(len_bytes);
    if (!n) return std::unexpected(n.error());
    auto b = ReadBytes(*n);
    if (!b) return std::unexpected(b.error());
    t.type = type;
    t.bytes = *b;
    return t;
  };
  auto container = [&](MsgpackType type, uint64_t n) -> std::expected<MsgpackToken, std::string> {
    // Every entry needs at least one byte (two for a map entry).
    uint64_t min_bytes = type == MsgpackType::Map ? 2 * n : n;
    if (min_bytes > remaining()) return Truncated();
    t.type = type;
    t.count = static_cast<uint32_t>(n);
    return t;
  };
  auto ext = [&](uint64_t len) -> std::expected<MsgpackToken, std::string> {
    auto type = ReadBigEndian(1);
    if (!type) return std::unexpected(type.error());
    auto b = ReadBytes(len);
    if (!b) return std::unexpected(b.error());
    t.type = MsgpackType::Ext;
    t.ext_type = static_cast<int8_t>(static_cast<uint8_t>(*type));
    t.bytes = *b;
    return t;
  };
  auto ext_sized = [&](int len_bytes) -> std::expected<MsgpackToken, std::string> {
    auto n = ReadBigEndian(len_bytes);
    if (!n) return std::unexpected(n.error());
    return ext(*n);
  };
  auto integer = [&](int bytes, bool is_signed) -> std::expected<MsgpackToken, std::string> {
    auto v = ReadBigEndian(bytes);
    if (!v) return std::unexpected(v.error());
    if (is_signed) {
      int shift = 64 - 8 * bytes;  // sign-extend
      t.type = MsgpackType::Int;
      t.int_value = static_cast<int64_t>(*v << shift) >> shift;
    } else {
      t.type = MsgpackType::Uint;
      t.uint_value = *v;
    }
    return t;
  };

  if (code <= 0x7f || code >= 0xe0) {  // positive / negative fixint
    t.type = MsgpackType::Int;
    t.int_value = static_cast<int8_t>(code);
    return t;
  }
  if ((code & 0xe0) == 0xa0) {  // fixstr
    auto b = ReadBytes(code & 0x1f);
    if (!b) return std::unexpected(b.error());
    t.type = MsgpackType::Str;
    t.bytes = *b;
    return t;
  }
  if ((code & 0xf0) == 0x90) return container(MsgpackType::Array, code & 0x0f);
  if ((code & 0xf0) == 0x80) return container(MsgpackType::Map, code & 0x0f);

  switch (code) {
    case 0xc0:
      t.type = MsgpackType::Nil;
      return t;
    case 0xc2:
    case 0xc3:
      t.type = MsgpackType::Bool;
      t.boolean = code == 0xc3;
      return t;
    case 0xc4: return payload(MsgpackType::Bin, 1);
    case 0xc5: return payload(MsgpackType::Bin, 2);
    case 0xc6: return payload(MsgpackType::Bin, 4);
    case 0xc7: return ext_sized(1);
    case 0xc8: return ext_sized(2);
    case 0xc9: return ext_sized(4);
    case 0xca: {
      auto v = ReadBigEndian(4);
      if (!v) return std::unexpected(v.error());
      t.type = MsgpackType::Float32;
      t.float_value = std::bit_cast<float>(static_cast<uint32_t>(*v));
      return t;
    }
    case 0xcb: {
      auto v = ReadBigEndian(8);
      if (!v) return std::unexpected(v.error());
      t.type = MsgpackType::Float64;
      t.float_value = std::bit_cast<double>(*v);
      return t;
    }
    case 0xcc: return integer(1, false);
    case 0xcd: return integer(2, false);
    case 0xce: return integer(4, false);
    case 0xcf: return integer(8, false);
    case 0xd0: return integer(1, true);
    case 0xd1: return integer(2, true);
    case 0xd2: return integer(4, true);
    case 0xd3: return integer(8, true);
    case 0xd4: return ext(1);
    case 0xd5: return ext(2);
    case 0xd6: return ext(4);
    case 0xd7: return ext(8);
    case 0xd8: return ext(16);
    case 0xd9: return payload(MsgpackType::Str, 1);
    case 0xda: return payload(MsgpackType::Str, 2);
    case 0xdb: return payload(MsgpackType::Str, 4);
    case 0xdc:
    case 0xdd: {
      auto n = ReadBigEndian(code == 0xdc ? 2 : 4);
      if (!n) return std::unexpected(n.error());
      return container(MsgpackType::Array, *n);
    }
    case 0xde:
    case 0xdf: {
      auto n = ReadBigEndian(code == 0xde ? 2 : 4);
      if (!n) return std::unexpected(n.error());
      return container(MsgpackType::Map, *n);
    }
    default:
      break;
  }
  return std::unexpected(std::string("invalid msgpack type code 0xc1"));
}

std::expected<void, std::string> MsgpackReader::Skip() {
  uint64_t pending = 1;
  while (pending > 0) {
    auto t = Next();
    if (!t) return std::unexpected(t.error());
    --pending;
    if (t->type == MsgpackType::Array) pending += t->count;
    if (t->type == MsgpackType::Map) pending += 2 * uint64_t{t->count};
  }
  return {};
}

}  // namespace cty::internal

