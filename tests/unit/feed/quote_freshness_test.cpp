// QuoteFreshness: the strategy never sees a quote older than one it already saw, nor one twice.
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

constexpr bool kServing = true;
constexpr bool kOther = false;

TEST(QuoteFreshness, ALaggingConnectionsOlderQuotesAreDropped) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(1000, 100), kServing));
  EXPECT_TRUE(f.admit(quote(1300, 101), kServing));
  EXPECT_FALSE(f.admit(quote(1000, 100), kOther)) << "the other connection, 300 ms behind";
  EXPECT_FALSE(f.admit(quote(1300, 101), kOther)) << "the same quote again";
  EXPECT_TRUE(f.admit(quote(1300, 102), kServing)) << "another quote in the same millisecond";
  EXPECT_TRUE(f.admit(quote(1301, 102), kServing));
  EXPECT_EQ(f.stale_dropped(), 2u);
}

TEST(QuoteFreshness, QuotesOfOneMillisecondRepeatedByTheLaggingConnectionAreDropped) {
  // Several quotes share a millisecond; the connection behind repeats all of them, not only the
  // last: none goes through twice.
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(2000, 100), kServing));
  EXPECT_TRUE(f.admit(quote(2000, 101), kServing));
  EXPECT_TRUE(f.admit(quote(2000, 102), kServing));
  EXPECT_FALSE(f.admit(quote(2000, 100), kOther));
  EXPECT_FALSE(f.admit(quote(2000, 101), kOther));
  EXPECT_FALSE(f.admit(quote(2000, 102), kOther));
  EXPECT_TRUE(f.admit(quote(2001, 100), kServing)) << "the same prices a millisecond later are news";
}

TEST(QuoteFreshness, SymbolsAreJudgedEachOnItsOwn) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(5000, 100, 1), kServing));
  EXPECT_TRUE(f.admit(quote(1000, 200, 2), kServing));
}

TEST(QuoteFreshness, AClockThatJumpsFarBackDoesNotFreezeQuotes) {
  QuoteFreshness f;
  constexpr std::int64_t kT = 10'000'000;
  EXPECT_TRUE(f.admit(quote(kT, 100), kServing));
  EXPECT_FALSE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs - 1, 101), kOther))
      << "another connection's backlog after a stall";
  EXPECT_TRUE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs - 1, 101), kServing)) << "the serving one's clock";
  EXPECT_TRUE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs, 102), kServing)) << "and it goes on from there";
}

}  // namespace
}  // namespace tradehost::feed
