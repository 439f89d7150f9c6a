// QuoteFreshness: book tickers reach the strategy newest first, whichever connection carried
// them. During a make-before-break overlap two connections carry the same quotes, and the one
// that lags would otherwise show the strategy quotes that are older than ones it already saw
// (for as long as it lags). A quote is let through unless it is older than the last one let
// through for its symbol (by the venue's time), or the same as one let through in that same
// millisecond (venues send several quotes a millisecond, and the lagging connection repeats
// them). A quote more than kMaxRewindMs older is the venue's clock jumping back, not a connection
// lagging: from the serving connection it is let through and starts over, so quotes never freeze
// until the clock catches up; from another connection (a backlog after a stall) it is dropped.
// (A quote one connection sends again within a millisecond, A B A, is news and goes through; only
// an exact copy of the last quote is dropped whoever sends it.)
// Pure logic, no I/O; no allocation per quote after a symbol's first.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

class QuoteFreshness {
 public:
  static constexpr std::int64_t kMaxRewindMs = 60000;
  // Quotes of the latest millisecond remembered per symbol, to know a repeat.
  static constexpr std::size_t kRecent = 16;

  // True when `quote` is to be delivered; `from_serving` when the connection that carried it is
  // the one serving its stream.
  bool admit(const sdk::BookTicker& quote, std::uint64_t connection, bool from_serving);
  std::uint64_t stale_dropped() const { return stale_dropped_; }

 private:
  struct Seen {
    sdk::BookTicker quote;
    std::uint64_t connection;
  };
  struct Latest {
    std::int64_t time_ms = 0;
    std::array<Seen, kRecent> recent{};  // of time_ms, a ring
    std::size_t count = 0;                          // how many of `recent` hold a quote
    std::size_t next = 0;                           // where the next one goes
  };
  void remember(Latest& latest, const sdk::BookTicker& quote, std::uint64_t connection);

  std::unordered_map<sdk::SymbolId, Latest> latest_;
  std::uint64_t stale_dropped_ = 0;
};

}  // namespace tradehost::feed
