// Decimal <-> the exact text the journal stores (TEXT columns, never REAL: a REAL would round
// 0.1 and lose money). The scale is kept: {10, 3} is "0.010" and reads back as {10, 3}.
// Pure functions, any thread.
#pragma once

#include <tradehost/sdk/events.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace tradehost::journal {

// "-12.340" for {-12340, 3}; "5" for {5, 0}; "0.00012" for {12, 5}.
std::string decimal_to_text(sdk::Decimal value);

// The inverse (sdk::parse_decimal's grammar: -?D+(.D+)?, at most 18 digits).
std::optional<sdk::Decimal> decimal_from_text(std::string_view text);

}  // namespace tradehost::journal
