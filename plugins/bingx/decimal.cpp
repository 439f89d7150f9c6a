#include "bingx/decimal.hpp"

#include <cstdint>

namespace tradehost::bingx {

bool parse_decimal(std::string_view text, sdk::Decimal& out) noexcept {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::int64_t mantissa = 0;
  int significant = 0;
  int scale = 0;
  int integer_digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (in_fraction || integer_digits == 0) return false;
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    const int digit = c - '0';
    if (in_fraction) {
      if (++scale > kMaxScale) return false;
    } else {
      ++integer_digits;
    }
    if (significant > 0 || digit != 0) {
      if (++significant > kMaxSignificantDigits) return false;
    }
    mantissa = mantissa * 10 + digit;
  }
  if (integer_digits == 0 || (in_fraction && scale == 0)) return false;
  out.mantissa = negative ? -mantissa : mantissa;
  out.scale = static_cast<std::uint8_t>(scale);
  return true;
}

}  // namespace tradehost::bingx
