#include "cty/decimal.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace cty::internal {

int64_t Decimal::FractionDigits() const {
  int64_t n = static_cast<int64_t>(digits.size());
  return n > point ? n - point : 0;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Parses an exponent's digits, saturating far beyond any limit we accept so
// that "1e99999999999999999999" cannot overflow.
int64_t ParseExponentDigits(std::string_view s) {
  constexpr int64_t kSaturate = int64_t{1} << 50;
  int64_t v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
    if (v > kSaturate) return kSaturate;
  }
  return v;
}

}  // namespace

Decimal NormalizeDecimal(bool negative, std::string_view raw, int64_t int_digits) {
  size_t first = raw.find_first_not_of('0');
  if (first == std::string_view::npos) return Decimal{};
  size_t last = raw.find_last_not_of('0');
  Decimal d;
  d.negative = negative;
  d.digits = std::string(raw.substr(first, last - first + 1));
  d.point = int_digits - static_cast<int64_t>(first);
  return d;
}

std::optional<ParsedDecimal> ParseDecimal(std::string_view s, int64_t max_exponent) {
  ParsedDecimal out;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "Inf" || s == "inf") {
    out.infinity = true;
    out.value.negative = negative;
    return out;
  }
  size_t i = 0;
  std::string raw;
  int64_t int_digits = 0;
  while (i < s.size() && IsDigit(s[i])) raw.push_back(s[i++]);
  int_digits = static_cast<int64_t>(raw.size());
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) raw.push_back(s[i++]);
  }
  if (raw.empty()) return std::nullopt;  // "", ".", "+", "e5"
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return std::nullopt;
    exponent = ParseExponentDigits(s.substr(start, i - start));
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return std::nullopt;
  out.value = NormalizeDecimal(negative, raw, int_digits);
  if (out.value.is_zero()) return out;
  out.value.point += exponent;
  // point - 1 is the scientific exponent of the leading digit.
  if (out.value.point - 1 > max_exponent || out.value.point - 1 < -max_exponent) return std::nullopt;
  return out;
}

std::string FormatPlain(const Decimal& d) {
  if (d.is_zero()) return "0";
  std::string out = d.negative ? "-" : "";
  int64_t n = static_cast<int64_t>(d.digits.size());
  if (d.point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-d.point), '0');
    out += d.digits;
  } else if (d.point < n) {
    out.append(d.digits, 0, static_cast<size_t>(d.point));
    out += '.';
    out.append(d.digits, static_cast<size_t>(d.point));
  } else {
    out += d.digits;
    out.append(static_cast<size_t>(d.point - n), '0');
  }
  return out;
}

std::string FormatScientific(const Decimal& d) {
  if (d.is_zero()) return "0";
  std::string out = d.negative ? "-" : "";
  out += d.digits[0];
  if (d.digits.size() > 1) {
    out += '.';
    out.append(d.digits, 1);
  }
  out += 'e';
  out += std::to_string(d.point - 1);
  return out;
}

std::string FormatCanonical(const Decimal& d, int64_t max_padding) {
  int64_t n = static_cast<int64_t>(d.digits.size());
  int64_t padding = d.point <= 0 ? -d.point : (d.point >= n ? d.point - n : 0);
  return padding > max_padding ? FormatScientific(d) : FormatPlain(d);
}

namespace {

// Just enough unsigned big-integer arithmetic to expand a double exactly:
// little-endian limbs in base 10^9.
class BigDecimalInt {
 public:
  explicit BigDecimalInt(uint64_t v) {
    do {
      limbs_.push_back(static_cast<uint32_t>(v % kBase));
      v /= kBase;
    } while (v != 0);
  }

  void Multiply(uint32_t factor) {
    uint64_t carry = 0;
    for (uint32_t& limb : limbs_) {
      uint64_t p = uint64_t{limb} * factor + carry;
      limb = static_cast<uint32_t>(p % kBase);
      carry = p / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }

  // Multiplies by base^count, in chunks of base^chunk_power = chunk_value.
  void MultiplyPower(uint32_t base, int count, int chunk_power, uint32_t chunk_value) {
    while (count >= chunk_power) {
      Multiply(chunk_value);
      count -= chunk_power;
    }
    uint32_t rest = 1;
    for (int i = 0; i < count; ++i) rest *= base;
    if (rest != 1) Multiply(rest);
  }

  std::string ToString() const {
    std::string out = std::to_string(limbs_.back());
    for (size_t i = limbs_.size() - 1; i-- > 0;) {
      std::string part = std::to_string(limbs_[i]);
      out.append(9 - part.size(), '0');
      out += part;
    }
    return out;
  }

 private:
  static constexpr uint64_t kBase = 1000000000;
  std::vector<uint32_t> limbs_;
};

}  // namespace

Decimal ExactDecimalOfDouble(double v) {
  if (v == 0 || !std::isfinite(v)) return Decimal{};
  bool negative = v < 0;
  int exp2 = 0;
  double fraction = std::frexp(std::fabs(v), &exp2);  // v = fraction * 2^exp2
  auto mantissa = static_cast<uint64_t>(std::ldexp(fraction, 53));
  exp2 -= 53;
  while ((mantissa & 1) == 0) {
    mantissa >>= 1;
    ++exp2;
  }
  BigDecimalInt big(mantissa);
  if (exp2 >= 0) {
    big.MultiplyPower(2, exp2, 29, uint32_t{1} << 29);
    std::string digits = big.ToString();
    return NormalizeDecimal(negative, digits, static_cast<int64_t>(digits.size()));
  }
  // m * 2^-k == m * 5^k / 10^k
  big.MultiplyPower(5, -exp2, 13, 1220703125u);
  std::string digits = big.ToString();
  return NormalizeDecimal(negative, digits, static_cast<int64_t>(digits.size()) + exp2);
}

}  // namespace cty::internal
