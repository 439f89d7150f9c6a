// QuoteFreshness: the strategy never sees a quote older than one it already saw.
#include "feed/quote_freshness.hpp"

#include <gtest/gtest.h>

namespace tradehost::feed {
namespace {

sdk::BookTicker quote(std::int64_t time_ms, std::int64_t bid, sdk::SymbolId symbol = 3) {
  sdk::BookTicker q{};
  q.symbol = symbol;
  q.time_ms = time_ms;
  q.bid = {bid, 1};
  q.bid_qty = {5, 0};
  q.ask = {bid + 1, 1};
  q.ask_qty = {7, 0};
  return q;
}

TEST(QuoteFreshness, ALaggingConnectionsOlderQuotesAreDropped) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(1000, 100)));
  EXPECT_TRUE(f.admit(quote(1300, 101)));
  EXPECT_FALSE(f.admit(quote(1000, 100))) << "the other connection, 300 ms behind";
  EXPECT_FALSE(f.admit(quote(1300, 101))) << "the same quote again";
  EXPECT_TRUE(f.admit(quote(1300, 102))) << "another quote in the same millisecond";
  EXPECT_TRUE(f.admit(quote(1301, 102)));
  EXPECT_EQ(f.stale_dropped(), 2u);
}

TEST(QuoteFreshness, SymbolsAreJudgedEachOnItsOwn) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(5000, 100, 1)));
  EXPECT_TRUE(f.admit(quote(1000, 200, 2)));
}

TEST(QuoteFreshness, AClockThatJumpsFarBackDoesNotFreezeQuotes) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(10'000'000, 100)));
  EXPECT_TRUE(f.admit(quote(10'000'000 - QuoteFreshness::kMaxRewindMs - 1, 101)));
  EXPECT_TRUE(f.admit(quote(10'000'000 - QuoteFreshness::kMaxRewindMs, 102))) << "and it goes on from there";
}

}  // namespace
}  // namespace tradehost::feed
