// Printing sdk::Decimal exactly: mantissa / 10^scale with exactly `scale` decimals.
#pragma once

#include <string>

#include <tradehost/sdk/events.hpp>

namespace tradehost::conformance {

// {9421050, 2} -> "94210.50"; {5, 0} -> "5"; {-5, 3} -> "-0.005".
std::string to_string(const sdk::Decimal& d);
// The value as a double, for arithmetic that tolerates rounding (statistics, not money).
double to_double(const sdk::Decimal& d) noexcept;

}  // namespace tradehost::conformance
