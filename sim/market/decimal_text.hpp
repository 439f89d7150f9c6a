// Fixed-point numbers as the venues print them: an integer count of 10^-decimals units.
#pragma once

#include <cstdint>
#include <string>

namespace tradehost::sim {

// format_fixed(9421050, 2) == "94210.50"; format_fixed(-5, 3) == "-0.005".
std::string format_fixed(std::int64_t units, int decimals);

// 10^n for small n.
std::int64_t pow10(int n);

}  // namespace tradehost::sim
