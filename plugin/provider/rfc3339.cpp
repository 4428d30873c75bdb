#include "provider/rfc3339.h"

namespace provider {
namespace {

// Reads exactly `n` digits at `pos`, advancing it.
std::optional<int> Digits(std::string_view text, size_t& pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::optional<std::chrono::sys_seconds> ParseRfc3339(std::string_view text) {
  using namespace std::chrono;
  size_t pos = 0;
  auto y = Digits(text, pos, 4);
  if (!y || !Expect(text, pos, '-')) return std::nullopt;
  auto mo = Digits(text, pos, 2);
  if (!mo || !Expect(text, pos, '-')) return std::nullopt;
  auto d = Digits(text, pos, 2);
  if (!d || pos >= text.size()) return std::nullopt;
  char sep = text[pos++];
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  auto h = Digits(text, pos, 2);
  if (!h || !Expect(text, pos, ':')) return std::nullopt;
  auto mi = Digits(text, pos, 2);
  if (!mi || !Expect(text, pos, ':')) return std::nullopt;
  auto s = Digits(text, pos, 2);
  if (!s) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int offset_minutes = 0;
  char zone = text[pos++];
  if (zone == '+' || zone == '-') {
    auto oh = Digits(text, pos, 2);
    if (!oh) return std::nullopt;
    Expect(text, pos, ':');  // optional: ISO 8601's basic "+0800" as well as RFC 3339's "+08:00"
    auto om = Digits(text, pos, 2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    offset_minutes = (*oh * 60 + *om) * (zone == '-' ? -1 : 1);
  } else if (zone != 'Z' && zone != 'z') {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;  // 60: leap second
  return sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} - minutes{offset_minutes};
}

}  // namespace provider
