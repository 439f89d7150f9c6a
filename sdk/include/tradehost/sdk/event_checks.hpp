// What makes a normalized event usable: the checks an adapter applies before it appends an event
// (a frame that fails them is a decode error, not an event), and that the conformance kit
// applies to everything an adapter emits. Allocation-free; nullptr means valid, else the reason.
#pragma once

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/timeframe.hpp>

#include <chrono>
#include <cstdint>

namespace tradehost::sdk {

// Venue times outside (0, kLatestEventTimeMs] are refused: the bound keeps every sum the host
// makes of a time (next bar's open, lag in microseconds) far from overflow, whatever a frame says.
inline constexpr std::int64_t kLatestEventTimeMs = 4102444800000;  // 2100-01-01T00:00:00Z
// Trade ids above this are refused, so `trade_id + 1` (the next id to fetch) cannot overflow.
inline constexpr std::int64_t kMaxTradeId = std::int64_t{1} << 62;

constexpr bool plausible_time_ms(std::int64_t time_ms) noexcept {
  return time_ms > 0 && time_ms <= kLatestEventTimeMs;
}

// How far ahead of the clock a venue time may be. A bar or trade stamped days ahead is a broken
// or hostile frame: taken as it is, it would make every real bar after it look stale to whatever
// keeps the latest time per stream (an adapter's bar tracker, the host's kline continuity).
// A week, not a minute: exchange-sim runs its clock up to `--speed` times as fast as real time.
inline constexpr std::int64_t kMaxClockLeadMs = 7LL * 24 * 3600 * 1000;

// Admits times at most `lead_ms` ahead of a clock. Reads the clock only when a time passes the
// limit last computed, so the check costs one comparison per event (no clock call per frame).
class FutureHorizon {
 public:
  explicit FutureHorizon(std::int64_t lead_ms = kMaxClockLeadMs) noexcept : lead_ms_(lead_ms) {}

  // `now_ms()`: the clock, in ms since the epoch (the wall clock by default).
  template <typename NowMs>
  bool admits(std::int64_t time_ms, NowMs&& now_ms) noexcept {
    if (time_ms <= limit_ms_) return true;
    limit_ms_ = now_ms() + lead_ms_;
    return time_ms <= limit_ms_;
  }
  bool admits(std::int64_t time_ms) noexcept { return admits(time_ms, wall_clock_ms); }

  static std::int64_t wall_clock_ms() noexcept {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

 private:
  std::int64_t lead_ms_;
  std::int64_t limit_ms_ = 0;  // nothing admitted until the clock was read once
};

namespace detail {
__extension__ typedef __int128 Wide;  // GCC and Clang; exact products of 18-digit mantissas

// a <=> b for decimals of any scales (exact).
constexpr int compare(const Decimal& a, const Decimal& b) noexcept {
  Wide x = a.mantissa;
  Wide y = b.mantissa;
  for (int s = a.scale; s < b.scale; ++s) x *= 10;
  for (int s = b.scale; s < a.scale; ++s) y *= 10;
  return x < y ? -1 : (x > y ? 1 : 0);
}
constexpr bool positive(const Decimal& d) noexcept { return d.mantissa > 0 && d.scale <= 18; }
constexpr bool non_negative(const Decimal& d) noexcept { return d.mantissa >= 0 && d.scale <= 18; }
}  // namespace detail

constexpr const char* kline_problem(const Kline& k) noexcept {
  if (!plausible_time_ms(k.open_time_ms)) return "open time not after 1970 and before 2100";
  if (k.timeframe != Timeframe::mo1 && k.open_time_ms % (duration_seconds(k.timeframe) * 1000) != 0) {
    return "open time not aligned to the timeframe";
  }
  if (!detail::positive(k.open) || !detail::positive(k.high) || !detail::positive(k.low) ||
      !detail::positive(k.close)) {
    return "a price <= 0";
  }
  if (!detail::non_negative(k.volume)) return "a negative volume";
  if (detail::compare(k.high, k.low) < 0) return "high below low";
  if (detail::compare(k.open, k.low) < 0 || detail::compare(k.open, k.high) > 0 || detail::compare(k.close, k.low) < 0 ||
      detail::compare(k.close, k.high) > 0) {
    return "open or close outside [low, high]";
  }
  return nullptr;
}

constexpr const char* trade_problem(const Trade& t) noexcept {
  if (t.side != Side::buy && t.side != Side::sell) return "a side that is neither buy nor sell";
  if (!detail::positive(t.price) || !detail::positive(t.qty)) return "a price or quantity <= 0";
  if (!plausible_time_ms(t.time_ms)) return "time not after 1970 and before 2100";
  if (t.trade_id < 0 || t.trade_id > kMaxTradeId) return "a trade id below 0 or above 2^62";
  return nullptr;
}

constexpr const char* book_ticker_problem(const BookTicker& b) noexcept {
  if (!detail::positive(b.bid) || !detail::positive(b.ask)) return "a bid or ask <= 0";
  if (!detail::non_negative(b.bid_qty) || !detail::non_negative(b.ask_qty)) return "a negative quantity";
  if (!plausible_time_ms(b.time_ms)) return "time not after 1970 and before 2100";
  return nullptr;
}

constexpr const char* event_problem(const Event& e) noexcept {
  switch (e.kind) {
    case EventKind::kline: return kline_problem(e.kline);
    case EventKind::trade: return trade_problem(e.trade);
    case EventKind::book_ticker: return book_ticker_problem(e.book_ticker);
  }
  return "an unknown event kind";
}

// The time an event carries: a kline's open, a trade's or a quote's time.
constexpr std::int64_t event_time_ms(const Event& e) noexcept {
  switch (e.kind) {
    case EventKind::kline: return e.kline.open_time_ms;
    case EventKind::trade: return e.trade.time_ms;
    case EventKind::book_ticker: return e.book_ticker.time_ms;
  }
  return 0;
}

}  // namespace tradehost::sdk
