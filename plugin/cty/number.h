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
  // Parses a decimal number ("12", "-0.5", "1e30", "123456789012345678901234567890")
  // as Go's big.ParseFloat does in base 10, including "Inf"/"-inf".
  // Returns nullopt for anything else, and for magnitudes beyond 10^±kMaxExponent
  // (so that a few input bytes can never expand into megabytes of digits).
  static std::optional<Number> Parse(std::string_view text);
  static constexpr int64_t kMaxExponent = 10000;

  // The value as an int64 when it is an integer in range; else nullopt.
  std::optional<int64_t> ToInt64() const;
  // The value as a uint64 when it is a non-negative integer in range; else nullopt.
  std::optional<uint64_t> ToUint64() const;
  bool IsInteger() const;
  // The nearest double.
  double ToDouble() const;
  // True when ToDouble() is exactly this value (go-cty then encodes float64).
  bool IsExactDouble() const;
  bool IsInfinity() const;
  // Canonical decimal text, e.g. "42", "-0.5", "123456789012345678901234567890".
  // Plain notation unless that would need more than 32 padding zeros; then
  // scientific, e.g. "1e400", "-2.5e-300". Infinities are "+Inf" / "-Inf".
  const std::string& ToString() const { return text_; }
  // Always plain positional notation, as go-cty's big.Float Text('f', -1)
  // writes numbers that msgpack cannot carry as int or float64.
  std::string ToPlainString() const;

  bool operator==(const Number& other) const;

 private:
  explicit Number(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

}  // namespace cty
