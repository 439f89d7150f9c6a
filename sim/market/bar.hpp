// Bars (klines) of the simulated market and their calendar.
#pragma once

#include <cstdint>

#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sim {

struct Bar {
  std::int64_t open_ms = 0;
  std::int64_t next_open_ms = 0;  // close time is next_open_ms - 1
  std::int64_t open = 0, high = 0, low = 0, close = 0;  // ticks
  std::int64_t volume = 0;             // qty steps
  std::int64_t quote_volume = 0;       // ticks x steps
  std::int64_t taker_buy_volume = 0;   // qty steps
  std::int64_t taker_buy_quote = 0;    // ticks x steps
  std::int64_t trades = 0;
  std::int64_t first_trade_id = 0;     // 0 when the bar has no trade
  std::int64_t last_trade_id = 0;
};

// Open time of the bar of `tf` that contains `t_ms` (UTC). Weeks open on Monday 00:00, months
// on the 1st 00:00, everything else on multiples of its length since the epoch.
std::int64_t bar_open_ms(sdk::Timeframe tf, std::int64_t t_ms);
// Open time of the bar after the one that opens at `open_ms`.
std::int64_t next_bar_open_ms(sdk::Timeframe tf, std::int64_t open_ms);

}  // namespace tradehost::sim
