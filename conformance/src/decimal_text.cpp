#include <tradehost/conformance/decimal_text.hpp>

#include <cmath>

namespace tradehost::conformance {

std::string to_string(const sdk::Decimal& d) {
  const bool negative = d.mantissa < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(d.mantissa + 1)) + 1 : static_cast<std::uint64_t>(d.mantissa);
  std::string digits = std::to_string(magnitude);
  const std::size_t scale = d.scale;
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - scale);
  if (scale > 0) out += "." + digits.substr(digits.size() - scale);
  return out;
}

double to_double(const sdk::Decimal& d) noexcept {
  return static_cast<double>(d.mantissa) / std::pow(10.0, static_cast<double>(d.scale));
}

}  // namespace tradehost::conformance
