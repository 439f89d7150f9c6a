// TradeHandoff: which connection's trades reach the strategy, on a venue whose trade ids rise per
// symbol (Manifest::trade_ids == increasing), so that no trade is doubled or skipped when one
// connection hands a symbol to another.
//
// The feed promotes a connection when it starts serving its streams (the first connection, one
// after a reconnect, a make-before-break replacement once it takes over); trades of a connection
// not promoted yet are dropped (the serving one carries them too, and the new one may still
// fail). Each symbol has one source connection at a time. A connection promoted later takes a
// symbol over only where its trades meet the ones already delivered, because two connections to
// a venue are rarely in step:
//  - the later one is level or behind (a trade at or below the last delivered id): it takes over
//    at once, and its trades up to the last delivered id are dropped as repeats;
//  - the later one is ahead (its first trades are above the last delivered id): they are held
//    until the source delivers the first held id or beyond, and the rest are released then;
//  - the source ends with trades held: they are released, and the handoff counts as unmatched
//    (trades between may be missing); a source that ends with none held leaves the symbol to the
//    next promoted connection that carries it.
// A connection promoted earlier never takes a symbol back, and a trade at or below the last
// delivered id is a repeat whichever connection carried it (KuCoin may replay fills after a
// reconnect). Pure logic, no I/O: the feed passes trades in and delivers what comes out.
#pragma once

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

struct HandoffCounters {
  std::uint64_t repeats_dropped = 0;     // trades already delivered, or carried by a connection not serving
  std::uint64_t handoffs = 0;            // a symbol passed to a newer connection where their trades met
  std::uint64_t handoffs_unmatched = 0;  // passed without meeting: trades between may be missing
};

class TradeHandoff {
 public:
  // Trades held for one symbol before the handoff goes ahead unmatched (the source is stuck).
  static constexpr std::size_t kDefaultMaxHeld = 4096;

  explicit TradeHandoff(std::size_t max_held = kDefaultMaxHeld) : max_held_(max_held) {}

  // Connection `conn` serves its streams from now on: ranked after every connection promoted
  // before it. Promoting it again ranks it last again (a replacement promoted when the active
  // connection died, then overtaken by a reconnect, that takes over after all).
  void promote(std::uint64_t conn);

  // A trade connection `conn` carried. Appends to `out`, in order, the trades to deliver now:
  // none, this one, or held ones too.
  // True when this trade made a handoff go ahead unmatched (too many held: the source is stuck).
  bool on_trade(std::uint64_t conn, const sdk::Event& trade, std::vector<sdk::Event>& out);

  // Connection `conn` ended (it is forgotten). Appends to `out` the trades released by symbols it was the source
  // of; `unmatched` gets those symbols whose handoff did not meet (for the operator's log).
  void on_connection_end(std::uint64_t conn, std::vector<sdk::Event>& out, std::vector<sdk::SymbolId>& unmatched);

  const HandoffCounters& counters() const { return counters_; }

 private:
  // Connections are ranked 1, 2, ... in the order they were promoted; 0 is none.
  struct SymbolState {
    std::uint64_t source = 0;        // the rank of the connection whose trades are delivered
    std::int64_t last_id = std::numeric_limits<std::int64_t>::min();  // the last trade delivered
    std::uint64_t holder = 0;        // the rank of the later connection whose trades are held
    std::vector<sdk::Event> held;    // its trades, above last_id, in arrival order
  };

  void deliver(SymbolState& s, const sdk::Event& trade, std::vector<sdk::Event>& out);
  // The holder becomes the source; its held trades above last_id are delivered.
  void hand_over(SymbolState& s, std::vector<sdk::Event>& out);

  std::size_t max_held_;
  std::uint64_t last_rank_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> ranks_;  // connection id -> rank, while promoted
  std::unordered_map<sdk::SymbolId, SymbolState> symbols_;
  HandoffCounters counters_;
};

}  // namespace tradehost::feed
