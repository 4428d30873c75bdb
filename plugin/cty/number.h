// A cty number. go-cty numbers are arbitrary-precision decimals; we keep the
// canonical decimal text so that nothing is lost between decode and encode,
// and offer exact conversions where the value fits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cty {

class Number {
 public:
  Number();  // zero
  static Number FromInt(int64_t v);
  static Number FromUint(uint64_t v);
  static Number FromDouble(double v);  // finite values; +-Inf kept as such
  // Parses a decimal number ("12", "-0.5", "1e30", "123456789012345678901234567890").
  // Returns nullopt for anything else.
  static std::optional<Number> Parse(std::string_view text);

  // The value as an int64 when it is an integer in range; else nullopt.
  std::optional<int64_t> ToInt64() const;
  // The nearest double.
  double ToDouble() const;
  // True when ToDouble() is exactly this value (go-cty then encodes float64).
  bool IsExactDouble() const;
  bool IsInfinity() const;
  // Canonical decimal text, e.g. "42", "-0.5", "123456789012345678901234567890".
  const std::string& ToString() const { return text_; }

  bool operator==(const Number& other) const;

 private:
  explicit Number(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace cty
