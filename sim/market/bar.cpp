#include "market/bar.hpp"

namespace tradehost::sim {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// Days since 1970-01-01 <-> civil date (Howard Hinnant's algorithms).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::int64_t bar_open_ms(sdk::Timeframe tf, std::int64_t t_ms) {
  if (tf == sdk::Timeframe::mo1) {
    std::int64_t y;
    unsigned m, d;
    civil_from_days(floor_div(t_ms, kDayMs), y, m, d);
    return days_from_civil(y, m, 1) * kDayMs;
  }
  if (tf == sdk::Timeframe::w1) {
    constexpr std::int64_t kMondayOffset = 4 * kDayMs;  // 1970-01-05 was a Monday
    constexpr std::int64_t kWeek = 7 * kDayMs;
    return floor_div(t_ms - kMondayOffset, kWeek) * kWeek + kMondayOffset;
  }
  const std::int64_t len = sdk::duration_seconds(tf) * 1000;
  return floor_div(t_ms, len) * len;
}

std::int64_t next_bar_open_ms(sdk::Timeframe tf, std::int64_t open_ms) {
  if (tf == sdk::Timeframe::mo1) {
    std::int64_t y;
    unsigned m, d;
    civil_from_days(floor_div(open_ms, kDayMs), y, m, d);
    if (++m > 12) {
      m = 1;
      ++y;
    }
    return days_from_civil(y, m, 1) * kDayMs;
  }
  if (tf == sdk::Timeframe::w1) return open_ms + 7 * kDayMs;
  return open_ms + sdk::duration_seconds(tf) * 1000;
}

}  // namespace tradehost::sim
