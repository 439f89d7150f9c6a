// TradeGaps: no trade missed across a reconnect, on a venue whose trade ids rise by exactly one
// per trade of a symbol and whose adapter fetches trades by id (Adapter::trades_request, ABI 6;
// Binance's aggregate trades).
//
// Trades come here after the handoff (trade_handoff.hpp: in order, no repeats). A trade more than
// one id past the last delivered one opens a gap: it is held, with every later trade of its
// symbol, while the feed fetches the missing ids over REST; complete() then delivers the fetched
// trades that fall in the gap, and the held ones after them, in order. A fetch that fails leaves
// a counted hole and the held trades go on. Pure logic, no I/O.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

struct TradeGapCounters {
  std::uint64_t gaps_found = 0;
  std::uint64_t gaps_filled = 0;       // every missing id came back
  std::uint64_t gaps_unfilled = 0;     // some did not (fetch failed, venue no longer had them)
  std::uint64_t trades_backfilled = 0;
  std::uint64_t trades_missed = 0;     // ids of unfilled gaps never delivered
};

// The ids missing before a held trade: [first_id, last_id].
struct TradeRange {
  sdk::SymbolId symbol = 0;
  std::int64_t first_id = 0;
  std::int64_t last_id = 0;
  bool operator==(const TradeRange&) const = default;
};

class TradeGaps {
 public:
  // Trades held for one symbol before its fill is given up (the fetch is stuck).
  static constexpr std::size_t kDefaultMaxHeld = 50000;

  explicit TradeGaps(std::size_t max_held = kDefaultMaxHeld) : max_held_(max_held) {}

  // A trade to deliver. Appends to `out` what goes to the strategy now, in order, and to `fetch`
  // a range to fetch when this trade opened a gap.
  void on_trade(const sdk::Event& trade, std::vector<sdk::Event>& out, std::vector<TradeRange>& fetch);

  // The fetch of `range` ended: `fetched` are the venue's trades from range.first_id on, oldest
  // first (ok = false when it failed; what it got is still used). Appends what to deliver now,
  // and new ranges when the held trades themselves had a gap. A range no longer awaited (its fill
  // was given up) is ignored.
  void complete(const TradeRange& range, std::span<const sdk::Trade> fetched, bool ok, std::vector<sdk::Event>& out,
                std::vector<TradeRange>& fetch);

  // Whether a fill of `symbol` is running (its trades are held).
  bool filling(sdk::SymbolId symbol) const;
  // Whether `range` is still the one its symbol's held trades wait for (not given up).
  bool awaiting(const TradeRange& range) const;
  const TradeGapCounters& counters() const { return counters_; }

 private:
  struct State {
    std::int64_t last_id = std::numeric_limits<std::int64_t>::min();  // the last delivered
    bool filling = false;
    TradeRange range;
    std::vector<sdk::Event> held;
  };

  void deliver(State& s, const sdk::Event& trade, std::vector<sdk::Event>& out);
  // The fill of `s` ends: held trades go through on_trade again (they may hold another gap).
  void release(State& s, std::vector<sdk::Event>& out, std::vector<TradeRange>& fetch);

  std::size_t max_held_;
  std::unordered_map<sdk::SymbolId, State> symbols_;
  TradeGapCounters counters_;
};

}  // namespace tradehost::feed
