// Exact decimals from KuCoin's number texts, and the contracts -> base-units conversion.
//
// KuCoin sends prices as strings ("97010.1") on WebSocket and as JSON numbers (97010.1) in REST
// klines; both are read from their text, never through a double, so the value keeps the venue's
// digits ("94210.50" -> {9421050, 2}). Pure functions without allocation: safe on the hot path.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <tradehost/sdk/events.hpp>

namespace tradehost::kucoinfutures {

// At most this many significant digits (fits an int64 mantissa) and this many decimals.
inline constexpr int kMaxDecimalDigits = 18;

// "-"? digits ("." digits)? (("e" | "E") ("+" | "-")? digits)?, i.e. a JSON number; the exponent
// only shifts the scale ("1.5E-5" -> {15, 6}, "2e3" -> {2000, 0}). nullopt for anything else,
// for more than kMaxDecimalDigits significant digits, or for a scale above kMaxDecimalDigits.
std::optional<sdk::Decimal> parse_decimal(std::string_view text) noexcept;

// A non-negative integer of decimal digits only (no sign, no exponent) that fits an int64.
std::optional<std::int64_t> parse_int64(std::string_view text) noexcept;
// The same for unsigned values (request ids), up to UINT64_MAX.
std::optional<std::uint64_t> parse_uint64(std::string_view text) noexcept;

// Exact product, scales added ({12, 0} x {1, 3} = {12, 3}: 12 contracts of 0.001 BTC are
// 0.012 BTC); nullopt when the mantissa overflows or the scale would exceed kMaxDecimalDigits.
std::optional<sdk::Decimal> multiply(const sdk::Decimal& a, const sdk::Decimal& b) noexcept;

}  // namespace tradehost::kucoinfutures
