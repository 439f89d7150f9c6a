// What makes a normalized event usable: the checks an adapter applies before it appends an event
// (a frame that fails them is a decode error, not an event), and that the conformance kit
// applies to everything an adapter emits. Allocation-free; nullptr means valid, else the reason.
#pragma once

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

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
  if (k.open_time_ms <= 0) return "open time <= 0";
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
  if (t.time_ms <= 0) return "time <= 0";
  return nullptr;
}

constexpr const char* book_ticker_problem(const BookTicker& b) noexcept {
  if (!detail::positive(b.bid) || !detail::positive(b.ask)) return "a bid or ask <= 0";
  if (!detail::non_negative(b.bid_qty) || !detail::non_negative(b.ask_qty)) return "a negative quantity";
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

}  // namespace tradehost::sdk
