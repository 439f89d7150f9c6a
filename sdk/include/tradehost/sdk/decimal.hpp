// Exact decimal text -> sdk::Decimal, for adapters' decoders (header-only, no allocation).
//
// Venues send prices and quantities as decimal text ("94210.50", "0.045", sometimes bare JSON
// numbers). The number of decimals the venue sent is kept as the scale ("94210.50" -> {9421050,
// 2}), so the host prints exactly what the venue printed.
#pragma once

#include <cstdint>
#include <string_view>

#include <tradehost/sdk/events.hpp>

namespace tradehost::sdk {

// The most significant digits a mantissa may hold (10^18 - 1 fits an int64), and the most
// decimals (more would overflow 10^scale for any consumer).
inline constexpr int kMaxDecimalDigits = 18;

namespace detail {

// The general case of parse_decimal below: counts significant digits one by one, so that long
// texts with leading zeros ("0.000000000000000012345") are still taken when they fit.
inline bool parse_decimal_counting(std::string_view text, Decimal& out) noexcept {
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
      if (++significant > kMaxDecimalDigits) return false;
    }
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!integer_digits || (seen_point && !fraction_digits) || scale > kMaxDecimalDigits) return false;
  const auto magnitude = static_cast<std::int64_t>(mantissa);
  out = Decimal{negative ? -magnitude : magnitude, static_cast<std::uint8_t>(scale)};
  return true;
}

constexpr bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') <= 9; }

}  // namespace detail

// Accepts `-?D+(.D+)?`: an optional leading minus, digits, at most one point with digits on both
// sides. Refuses exponents, '+', spaces, empty text, more than 18 significant digits and more
// than 18 decimals. Leaves `out` untouched on refusal.
//
// Hot path of every decoder (five times per kline): text of at most 18 digits, by far the usual
// case, is read in two tight loops; anything longer goes through the counting parser.
inline bool parse_decimal(std::string_view text, Decimal& out) noexcept {
  const char* p = text.data();
  const char* const end = p + text.size();
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;  // may wrap on over-long text, which is re-read below
  const char* const integer_begin = p;
  for (; p != end && detail::is_digit(*p); ++p) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  const auto integer_digits = p - integer_begin;
  if (integer_digits == 0) return false;
  std::ptrdiff_t scale = 0;
  if (p != end) {
    if (*p != '.') return false;
    const char* const fraction_begin = ++p;
    for (; p != end && detail::is_digit(*p); ++p) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
    scale = p - fraction_begin;
    if (scale == 0 || p != end) return false;
  }
  if (integer_digits + scale > kMaxDecimalDigits) return detail::parse_decimal_counting(text, out);
  const auto magnitude = static_cast<std::int64_t>(mantissa);
  out = Decimal{negative ? -magnitude : magnitude, static_cast<std::uint8_t>(scale)};
  return true;
}

}  // namespace tradehost::sdk
