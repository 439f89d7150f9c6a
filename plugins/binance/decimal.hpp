// Binance's decimal strings ("94210.50", "0.045") as exact sdk::Decimal values.
//
// protocols/binance.md §5/§6: prices and quantities are JSON strings. The number of decimals the
// venue sent is kept as the scale ("94210.50" -> {9421050, 2}), so the host prints what the venue
// printed. Pure function, no allocation: safe on the decode hot path.
#pragma once

#include <string_view>

#include <tradehost/sdk/events.hpp>

namespace tradehost::binance {

// The most significant digits a mantissa may hold: 10^18 - 1 fits in int64 with room to spare.
inline constexpr int kMaxSignificantDigits = 18;

// Accepts `-?D+(.D+)?` (plain digits, an optional leading minus, at most one point with digits on
// both sides); refuses exponents, '+', spaces, empty text, more than 18 significant digits and
// more than 18 decimals. Leaves `out` untouched on refusal.
bool parse_decimal(std::string_view text, sdk::Decimal& out) noexcept;

}  // namespace tradehost::binance
