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
  // On every kline a decoder reads: names are 2 or 3 characters, so a length and last-character
  // check rules out almost every candidate before a full comparison.
  if (text.size() < 2 || text.size() > 3) return std::nullopt;
  for (Timeframe tf : kAllTimeframes) {
    const std::string_view name = to_string(tf);
    if (name.size() == text.size() && name.back() == text.back() && name == text) return tf;
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

namespace detail {
// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil algorithms).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};
constexpr CivilDate civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}
}  // namespace detail

// The open time of the bar after the one opening at `open_ms` (UTC, ms): open + length, and for
// months the first of the next calendar month.
constexpr std::int64_t next_open_ms(Timeframe tf, std::int64_t open_ms) noexcept {
  if (tf != Timeframe::mo1) return open_ms + duration_seconds(tf) * 1000;
  constexpr std::int64_t kDayMs = 86400000;
  const std::int64_t days = open_ms >= 0 ? open_ms / kDayMs : (open_ms - kDayMs + 1) / kDayMs;
  const detail::CivilDate date = detail::civil_from_days(days);
  const std::int64_t year = date.month == 12 ? date.year + 1 : date.year;
  const unsigned month = date.month == 12 ? 1 : date.month + 1;
  return detail::days_from_civil(year, month, 1) * kDayMs;
}

}  // namespace tradehost::sdk
