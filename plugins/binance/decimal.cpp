#include "binance/decimal.hpp"

#include <cstdint>

namespace tradehost::binance {

bool parse_decimal(std::string_view text, sdk::Decimal& out) noexcept {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) i = 1;

  std::uint64_t mantissa = 0;
  int significant = 0;
  int scale = 0;
  bool seen_point = false;
  bool integer_digits = false;
  bool fraction_digits = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (seen_point || !integer_digits) return false;
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    if (seen_point) {
      fraction_digits = true;
      ++scale;
    } else {
      integer_digits = true;
    }
    // Leading zeros ("0.00012") are not significant and cannot overflow the mantissa.
    if (significant > 0 || c != '0') {
      if (++significant > kMaxSignificantDigits) return false;
    }
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!integer_digits || (seen_point && !fraction_digits) || scale > kMaxSignificantDigits) {
    return false;
  }
  const auto magnitude = static_cast<std::int64_t>(mantissa);
  out = sdk::Decimal{negative ? -magnitude : magnitude, static_cast<std::uint8_t>(scale)};
  return true;
}

}  // namespace tradehost::binance
