// Byte helpers for writing wire bytes in tests the way the reference prints them.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace protocol_test {

// "84 a2 6964 c0" -> the bytes 0x84 0xa2 0x69 0x64 0xc0 (spaces ignored).
inline std::string FromHex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    const int nibble = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(static_cast<char>(high * 16 + nibble));
      high = -1;
    }
  }
  return out;
}

// Reference §6.6: probe_echo config input="hello", tags={k="v"}, id and output null.
inline std::string WorkedEchoConfig() {
  return FromHex("84 a2 6964 c0 a5 696e707574 a5 68656c6c6f a6 6f7574707574 c0 a4 74616773 81 a1 6b a1 76");
}

}  // namespace protocol_test
