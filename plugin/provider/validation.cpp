#include "provider/validation.h"

#include <algorithm>
#include <string>

namespace provider {
namespace {

// Hand-written checks instead of std::regex: linear, allocation-free and
// with no risk of the regex engine's deep recursion on long input.
bool IsLowerAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

template <typename Pred>
size_t CountPrefix(std::string_view text, Pred pred) {
  size_t n = 0;
  while (n < text.size() && pred(text[n])) ++n;
  return n;
}

// Beyond this a value is shown cut short with its length: a 1 MiB image_id
// echoed whole would bury the diagnostic (and Terraform's output).
constexpr size_t kMaxQuotedBytes = 128;

bool IsKnownString(const cty::Value& value) {
  return value.is_known() && !value.is_null() && value.type().kind() == cty::Kind::String;
}

struct Escaped {
  std::string text;
  bool cut = false;
};

// Control characters as \xNN, quotes and backslashes escaped; at most
// `max_bytes` of the input (never cut mid UTF-8) and at most a quarter more
// of output, so a value of control characters cannot balloon either.
Escaped EscapeCut(std::string_view text, size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  Escaped out;
  size_t end = std::min(text.size(), max_bytes);
  while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  for (size_t i = 0; i < end; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (out.text.size() + 4 > max_bytes + max_bytes / 4 && (c & 0xc0) != 0x80) {
      end = i;
      break;
    }
    if (c == '"' || c == '\\') {
      out.text += '\\';
      out.text += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out.text += "\\x";
      out.text += kHex[c >> 4];
      out.text += kHex[c & 0xf];
    } else {
      out.text += static_cast<char>(c);
    }
  }
  out.cut = end < text.size();
  return out;
}

}  // namespace

std::string QuotedForDiagnostic(std::string_view text) {
  const Escaped e = EscapeCut(text, kMaxQuotedBytes);
  if (e.cut) return "\"" + e.text + "...\" (" + std::to_string(text.size()) + " bytes)";
  return "\"" + e.text + "\"";
}

std::string EscapedForDiagnostic(std::string_view text, std::size_t max_bytes) {
  const Escaped e = EscapeCut(text, max_bytes);
  if (e.cut) return e.text + "... (" + std::to_string(text.size()) + " bytes)";
  return e.text;
}

bool IsValidImageId(std::string_view id) {
  if (!id.starts_with("img-")) return false;
  std::string_view rest = id.substr(4);
  return rest.size() >= 8 && rest.size() <= 32 && CountPrefix(rest, IsLowerAlnum) == rest.size();
}

bool IsValidRegion(std::string_view region) {
  size_t n = CountPrefix(region, IsLower);
  if (n != 2 || region.size() < 3 || region[2] != '-') return false;
  std::string_view rest = region.substr(3);
  n = CountPrefix(rest, IsLower);
  if (n == 0 || n >= rest.size() || rest[n] != '-') return false;
  rest = rest.substr(n + 1);
  return !rest.empty() && CountPrefix(rest, IsDigit) == rest.size();
}

Diagnostics ValidateImageIdValue(const cty::Value& value, const AttributePath& path) {
  if (!IsKnownString(value) || IsValidImageId(value.as_string())) return {};
  return {ErrorDiag("Invalid image_id",
                    "image_id " + QuotedForDiagnostic(value.as_string()) +
                        " is not a JD Cloud image ID: expected \"img-\" followed by 8 to 32 lower-case "
                        "letters or digits, e.g. \"img-m5s0f7ss4c\".",
                    path)};
}

Diagnostics ValidateRegionValue(const cty::Value& value, const AttributePath& path) {
  if (!IsKnownString(value) || value.as_string().empty() || IsValidRegion(value.as_string())) return {};
  return {ErrorDiag("Invalid region",
                    "region " + QuotedForDiagnostic(value.as_string()) +
                        " is not a JD Cloud region ID: expected the form \"cn-north-1\" "
                        "(two lower-case letters, a dash, a lower-case word, a dash and digits).",
                    path)};
}

}  // namespace provider
