// Fixed-point numbers as the venues print them: an integer count of 10^-decimals units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tradehost::sim {

// format_fixed(9421050, 2) == "94210.50"; format_fixed(-5, 3) == "-0.005".
std::string format_fixed(std::int64_t units, int decimals);

// 10^n for small n.
std::int64_t pow10(int n);

}  // namespace tradehost::sim

namespace tradehost::sim {

// "94210.50" at 2 decimals -> 9421050. nullopt for anything that is not a plain non-negative
// decimal, or that has non-zero digits beyond `decimals` (the venues' precision errors).
std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals);

}  // namespace tradehost::sim
