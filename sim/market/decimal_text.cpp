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
