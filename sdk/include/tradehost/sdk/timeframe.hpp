// Unified kline timeframes, spelled as operators write them (`1m`, `4h`, `1M` = one month).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tradehost::sdk {

// Values cross the plugin boundary: never renumber (bump kAbiVersion if you must).
enum class Timeframe : std::uint8_t {
  m1 = 1, m3, m5, m15, m30, h1, h2, h4, h6, h8, h12, d1, d3, w1, mo1,
};

inline constexpr std::array<Timeframe, 15> kAllTimeframes = {
    Timeframe::m1, Timeframe::m3, Timeframe::m5, Timeframe::m15, Timeframe::m30,
    Timeframe::h1, Timeframe::h2, Timeframe::h4, Timeframe::h6, Timeframe::h8,
    Timeframe::h12, Timeframe::d1, Timeframe::d3, Timeframe::w1, Timeframe::mo1};

constexpr std::string_view to_string(Timeframe tf) noexcept {
  switch (tf) {
    case Timeframe::m1: return "1m";
    case Timeframe::m3: return "3m";
    case Timeframe::m5: return "5m";
    case Timeframe::m15: return "15m";
    case Timeframe::m30: return "30m";
    case Timeframe::h1: return "1h";
    case Timeframe::h2: return "2h";
    case Timeframe::h4: return "4h";
    case Timeframe::h6: return "6h";
    case Timeframe::h8: return "8h";
    case Timeframe::h12: return "12h";
    case Timeframe::d1: return "1d";
    case Timeframe::d3: return "3d";
    case Timeframe::w1: return "1w";
    case Timeframe::mo1: return "1M";
  }
  return "?";
}

// Exact, case-sensitive: `1M` is a month and `1m` a minute, as on every venue.
constexpr std::optional<Timeframe> parse_timeframe(std::string_view text) noexcept {
  for (Timeframe tf : kAllTimeframes) {
    if (to_string(tf) == text) return tf;
  }
  return std::nullopt;
}

// Bar length in seconds; a month is given its shortest length (28 days) and is calendar-aligned
// by the venues, so callers must not do arithmetic on it.
constexpr std::int64_t duration_seconds(Timeframe tf) noexcept {
  switch (tf) {
    case Timeframe::m1: return 60;
    case Timeframe::m3: return 180;
    case Timeframe::m5: return 300;
    case Timeframe::m15: return 900;
    case Timeframe::m30: return 1800;
    case Timeframe::h1: return 3600;
    case Timeframe::h2: return 7200;
    case Timeframe::h4: return 14400;
    case Timeframe::h6: return 21600;
    case Timeframe::h8: return 28800;
    case Timeframe::h12: return 43200;
    case Timeframe::d1: return 86400;
    case Timeframe::d3: return 259200;
    case Timeframe::w1: return 604800;
    case Timeframe::mo1: return 2419200;
  }
  return 0;
}

}  // namespace tradehost::sdk
