#include "feed/quote_freshness.hpp"

namespace tradehost::feed {
namespace {

bool same_decimal(const sdk::Decimal& a, const sdk::Decimal& b) { return a.mantissa == b.mantissa && a.scale == b.scale; }

bool same_quote(const sdk::BookTicker& a, const sdk::BookTicker& b) {
  return a.time_ms == b.time_ms && same_decimal(a.bid, b.bid) && same_decimal(a.bid_qty, b.bid_qty) &&
         same_decimal(a.ask, b.ask) && same_decimal(a.ask_qty, b.ask_qty);
}

}  // namespace

bool QuoteFreshness::admit(const sdk::BookTicker& quote) {
  auto [it, first] = last_.try_emplace(quote.symbol, quote);
  if (first) return true;
  const sdk::BookTicker& last = it->second;
  const bool older = quote.time_ms < last.time_ms && last.time_ms - quote.time_ms <= kMaxRewindMs;
  if (older || same_quote(quote, last)) {
    ++stale_dropped_;
    return false;
  }
  it->second = quote;
  return true;
}

}  // namespace tradehost::feed
