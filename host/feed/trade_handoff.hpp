// TradeHandoff: which connection's trades reach the strategy, on a venue whose trade ids rise per
// symbol (Manifest::trade_ids == increasing), so that no trade is doubled or skipped when one
// connection hands a symbol to another.
//
// Each symbol has one source connection at a time. A newer connection (a make-before-break
// replacement, or the one after a reconnect) takes a symbol over only where its trades meet the
// ones already delivered, because two connections to a venue are rarely in step:
//  - the newer one is level or behind (a trade at or below the last delivered id): it takes over
//    at once, and its trades up to the last delivered id are dropped as repeats;
//  - the newer one is ahead (its first trades are above the last delivered id): they are held
//    until the source delivers the first held id or beyond, and the rest are released then;
//  - the source ends with trades held: they are released, and the handoff counts as unmatched
//    (trades between may be missing); a source that ends with none held leaves the symbol to the
//    next connection that carries it.
// An older connection never takes a symbol back, and a trade at or below the last delivered id
// is a repeat whichever connection carried it (KuCoin may replay fills after a reconnect).
// Pure logic, no I/O: the feed passes trades in and delivers what comes out.
#pragma once

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

struct HandoffCounters {
  std::uint64_t repeats_dropped = 0;     // trades already delivered, or carried by a superseded connection
  std::uint64_t handoffs = 0;            // a symbol passed to a newer connection where their trades met
  std::uint64_t handoffs_unmatched = 0;  // passed without meeting: trades between may be missing
};

class TradeHandoff {
 public:
  // Trades held for one symbol before the handoff goes ahead unmatched (the source is stuck).
  static constexpr std::size_t kDefaultMaxHeld = 4096;

  explicit TradeHandoff(std::size_t max_held = kDefaultMaxHeld) : max_held_(max_held) {}

  // A trade connection `conn` carried (connection ids rise in the order they were opened).
  // Appends to `out`, in order, the trades to deliver now: none, this one, or held ones too.
  // True when this trade made a handoff go ahead unmatched (too many held: the source is stuck).
  bool on_trade(std::uint64_t conn, const sdk::Event& trade, std::vector<sdk::Event>& out);

  // Connection `conn` ended. Appends to `out` the trades released by symbols it was the source
  // of; `unmatched` gets those symbols whose handoff did not meet (for the operator's log).
  void on_connection_end(std::uint64_t conn, std::vector<sdk::Event>& out, std::vector<sdk::SymbolId>& unmatched);

  const HandoffCounters& counters() const { return counters_; }

 private:
  struct SymbolState {
    bool has_source = false;
    std::uint64_t source = 0;
    std::int64_t last_id = std::numeric_limits<std::int64_t>::min();  // the last trade delivered
    std::uint64_t holder = 0;        // the newer connection whose trades are held
    std::vector<sdk::Event> held;    // its trades, above last_id, in arrival order
  };

  void deliver(SymbolState& s, const sdk::Event& trade, std::vector<sdk::Event>& out);
  // The holder becomes the source; its held trades above last_id are delivered.
  void hand_over(SymbolState& s, std::vector<sdk::Event>& out);

  std::size_t max_held_;
  std::unordered_map<sdk::SymbolId, SymbolState> symbols_;
  HandoffCounters counters_;
};

}  // namespace tradehost::feed
