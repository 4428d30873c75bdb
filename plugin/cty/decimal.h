// Internal: a finite decimal number as digits and a decimal point position,
// the working form behind cty::Number's canonical text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cty::internal {

// value = (negative ? -1 : 1) * 0.<digits> * 10^point
// `digits` has no leading or trailing zeros; zero has empty digits and
// negative == false, so every value has exactly one representation.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t point = 0;

  bool is_zero() const { return digits.empty(); }
  // Number of digits after the decimal point (0 for integers).
  int64_t FractionDigits() const;
  bool operator==(const Decimal&) const = default;
};

// Result of parsing decimal text: either infinity (with sign) or a Decimal.
struct ParsedDecimal {
  bool infinity = false;
  Decimal value;  // for infinity only `negative` is meaningful
};

// Go big.ParseFloat(text, 10, ...) syntax: [+-] (digits [. digits] | . digits)
// [(e|E) [+-] digits], or [+-] (Inf|inf). No whitespace, no hex, no '_'.
// Rejects magnitudes whose exponent exceeds max_exponent.
std::optional<ParsedDecimal> ParseDecimal(std::string_view text, int64_t max_exponent);

// Builds a normalised Decimal from raw digits (may have leading/trailing
// zeros) with `int_digits` of them before the decimal point.
Decimal NormalizeDecimal(bool negative, std::string_view raw_digits, int64_t int_digits);

// Canonical text: plain when at most `max_padding` zeros are needed, else
// scientific ("1.5e-400").
std::string FormatCanonical(const Decimal& d, int64_t max_padding);
// Always plain positional notation ("0.001", "1000").
std::string FormatPlain(const Decimal& d);
// Scientific text that strtod/from_chars understand ("1.5e-400").
std::string FormatScientific(const Decimal& d);

// The exact decimal value of a finite double.
Decimal ExactDecimalOfDouble(double v);

}  // namespace cty::internal
