// Test helpers: bytes <-> hex text, so expected wire bytes read like the
// reference ("84 a2 6964 c0").
#pragma once

#include <string>
#include <string_view>

namespace cty_test {

// Hex digits to bytes; spaces are ignored.
inline std::string Bytes(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    if (high < 0) {
      high = nibble(c);
    } else {
      out.push_back(static_cast<char>(high * 16 + nibble(c)));
      high = -1;
    }
  }
  return out;
}

inline std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

// Same bytes, normalised to Hex()'s spacing, for readable comparisons.
inline std::string Spaced(std::string_view hex) { return Hex(Bytes(hex)); }

}  // namespace cty_test
