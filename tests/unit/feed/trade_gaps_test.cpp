// TradeGaps: trades a reconnect missed are fetched and delivered in order, before the later ones.
#include "feed/trade_gaps.hpp"

#include <gtest/gtest.h>

#include "trade_ids.hpp"

#include <vector>

namespace tradehost::feed {
namespace {

using test::trade;
using test::ids;

std::vector<sdk::Trade> fetched(std::int64_t first, std::int64_t last, sdk::SymbolId symbol = 7) {
  std::vector<sdk::Trade> out;
  for (std::int64_t id = first; id <= last; ++id) out.push_back(trade(id, symbol).trade);
  return out;
}

struct Harness {
  TradeGaps gaps{8};  // a fill is given up with 8 trades held
  std::vector<std::int64_t> delivered;
  std::vector<TradeRange> fetches;

  void live(std::int64_t first, std::int64_t last, sdk::SymbolId symbol = 7) {
    for (std::int64_t id = first; id <= last; ++id) {
      std::vector<sdk::Event> out;
      gaps.on_trade(trade(id, symbol), out, fetches);
      for (const auto& e : out) delivered.push_back(e.trade.trade_id);
    }
  }
  void complete(const TradeRange& range, const std::vector<sdk::Trade>& trades, bool ok) {
    std::vector<sdk::Event> out;
    gaps.complete(range, trades, ok, out, fetches);
    for (const auto& e : out) delivered.push_back(e.trade.trade_id);
  }
};

TEST(TradeGaps, TradesAfterAHoleWaitForTheMissedOnesAndAllArriveInOrder) {
  Harness h;
  h.live(100, 104);
  h.live(110, 112);  // 105-109 missed while the connection was away
  EXPECT_EQ(h.delivered, ids(100, 104)) << "110 on are held";
  ASSERT_EQ(h.fetches.size(), 1u);
  EXPECT_EQ(h.fetches[0], (TradeRange{7, 105, 109}));
  EXPECT_TRUE(h.gaps.awaiting(h.fetches[0]));
  // The fetch may overlap what was delivered and what is held: each id arrives once.
  h.complete(h.fetches[0], fetched(103, 111), true);
  EXPECT_EQ(h.delivered, ids(100, 112));
  EXPECT_EQ(h.gaps.counters().gaps_found, 1u);
  EXPECT_EQ(h.gaps.counters().gaps_filled, 1u);
  EXPECT_EQ(h.gaps.counters().trades_backfilled, 5u);
  EXPECT_EQ(h.gaps.counters().trades_missed, 0u);
  h.live(113, 113);
  EXPECT_EQ(h.delivered.back(), 113);
}

TEST(TradeGaps, AFailedFetchCountsTheHoleAndTheHeldTradesGoOn) {
  Harness h;
  h.live(1, 3);
  h.live(10, 11);
  ASSERT_EQ(h.fetches.size(), 1u);
  h.complete(h.fetches[0], fetched(4, 5), false);  // two came back before it failed
  EXPECT_EQ(h.delivered, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 10, 11}));
  EXPECT_EQ(h.gaps.counters().gaps_unfilled, 1u);
  EXPECT_EQ(h.gaps.counters().trades_missed, 4u) << "6 to 9";
  h.live(12, 12);
  EXPECT_EQ(h.delivered.back(), 12) << "no new gap after the given-up one";
  EXPECT_EQ(h.fetches.size(), 1u);
}

TEST(TradeGaps, ASecondHoleAmongTheHeldTradesIsFetchedInTurn) {
  Harness h;
  h.live(1, 1);
  h.live(5, 6);
  h.live(9, 9);  // held behind the first fill; 7-8 are missing too
  ASSERT_EQ(h.fetches.size(), 1u);
  h.complete(h.fetches[0], fetched(2, 4), true);
  EXPECT_EQ(h.delivered, ids(1, 6));
  ASSERT_EQ(h.fetches.size(), 2u);
  EXPECT_EQ(h.fetches[1], (TradeRange{7, 7, 8}));
  h.live(10, 10);
  h.complete(h.fetches[1], fetched(7, 8), true);
  EXPECT_EQ(h.delivered, ids(1, 10));
  EXPECT_EQ(h.gaps.counters().gaps_filled, 2u);
}

TEST(TradeGaps, AStuckFetchIsGivenUpWhenTooManyTradesAreHeldAndItsLateAnswerIsIgnored) {
  Harness h;
  h.live(1, 1);
  h.live(20, 27);  // the 8th held trade gives the fill up
  EXPECT_EQ(h.delivered, (std::vector<std::int64_t>{1, 20, 21, 22, 23, 24, 25, 26, 27}));
  EXPECT_EQ(h.gaps.counters().gaps_unfilled, 1u);
  EXPECT_EQ(h.gaps.counters().trades_missed, 18u);
  EXPECT_FALSE(h.gaps.awaiting(h.fetches[0])) << "the feed skips a fetch still queued for it";
  h.complete(h.fetches[0], fetched(2, 19), true);  // too late: the strategy has moved on
  EXPECT_EQ(h.delivered.back(), 27);
  EXPECT_EQ(h.gaps.counters().trades_backfilled, 0u);
}

TEST(TradeGaps, SymbolsAreIndependentAndTheFirstTradeOpensNoGap) {
  Harness h;
  h.live(500, 501, 1);
  h.live(9000, 9001, 2);
  h.live(503, 503, 1);  // a gap on symbol 1 only
  h.live(9002, 9002, 2);
  EXPECT_EQ(h.delivered, (std::vector<std::int64_t>{500, 501, 9000, 9001, 9002}));
  ASSERT_EQ(h.fetches.size(), 1u);
  EXPECT_EQ(h.fetches[0], (TradeRange{1, 502, 502}));
  EXPECT_TRUE(h.gaps.filling(1));
  EXPECT_FALSE(h.gaps.filling(2));
  // A fetched trade of another symbol is not taken for this one.
  h.complete(h.fetches[0], fetched(502, 502, 2), true);
  EXPECT_EQ(h.gaps.counters().gaps_unfilled, 1u);
  EXPECT_EQ(h.delivered.back(), 503);
}

}  // namespace
}  // namespace tradehost::feed
