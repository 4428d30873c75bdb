#include "cty/msgpack_writer.h"

#include <bit>

namespace cty::internal {

void MsgpackWriter::BigEndian(uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) Byte(static_cast<uint8_t>(v >> (8 * i)));
}

void MsgpackWriter::Nil() { Byte(0xc0); }

void MsgpackWriter::Bool(bool b) { Byte(b ? 0xc3 : 0xc2); }

void MsgpackWriter::Uint(uint64_t v) {
  if (v <= 0x7f) {
    Byte(static_cast<uint8_t>(v));
  } else if (v <= 0xff) {
    Byte(0xcc);
    BigEndian(v, 1);
  } else if (v <= 0xffff) {
    Byte(0xcd);
    BigEndian(v, 2);
  } else if (v <= 0xffffffff) {
    Byte(0xce);
    BigEndian(v, 4);
  } else {
    Byte(0xcf);
    BigEndian(v, 8);
  }
}

void MsgpackWriter::Int(int64_t v) {
  if (v >= 0) return Uint(static_cast<uint64_t>(v));
  auto bits = static_cast<uint64_t>(v);
  if (v >= -32) {
    Byte(static_cast<uint8_t>(bits));  // negative fixint 0xe0..0xff
  } else if (v >= INT8_MIN) {
    Byte(0xd0);
    BigEndian(bits, 1);
  } else if (v >= INT16_MIN) {
    Byte(0xd1);
    BigEndian(bits, 2);
  } else if (v >= INT32_MIN) {
    Byte(0xd2);
    BigEndian(bits, 4);
  } else {
    Byte(0xd3);
    BigEndian(bits, 8);
  }
}

void MsgpackWriter::Float64(double v) {
  Byte(0xcb);
  BigEndian(std::bit_cast<uint64_t>(v), 8);
}

void MsgpackWriter::String(std::string_view s) {
  size_t n = s.size();
  if (n < 32) {
    Byte(static_cast<uint8_t>(0xa0 | n));
  } else if (n <= 0xff) {
    Byte(0xd9);
    BigEndian(n, 1);
  } else if (n <= 0xffff) {
    Byte(0xda);
    BigEndian(n, 2);
  } else {
    Byte(0xdb);
    BigEndian(n, 4);
  }
  out_.append(s);
}

void MsgpackWriter::Binary(std::string_view b) {
  size_t n = b.size();
  if (n <= 0xff) {
    Byte(0xc4);
    BigEndian(n, 1);
  } else if (n <= 0xffff) {
    Byte(0xc5);
    BigEndian(n, 2);
  } else {
    Byte(0xc6);
    BigEndian(n, 4);
  }
  out_.append(b);
}

void MsgpackWriter::ArrayHeader(uint32_t n) {
  if (n < 16) {
    Byte(static_cast<uint8_t>(0x90 | n));
  } else if (n <= 0xffff) {
    Byte(0xdc);
    BigEndian(n, 2);
  } else {
    Byte(0xdd);
    BigEndian(n, 4);
  }
}

void MsgpackWriter::MapHeader(uint32_t n) {
  if (n < 16) {
    Byte(static_cast<uint8_t>(0x80 | n));
  } else if (n <= 0xffff) {
    Byte(0xde);
    BigEndian(n, 2);
  } else {
    Byte(0xdf);
    BigEndian(n, 4);
  }
}

void MsgpackWriter::Raw(std::string_view bytes) { out_.append(bytes); }

}  // namespace cty::internal
