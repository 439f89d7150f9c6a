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
constexpr std::uint64_t kNew = 2;  // the serving connection
constexpr std::uint64_t kOld = 1;  // the other one, behind

TEST(QuoteFreshness, ALaggingConnectionsOlderQuotesAreDropped) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(1000, 100), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(1300, 101), kNew, kServing));
  EXPECT_FALSE(f.admit(quote(1000, 100), kOld, kOther)) << "the other connection, 300 ms behind";
  EXPECT_FALSE(f.admit(quote(1300, 101), kOld, kOther)) << "the same quote again";
  EXPECT_TRUE(f.admit(quote(1300, 102), kNew, kServing)) << "another quote in the same millisecond";
  EXPECT_TRUE(f.admit(quote(1301, 102), kNew, kServing));
  EXPECT_EQ(f.stale_dropped(), 2u);
}

TEST(QuoteFreshness, QuotesOfOneMillisecondRepeatedByTheLaggingConnectionAreDropped) {
  // Several quotes share a millisecond; the connection behind repeats all of them, not only the
  // last: none goes through twice.
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(2000, 100), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(2000, 101), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(2000, 102), kNew, kServing));
  EXPECT_FALSE(f.admit(quote(2000, 100), kOld, kOther));
  EXPECT_FALSE(f.admit(quote(2000, 101), kOld, kOther));
  EXPECT_FALSE(f.admit(quote(2000, 102), kOld, kOther));
  EXPECT_TRUE(f.admit(quote(2001, 100), kNew, kServing)) << "the same prices a millisecond later are news";
}

TEST(QuoteFreshness, OneConnectionGoingBackToAQuoteWithinAMillisecondIsNews) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(3000, 100), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(3000, 101), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(3000, 100), kNew, kServing)) << "A, B, A: the quote is A again";
  EXPECT_FALSE(f.admit(quote(3000, 100), kNew, kServing)) << "but A, A is a copy";
}

TEST(QuoteFreshness, SymbolsAreJudgedEachOnItsOwn) {
  QuoteFreshness f;
  EXPECT_TRUE(f.admit(quote(5000, 100, 1), kNew, kServing));
  EXPECT_TRUE(f.admit(quote(1000, 200, 2), kNew, kServing));
}

TEST(QuoteFreshness, AClockThatJumpsFarBackDoesNotFreezeQuotes) {
  QuoteFreshness f;
  constexpr std::int64_t kT = 10'000'000;
  EXPECT_TRUE(f.admit(quote(kT, 100), kNew, kServing));
  EXPECT_FALSE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs - 1, 101), kOld, kOther))
      << "another connection's backlog after a stall";
  EXPECT_TRUE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs - 1, 101), kNew, kServing)) << "the serving one's clock";
  EXPECT_TRUE(f.admit(quote(kT - QuoteFreshness::kMaxRewindMs, 102), kNew, kServing)) << "and it goes on from there";
}

}  // namespace
}  // namespace tradehost::feed
