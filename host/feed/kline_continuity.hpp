// KlineContinuity: every closed kline of a stream delivered once, in order, with no hole.
//
// Live closed klines pass through on_live(): the next bar is delivered, a bar already delivered
// is dropped as a duplicate (reconnects and make-before-break overlaps replay bars), and a bar
// after a hole starts a fill: it is held, with every later bar, until the REST fill of the hole
// completes; complete_fill() then releases the fetched bars and the held ones in order. After a
// reconnect, on_resubscribed() asks for the bars closed while the stream was away. Pure logic;
// the feed does the fetching. Klines that are not closed never come here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

struct ContinuityCounters {
  std::uint64_t gaps_found = 0;
  std::uint64_t gaps_filled = 0;     // every missing bar came back from REST
  std::uint64_t gaps_unfilled = 0;   // the fill failed or the venue had no bars: a hole remains
  std::uint64_t klines_backfilled = 0;
  std::uint64_t duplicates_dropped = 0;
};

struct FillRange {
  sdk::SymbolId symbol = 0;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;
  std::int64_t first_open_ms = 0;  // the first missing bar
  std::int64_t last_open_ms = 0;   // the last bar that may be missing (inclusive)
};

class KlineContinuity {
 public:
  static constexpr int kMaxFollowUps = 3;
  enum class Action { deliver, duplicate, hold };
  struct Outcome {
    Action action = Action::deliver;
    std::optional<FillRange> fill;  // set when this bar opened a hole: fetch it
  };

  Outcome on_live(const sdk::Kline& closed);
  // The stream was resubscribed and `venue_now_ms` is the venue's time: the range of bars that
  // may have closed meanwhile, or nullopt (nothing delivered yet, a fill already running, or no
  // whole bar elapsed). While the fill runs, live bars are held.
  std::optional<FillRange> on_resubscribed(sdk::SymbolId symbol, sdk::Timeframe tf, std::int64_t venue_now_ms);
  // A bar opening at `open_ms` is live on the serving connection: every bar before it has ended.
  // Those not delivered yet (a connection that joined after the bar before it closed never
  // closes that one) are the range to fetch now, or nullopt (none missing, nothing delivered
  // yet, a fill already running, or one already asked for this open bar: a venue that has no
  // row for a quiet bar is not asked again at every update). Live bars are held while it runs.
  std::optional<FillRange> on_open_bar(sdk::SymbolId symbol, sdk::Timeframe tf, std::int64_t open_ms);
  // Whether on_open_bar would ask for bars now (it changes nothing): for a caller with more
  // conditions to weigh first.
  bool missing_before(sdk::SymbolId symbol, sdk::Timeframe tf, std::int64_t open_ms) const;
  // The fill of `range` ended: `fetched` are the venue's closed bars, oldest first (empty and
  // ok = false when it failed). Returns what to deliver now, in order. When a hole remains
  // before or among the held live bars, `*follow_up` is set (up to kMaxFollowUps times per fill)
  // and the held bars after the hole wait for it.
  std::vector<sdk::Kline> complete_fill(const FillRange& range, std::span<const sdk::Kline> fetched, bool ok,
                                        std::optional<FillRange>* follow_up = nullptr);

  std::optional<std::int64_t> last_delivered(sdk::SymbolId symbol, sdk::Timeframe tf) const;
  const ContinuityCounters& counters() const { return counters_; }

 private:
  struct State {
    std::optional<std::int64_t> last_open_ms;
    bool filling = false;
    bool gap_counted = false;  // the running fill was opened by a seen hole (not a resubscribe)
    int follow_ups = 0;        // follow-up fetches of the running fill
    std::int64_t fetched_before_open_ms = 0;  // on_open_bar asked once per open bar, not per update
    std::vector<sdk::Kline> held;
  };
  using Key = std::pair<sdk::SymbolId, sdk::Timeframe>;
  // Delivers `k` if it is the next bar (or the first), into `out`; counts duplicates.
  bool take(State& s, const sdk::Kline& k, std::vector<sdk::Kline>& out);

  std::map<Key, State> streams_;
  ContinuityCounters counters_;
};

}  // namespace tradehost::feed
