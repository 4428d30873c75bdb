#include "jdcloud/uri_encoding.h"

#include <algorithm>

namespace jdcloud {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

void AppendEncoded(std::string& out, std::string_view in, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : in) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
}

}  // namespace

std::string UriEncode(std::string_view decoded) {
  std::string out;
  out.reserve(decoded.size());
  AppendEncoded(out, decoded, false);
  return out;
}

std::string EncodePath(std::string_view decoded_path) {
  if (decoded_path.empty()) return "/";
  std::string out;
  out.reserve(decoded_path.size() + 1);
  if (decoded_path.front() != '/') out.push_back('/');
  AppendEncoded(out, decoded_path, true);
  return out;
}

std::string CanonicalQueryString(const QueryParams& decoded_params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(decoded_params.size());
  for (const auto& [name, value] : decoded_params) encoded.emplace_back(UriEncode(name), UriEncode(value));
  std::sort(encoded.begin(), encoded.end());  // by name, then value; byte order
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

}  // namespace jdcloud
