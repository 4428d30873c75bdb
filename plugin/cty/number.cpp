#include "cty/number.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "cty/decimal.h"

namespace cty {

namespace {

using internal::Decimal;

constexpr int64_t kMaxPadding = 32;
constexpr const char* kPositiveInfinity = "+Inf";
constexpr const char* kNegativeInfinity = "-Inf";

// Re-reads canonical text; never fails for text this class produced.
Decimal ToDecimal(const std::string& text) {
  auto parsed = internal::ParseDecimal(text, std::numeric_limits<int64_t>::max() / 4);
  return parsed && !parsed->infinity ? parsed->value : Decimal{};
}

// Magnitude of an integer Decimal when it fits in uint64.
std::optional<uint64_t> Magnitude(const Decimal& d) {
  if (d.is_zero()) return 0;
  if (d.FractionDigits() > 0 || d.point > 20) return std::nullopt;
  uint64_t v = 0;
  for (int64_t i = 0; i < d.point; ++i) {
    uint64_t digit = i < static_cast<int64_t>(d.digits.size()) ? uint64_t(d.digits[i] - '0') : 0;
    if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

}  // namespace

Number::Number() : text_("0") {}

Number Number::FromInt(int64_t v) { return Number(std::to_string(v)); }

Number Number::FromUint(uint64_t v) { return Number(std::to_string(v)); }

Number Number::FromDouble(double v) {
  if (std::isnan(v)) return Number();  // callers reject NaN first; stay total
  if (std::isinf(v)) return Number(v > 0 ? kPositiveInfinity : kNegativeInfinity);
  return Number(internal::FormatCanonical(internal::ExactDecimalOfDouble(v), kMaxPadding));
}

std::optional<Number> Number::Parse(std::string_view text) {
  auto parsed = internal::ParseDecimal(text, kMaxExponent);
  if (!parsed) return std::nullopt;
  if (parsed->infinity) return Number(parsed->value.negative ? kNegativeInfinity : kPositiveInfinity);
  return Number(internal::FormatCanonical(parsed->value, kMaxPadding));
}

bool Number::IsInfinity() const { return text_ == kPositiveInfinity || text_ == kNegativeInfinity; }

bool Number::IsInteger() const { return !IsInfinity() && ToDecimal(text_).FractionDigits() == 0; }

std::optional<int64_t> Number::ToInt64() const {
  if (IsInfinity()) return std::nullopt;
  Decimal d = ToDecimal(text_);
  auto m = Magnitude(d);
  if (!m) return std::nullopt;
  constexpr uint64_t kMaxPositive = uint64_t(std::numeric_limits<int64_t>::max());
  if (!d.negative) {
    if (*m > kMaxPositive) return std::nullopt;
    return static_cast<int64_t>(*m);
  }
  if (*m > kMaxPositive + 1) return std::nullopt;
  return *m == kMaxPositive + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(*m);
}

std::optional<uint64_t> Number::ToUint64() const {
  if (IsInfinity()) return std::nullopt;
  Decimal d = ToDecimal(text_);
  if (d.negative) return std::nullopt;
  return Magnitude(d);
}

double Number::ToDouble() const {
  if (text_ == kPositiveInfinity) return std::numeric_limits<double>::infinity();
  if (text_ == kNegativeInfinity) return -std::numeric_limits<double>::infinity();
  Decimal d = ToDecimal(text_);
  if (d.is_zero()) return 0.0;
  // from_chars is locale-independent and correctly rounded.
  std::string sci = internal::FormatScientific(d);
  double v = 0;
  auto [ptr, ec] = std::from_chars(sci.data(), sci.data() + sci.size(), v);
  if (ec == std::errc::result_out_of_range) {
    double mag = d.point > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return d.negative ? -mag : mag;
  }
  return v;
}

bool Number::IsExactDouble() const {
  if (IsInfinity()) return true;
  Decimal d = ToDecimal(text_);
  if (d.is_zero()) return true;
  // Cheap rejections before expanding a double: a double's fraction
  // m/2^k has exactly k decimal places ending in 5, and at most 1074 of
  // them; it has at most 767 significant digits; integers stay below 1e309.
  int64_t fraction = d.FractionDigits();
  if (fraction > 0 && d.digits.back() != '5') return false;
  if (fraction > 1074 || d.digits.size() > 767 || d.point > 309) return false;
  double v = ToDouble();
  if (!std::isfinite(v) || v == 0) return false;
  return internal::ExactDecimalOfDouble(v) == d;
}

std::string Number::ToPlainString() const {
  if (IsInfinity()) return text_;
  return internal::FormatPlain(ToDecimal(text_));
}

bool Number::operator==(const Number& other) const { return text_ == other.text_; }

}  // namespace cty
