#include "feed/quote_freshness.hpp"

namespace tradehost::feed {
namespace {

bool same_quote(const sdk::BookTicker& a, const sdk::BookTicker& b) {
  return a.bid == b.bid && a.bid_qty == b.bid_qty && a.ask == b.ask && a.ask_qty == b.ask_qty;
}

}  // namespace

void QuoteFreshness::remember(Latest& latest, const sdk::BookTicker& quote, std::uint64_t connection) {
  if (quote.time_ms != latest.time_ms) {
    latest.time_ms = quote.time_ms;
    latest.count = 0;
    latest.next = 0;
  }
  latest.recent[latest.next] = {quote, connection};
  latest.next = (latest.next + 1) % kRecent;
  if (latest.count < kRecent) ++latest.count;
}

bool QuoteFreshness::admit(const sdk::BookTicker& quote, std::uint64_t connection, bool from_serving) {
  auto [it, first] = latest_.try_emplace(quote.symbol);
  Latest& latest = it->second;
  if (!first) {
    if (quote.time_ms < latest.time_ms) {
      const bool clock_jump = latest.time_ms - quote.time_ms > kMaxRewindMs;
      if (!clock_jump || !from_serving) {
        ++stale_dropped_;
        return false;
      }
    } else if (quote.time_ms == latest.time_ms) {
      const std::size_t last = (latest.next + kRecent - 1) % kRecent;
      for (std::size_t i = 0; i < latest.count; ++i) {
        const Seen& seen = latest.recent[i];
        if (same_quote(quote, seen.quote) && (seen.connection != connection || i == last)) {
          ++stale_dropped_;
          return false;
        }
      }
    }
  }
  remember(latest, quote, connection);
  return true;
}

}  // namespace tradehost::feed
