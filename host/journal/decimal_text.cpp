// Formats and reads back the exact decimal text stored in the journal.
#include "journal/decimal_text.hpp"

#include <tradehost/sdk/decimal.hpp>

#include <cstdint>

namespace tradehost::journal {

std::string decimal_to_text(sdk::Decimal value) {
  // The magnitude as unsigned, so INT64_MIN has one too.
  const bool negative = value.mantissa < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value.mantissa)
                                           : static_cast<std::uint64_t>(value.mantissa);
  std::string digits = std::to_string(magnitude);
  const std::size_t scale = value.scale;
  if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
  if (scale > 0) digits.insert(digits.size() - scale, 1, '.');
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

std::optional<sdk::Decimal> decimal_from_text(std::string_view text) {
  sdk::Decimal out{};
  if (!sdk::parse_decimal(text, out)) return std::nullopt;
  return out;
}

}  // namespace tradehost::journal
