#include "market/decimal_text.hpp"

#include <cstdlib>

namespace tradehost::sim {

std::int64_t pow10(int n) {
  std::int64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

std::string format_fixed(std::int64_t units, int decimals) {
  const bool negative = units < 0;
  const std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(units + 1)) + 1 : static_cast<std::uint64_t>(units);
  std::string digits = std::to_string(magnitude);
  const auto d = static_cast<std::size_t>(decimals);
  if (digits.size() <= d) digits.insert(0, d + 1 - digits.size(), '0');
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - d);
  if (d > 0) out += "." + digits.substr(digits.size() - d);
  return out;
}

}  // namespace tradehost::sim

namespace tradehost::sim {

std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals) {
  if (text.empty() || text.size() > 30) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t i = 0;
  bool digits = false;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
    digits = true;
    if (whole > 1'000'000'000'000LL) return std::nullopt;
  }
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < text.size()) {
    for (++i; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      digits = true;
      if (frac_digits < decimals) {
        frac = frac * 10 + (text[i] - '0');
        ++frac_digits;
      } else if (text[i] != '0') {
        return std::nullopt;  // more precision than the instrument allows
      }
    }
  }
  if (!digits) return std::nullopt;
  for (; frac_digits < decimals; ++frac_digits) frac *= 10;
  return whole * pow10(decimals) + frac;
}

}  // namespace tradehost::sim
