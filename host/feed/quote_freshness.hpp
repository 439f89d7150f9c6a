// QuoteFreshness: book tickers reach the strategy newest first, whichever connection carried
// them. During a make-before-break overlap two connections carry the same quotes, and the one
// that lags would otherwise show the strategy quotes that are older than ones it already saw
// (for as long as it lags). A quote is let through unless it is older than the last one let
// through for its symbol (by the venue's time), or the very same quote again. A quote more than
// kMaxRewindMs older is let through and starts over: that is the venue's clock jumping back, not
// a connection lagging, and quotes must not freeze until the clock catches up.
// Pure logic, no I/O.
#pragma once

#include <cstdint>
#include <unordered_map>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed {

class QuoteFreshness {
 public:
  static constexpr std::int64_t kMaxRewindMs = 60000;

  // True when `quote` is to be delivered.
  bool admit(const sdk::BookTicker& quote);
  std::uint64_t stale_dropped() const { return stale_dropped_; }

 private:
  std::unordered_map<sdk::SymbolId, sdk::BookTicker> last_;
  std::uint64_t stale_dropped_ = 0;
};

}  // namespace tradehost::feed
