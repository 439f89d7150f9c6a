// KlineTracker: turns BingX's flagless kline pushes into open and closed bars.
//
// protocols/bingx.md §5: a kline push carries the current bar (`T` = bar open time) about once a
// second and has no closed/final flag; a bar is final when a push with a larger `T` arrives, and
// the last update seen for the old `T` is its closing state. So per (symbol, timeframe) we keep the
// last bar seen:
//   - a larger `T`  -> the kept bar again with closed = true, then the new bar with closed = false;
//   - the same `T`  -> the bar, updated, with closed = false;
//   - a smaller `T` -> nothing (a stale bar we already closed; the host backfills from REST).
// (The host also closes a bar whose end passes with no successor: Manifest::kline_close is
// next_open.)
//
// The table is sized once in reset() (bind_symbols); the decoder copies a slot, advances the
// copy, and stores it back only when the whole frame was accepted, so a rejected frame leaves no
// trace. One thread at a time.
#pragma once

#include <cstddef>
#include <vector>

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::bingx {

struct KlineSlot {
  bool has_bar = false;
  sdk::Kline bar{};  // the last bar seen, closed = false
};

// Applies the rule above to one received bar (closed = false): writes 0, 1 or 2 events' klines
// to out[0..] and returns how many; updates `slot`.
std::size_t advance(KlineSlot& slot, const sdk::Kline& bar, sdk::Kline out[2]) noexcept;

class KlineTracker {
 public:
  // Forgets every bar and makes room for `symbols` dense symbol indexes x every timeframe.
  void reset(std::size_t symbols);
  // nullptr for an index or timeframe outside the table.
  KlineSlot* slot(std::size_t symbol_index, sdk::Timeframe timeframe) noexcept;

 private:
  std::vector<KlineSlot> slots_;
};

}  // namespace tradehost::bingx
