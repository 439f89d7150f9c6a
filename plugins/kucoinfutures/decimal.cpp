#include "kucoinfutures/decimal.hpp"

#include <cstddef>
#include <limits>

namespace tradehost::kucoinfutures {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// 10^n for 0 <= n <= 18.
std::int64_t power_of_ten(int n) noexcept {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

std::optional<sdk::Decimal> parse_decimal(std::string_view text) noexcept {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  std::int64_t mantissa = 0;
  int significant = 0;  // digits counted from the first non-zero one
  int fraction = 0;     // digits after the point
  auto take_digits = [&](bool after_point) {
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      const int digit = text[i] - '0';
      if (significant > 0 || digit != 0) ++significant;
      if (significant > kMaxDecimalDigits) return std::size_t{0};
      mantissa = mantissa * 10 + digit;
      if (after_point) ++fraction;
    }
    return i - start;
  };
  // JSON: at least one integer digit, and no leading zero before another digit ("01").
  const std::size_t integer_start = i;
  if (take_digits(false) == 0) return std::nullopt;
  if (text[integer_start] == '0' && i - integer_start > 1) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (take_digits(true) == 0) return std::nullopt;
  }
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative_exponent = text[i++] == '-';
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 2 * kMaxDecimalDigits) return std::nullopt;
    }
    if (i == start) return std::nullopt;
    if (negative_exponent) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  int scale = fraction - exponent;
  if (scale < 0) {
    // A positive exponent beyond the fraction: shift the mantissa up ("2e3" -> 2000).
    if (significant - scale > kMaxDecimalDigits && mantissa != 0) return std::nullopt;
    if (mantissa != 0) mantissa *= power_of_ten(-scale);
    scale = 0;
  }
  if (scale > kMaxDecimalDigits) return std::nullopt;
  return sdk::Decimal{negative ? -mantissa : mantissa, static_cast<std::uint8_t>(scale)};
}

std::optional<std::int64_t> parse_int64(std::string_view text) noexcept {
  const auto value = parse_uint64(text);
  if (!value || *value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*value);
}

std::optional<std::uint64_t> parse_uint64(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<sdk::Decimal> multiply(const sdk::Decimal& a, const sdk::Decimal& b) noexcept {
  std::int64_t mantissa = 0;
  if (__builtin_mul_overflow(a.mantissa, b.mantissa, &mantissa)) return std::nullopt;
  const int scale = a.scale + b.scale;
  if (scale > kMaxDecimalDigits) return std::nullopt;
  return sdk::Decimal{mantissa, static_cast<std::uint8_t>(scale)};
}

}  // namespace tradehost::kucoinfutures
