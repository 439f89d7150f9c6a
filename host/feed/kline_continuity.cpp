#include "feed/kline_continuity.hpp"

#include <algorithm>

#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::feed {
namespace {

// The open time of the bar before the one opening at `open_ms` (a month is 28 to 31 days back:
// the one whose next open lands on `open_ms`).
std::int64_t previous_open_ms(sdk::Timeframe tf, std::int64_t open_ms) {
  if (tf != sdk::Timeframe::mo1) return open_ms - sdk::duration_seconds(tf) * 1000;
  constexpr std::int64_t kDayMs = 86400000;
  for (std::int64_t days = 31; days >= 28; --days) {
    if (sdk::next_open_ms(tf, open_ms - days * kDayMs) == open_ms) return open_ms - days * kDayMs;
  }
  return open_ms - 28 * kDayMs;
}

}  // namespace

KlineContinuity::Outcome KlineContinuity::on_live(const sdk::Kline& closed) {
  State& s = streams_[{closed.symbol, closed.timeframe}];
  if (s.filling) {
    s.held.push_back(closed);
    return {Action::hold, std::nullopt};
  }
  if (!s.last_open_ms) {
    s.last_open_ms = closed.open_time_ms;
    return {Action::deliver, std::nullopt};
  }
  if (closed.open_time_ms <= *s.last_open_ms) {
    ++counters_.duplicates_dropped;
    return {Action::duplicate, std::nullopt};
  }
  const std::int64_t expected = sdk::next_open_ms(closed.timeframe, *s.last_open_ms);
  if (closed.open_time_ms == expected) {
    s.last_open_ms = closed.open_time_ms;
    return {Action::deliver, std::nullopt};
  }
  ++counters_.gaps_found;
  s.filling = true;
  s.gap_counted = true;
  s.held.push_back(closed);
  return {Action::hold, FillRange{closed.symbol, closed.timeframe, expected,
                                  previous_open_ms(closed.timeframe, closed.open_time_ms)}};
}

std::optional<FillRange> KlineContinuity::on_resubscribed(sdk::SymbolId symbol, sdk::Timeframe tf,
                                                          std::int64_t venue_now_ms) {
  auto it = streams_.find({symbol, tf});
  if (it == streams_.end() || !it->second.last_open_ms || it->second.filling) return std::nullopt;
  State& s = it->second;
  const std::int64_t first = sdk::next_open_ms(tf, *s.last_open_ms);
  // Only bars that have ended can be missing; the one still open arrives live (a REST row for it
  // is partial and must never be delivered as closed).
  if (sdk::next_open_ms(tf, first) > venue_now_ms) return std::nullopt;
  std::int64_t last_ended = first;
  if (tf == sdk::Timeframe::mo1) {
    while (sdk::next_open_ms(tf, sdk::next_open_ms(tf, last_ended)) <= venue_now_ms) {
      last_ended = sdk::next_open_ms(tf, last_ended);
    }
  } else {
    const std::int64_t len = sdk::duration_seconds(tf) * 1000;
    last_ended = first + ((venue_now_ms - first) / len - 1) * len;
  }
  s.filling = true;
  s.gap_counted = false;
  return FillRange{symbol, tf, first, last_ended};
}

bool KlineContinuity::missing_before(sdk::SymbolId symbol, sdk::Timeframe tf, std::int64_t open_ms) const {
  auto it = streams_.find({symbol, tf});
  if (it == streams_.end() || !it->second.last_open_ms || it->second.filling) return false;
  const State& s = it->second;
  return sdk::next_open_ms(tf, *s.last_open_ms) < open_ms && open_ms > s.fetched_before_open_ms;
}

std::optional<FillRange> KlineContinuity::on_open_bar(sdk::SymbolId symbol, sdk::Timeframe tf, std::int64_t open_ms) {
  if (!missing_before(symbol, tf, open_ms)) return std::nullopt;
  State& s = streams_.at({symbol, tf});
  const std::int64_t first = sdk::next_open_ms(tf, *s.last_open_ms);
  s.fetched_before_open_ms = open_ms;
  s.filling = true;
  s.gap_counted = false;  // counted when the fetch brings bars that were really missing
  return FillRange{symbol, tf, first, previous_open_ms(tf, open_ms)};
}

bool KlineContinuity::take(State& s, const sdk::Kline& k, std::vector<sdk::Kline>& out) {
  if (s.last_open_ms && k.open_time_ms <= *s.last_open_ms) {
    ++counters_.duplicates_dropped;
    return false;
  }
  s.last_open_ms = k.open_time_ms;
  out.push_back(k);
  return true;
}

std::vector<sdk::Kline> KlineContinuity::complete_fill(const FillRange& range, std::span<const sdk::Kline> fetched,
                                                       bool ok, std::optional<FillRange>* follow_up) {
  std::vector<sdk::Kline> out;
  auto it = streams_.find({range.symbol, range.timeframe});
  if (it == streams_.end()) return out;
  State& s = it->second;
  std::uint64_t filled = 0;
  for (const sdk::Kline& k : fetched) {
    if (!k.closed || k.open_time_ms < range.first_open_ms || k.open_time_ms > range.last_open_ms) continue;
    if (s.last_open_ms && k.open_time_ms != sdk::next_open_ms(range.timeframe, *s.last_open_ms) &&
        k.open_time_ms > *s.last_open_ms) {
      break;  // the venue skipped a bar: what follows would not be continuous
    }
    if (take(s, k, out)) ++filled;
  }
  counters_.klines_backfilled += filled;

  // The held live bars follow, in order, as far as they continue the stream. A hole before or
  // among them (the range was computed on a venue clock that ran behind, live bars arrived past
  // it, or the connection dropped again while the fill ran) is fetched too, up to
  // kMaxFollowUps times, and the bars after it wait for that.
  std::sort(s.held.begin(), s.held.end(),
            [](const sdk::Kline& a, const sdk::Kline& b) { return a.open_time_ms < b.open_time_ms; });
  std::size_t next = 0;
  for (; next < s.held.size(); ++next) {
    const sdk::Kline& k = s.held[next];
    if (s.last_open_ms && k.open_time_ms > sdk::next_open_ms(k.timeframe, *s.last_open_ms)) break;
    take(s, k, out);
  }
  if (next < s.held.size() && ok && follow_up != nullptr && s.follow_ups < kMaxFollowUps) {
    ++s.follow_ups;
    if (!s.gap_counted) {
      ++counters_.gaps_found;
      s.gap_counted = true;
    }
    s.held.erase(s.held.begin(), s.held.begin() + static_cast<std::ptrdiff_t>(next));
    *follow_up = FillRange{range.symbol, range.timeframe, sdk::next_open_ms(range.timeframe, *s.last_open_ms),
                           previous_open_ms(range.timeframe, s.held.front().open_time_ms)};
    return out;
  }
  const bool continuous = next == s.held.size();
  for (; next < s.held.size(); ++next) take(s, s.held[next], out);
  // A resubscribe's fill counts as a gap only when bars were really missing.
  const bool hole = s.gap_counted || filled > 0 || !continuous;
  if (hole && !s.gap_counted) ++counters_.gaps_found;
  if (hole) ++(ok && continuous ? counters_.gaps_filled : counters_.gaps_unfilled);
  s.held.clear();
  s.filling = false;
  s.gap_counted = false;
  s.follow_ups = 0;
  return out;
}

std::optional<std::int64_t> KlineContinuity::last_delivered(sdk::SymbolId symbol, sdk::Timeframe tf) const {
  auto it = streams_.find({symbol, tf});
  if (it == streams_.end()) return std::nullopt;
  return it->second.last_open_ms;
}

}  // namespace tradehost::feed
