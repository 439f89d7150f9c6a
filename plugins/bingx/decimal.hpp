// Exact decimal text -> sdk::Decimal, keeping the venue's number of decimals.
//
// BingX sends prices and quantities as decimal strings (protocols/bingx.md §5: "Decimals are
// strings"), sometimes as bare numbers (§10: "numbers sometimes quoted, sometimes not"); both come
// here as the text of the token. Pure function, no allocation: used on the decode hot path.
#pragma once

#include <string_view>

#include <tradehost/sdk/events.hpp>

namespace tradehost::bingx {

// Most significant digits a mantissa may carry: 10^18 - 1 always fits an int64.
inline constexpr int kMaxSignificantDigits = 18;
// Most decimals we keep; more would make 10^scale overflow an int64 for any consumer.
inline constexpr int kMaxScale = 18;

// "94210.50" -> {9421050, 2}, "-0.005" -> {-5, 3}, "5" -> {5, 0}. Accepts an optional '-', then
// digits, then optionally '.' and at least one digit. Refuses '+', exponents, a bare '.', empty
// text, more than kMaxSignificantDigits significant digits or more than kMaxScale decimals.
bool parse_decimal(std::string_view text, sdk::Decimal& out) noexcept;

}  // namespace tradehost::bingx
