// TradeHandoff: across a switch between two connections that are not in step, each trade reaches
// the strategy once, in order, none skipped.
#include "feed/trade_handoff.hpp"

#include <gtest/gtest.h>

#include "trade_ids.hpp"

namespace tradehost::feed {
namespace {

constexpr std::uint64_t kOld = 1;
constexpr std::uint64_t kNew = 2;

using test::trade;
using test::ids;

// Feeds one connection's trades `first`..`last` and records the ids delivered meanwhile. The
// old connection serves from the start; the new one is promoted as the feed would at takeover.
struct Harness {
  Harness() { handoff.promote(kOld); }
  TradeHandoff handoff;
  std::vector<std::int64_t> delivered;

  void promote(std::uint64_t conn) { handoff.promote(conn); }

  void carry(std::uint64_t conn, std::int64_t first, std::int64_t last, sdk::SymbolId symbol = 7) {
    for (std::int64_t id = first; id <= last; ++id) {
      std::vector<sdk::Event> out;
      handoff.on_trade(conn, trade(id, symbol), out);
      for (const auto& e : out) delivered.push_back(e.trade.trade_id);
    }
  }
  void end(std::uint64_t conn, std::vector<sdk::SymbolId>* unmatched = nullptr) {
    std::vector<sdk::Event> out;
    std::vector<sdk::SymbolId> symbols;
    handoff.on_connection_end(conn, out, symbols);
    for (const auto& e : out) delivered.push_back(e.trade.trade_id);
    if (unmatched) *unmatched = symbols;
  }
};

TEST(TradeHandoff, ANewConnectionBehindTheOldTakesOverWithoutRepeats) {
  Harness h;
  h.carry(kOld, 1, 10);
  h.promote(kNew);
  h.carry(kNew, 6, 8);    // 300 ms behind: already delivered by the old one
  h.carry(kOld, 11, 12);  // the old one is superseded now: the new one carries these too
  h.carry(kNew, 9, 15);
  h.end(kOld);
  h.carry(kNew, 16, 16);
  EXPECT_EQ(h.delivered, ids(1, 16));
  EXPECT_EQ(h.handoff.counters().handoffs, 1u);
  EXPECT_EQ(h.handoff.counters().handoffs_unmatched, 0u);
  EXPECT_EQ(h.handoff.counters().repeats_dropped, 3u + 2u + 2u);  // 6-8, the old 11-12, the new 9-10
}

TEST(TradeHandoff, ANewConnectionAheadOfTheOldIsHeldUntilTheOldCatchesUp) {
  Harness h;
  h.carry(kOld, 1, 10);
  h.promote(kNew);
  h.carry(kNew, 15, 18);  // ahead: 11-14 are still on their way on the old connection
  EXPECT_EQ(h.delivered, ids(1, 10)) << "nothing of the new one yet";
  h.carry(kOld, 11, 16);  // meets the held 15: the rest of the held ones follow
  h.carry(kNew, 19, 20);
  h.carry(kOld, 17, 20);
  EXPECT_EQ(h.delivered, ids(1, 20));
  EXPECT_EQ(h.handoff.counters().handoffs, 1u);
  EXPECT_EQ(h.handoff.counters().handoffs_unmatched, 0u);
}

TEST(TradeHandoff, IdsNeedNotBeConsecutiveOnlyRising) {
  // KuCoin's tradeIds rise per symbol with holes between them.
  TradeHandoff handoff;
  handoff.promote(kOld);
  handoff.promote(kNew);
  std::vector<std::int64_t> delivered;
  auto carry = [&](std::uint64_t conn, std::initializer_list<std::int64_t> ids) {
    for (auto id : ids) {
      std::vector<sdk::Event> out;
      handoff.on_trade(conn, trade(id), out);
      for (const auto& e : out) delivered.push_back(e.trade.trade_id);
    }
  };
  carry(kOld, {100, 130, 170});
  carry(kNew, {250, 260});  // ahead
  carry(kOld, {200, 250, 260});
  carry(kNew, {300});
  EXPECT_EQ(delivered, (std::vector<std::int64_t>{100, 130, 170, 200, 250, 260, 300}));
}

TEST(TradeHandoff, AnOldConnectionThatEndsBeforeMeetingReleasesTheHeldTradesAndSaysSo) {
  Harness h;
  h.carry(kOld, 1, 10);
  h.promote(kNew);
  h.carry(kNew, 15, 17);
  std::vector<sdk::SymbolId> unmatched;
  h.end(kOld, &unmatched);
  EXPECT_EQ(unmatched, std::vector<sdk::SymbolId>{7});
  h.carry(kNew, 18, 18);
  std::vector<std::int64_t> expected = ids(1, 10);
  for (auto id : ids(15, 18)) expected.push_back(id);
  EXPECT_EQ(h.delivered, expected);
  EXPECT_EQ(h.handoff.counters().handoffs_unmatched, 1u);
}

TEST(TradeHandoff, AfterAReconnectReplayedTradesAreDroppedAndNewOnesDelivered) {
  Harness h;
  h.carry(kOld, 1, 10);
  std::vector<sdk::SymbolId> unmatched;
  h.end(kOld, &unmatched);
  EXPECT_TRUE(unmatched.empty()) << "nothing was held: an outage, not a handoff";
  h.promote(kNew);
  h.carry(kNew, 8, 14);  // the venue replays recent fills, then goes on
  EXPECT_EQ(h.delivered, ids(1, 14));
  EXPECT_EQ(h.handoff.counters().repeats_dropped, 3u);
}

TEST(TradeHandoff, AfterAReconnectTheFirstTradeOfTheNewConnectionIsDeliveredAtOnce) {
  Harness h;
  h.carry(kOld, 1, 10);
  h.end(kOld);
  h.promote(kNew);
  h.carry(kNew, 25, 26);  // trades of the outage are gone; the new ones are not held
  EXPECT_EQ(h.delivered, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 25, 26}));
}

TEST(TradeHandoff, ASupersededConnectionNeverTakesASymbolBack) {
  Harness h;
  h.carry(kOld, 1, 5);
  h.promote(kNew);
  h.carry(kNew, 5, 7);   // level: takes over
  h.carry(kOld, 6, 9);   // the old one, now ahead, is not the source any more
  EXPECT_EQ(h.delivered, ids(1, 7));
  h.carry(kNew, 8, 9);
  EXPECT_EQ(h.delivered, ids(1, 9));
}

TEST(TradeHandoff, SymbolsAreHandedOverEachOnItsOwn) {
  Harness h;
  h.carry(kOld, 1, 10, 1);
  h.carry(kOld, 1, 10, 2);
  h.promote(kNew);
  h.carry(kNew, 9, 12, 1);   // symbol 1: behind, takes over
  h.carry(kNew, 14, 15, 2);  // symbol 2: ahead, held
  h.carry(kOld, 11, 14, 2);  // symbol 2 meets
  h.carry(kNew, 16, 16, 2);
  EXPECT_EQ(h.delivered, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                                    11, 12, 11, 12, 13, 14, 15, 16}));
  EXPECT_EQ(h.handoff.counters().handoffs, 2u);
}

TEST(TradeHandoff, AStuckSourceDoesNotHoldTradesForever) {
  TradeHandoff handoff(4);
  handoff.promote(kOld);
  handoff.promote(kNew);
  std::vector<sdk::Event> out;
  handoff.on_trade(kOld, trade(1), out);
  EXPECT_FALSE(handoff.on_trade(kNew, trade(5), out));
  EXPECT_FALSE(handoff.on_trade(kNew, trade(6), out));
  EXPECT_FALSE(handoff.on_trade(kNew, trade(7), out));
  EXPECT_TRUE(handoff.on_trade(kNew, trade(8), out)) << "the fourth held trade releases them";
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out.back().trade.trade_id, 8);
  EXPECT_EQ(handoff.counters().handoffs_unmatched, 1u);
}

TEST(TradeHandoff, AReplacementThatFailsBeforeTakingOverCostsNothing) {
  Harness h;
  h.carry(kOld, 1, 10);
  h.carry(kNew, 5, 8);    // behind, but not serving yet: dropped, the old one still serves
  h.carry(kOld, 11, 20);
  h.end(kNew);            // it failed before the feed promoted it
  h.carry(kOld, 21, 22);
  EXPECT_EQ(h.delivered, ids(1, 22));
  EXPECT_EQ(h.handoff.counters().handoffs, 0u);
}

TEST(TradeHandoff, ConnectionsRankInTheOrderTheyWerePromotedNotOpened) {
  // Replacement 2 was opened first but took over after reconnect 3 started serving.
  Harness h;
  h.carry(kOld, 1, 10);
  h.end(kOld);
  h.promote(3);
  h.carry(3, 11, 15);
  h.promote(2);
  h.carry(2, 13, 17);  // level with 3: it is the later one, and takes over
  h.carry(3, 16, 18);  // superseded
  h.end(3);
  h.carry(2, 18, 19);
  EXPECT_EQ(h.delivered, ids(1, 19));
}

TEST(TradeHandoff, AConnectionPromotedAgainRanksLastAgain) {
  // The active connection died while replacement 2 was subscribing (2 promoted then); reconnect 3
  // came up first and served; then 2 took over after all. 2 is the later one now.
  Harness h;
  h.carry(kOld, 1, 10);
  h.promote(2);
  h.end(kOld);
  h.promote(3);
  h.carry(3, 11, 14);
  h.promote(2);
  h.carry(2, 15, 18);  // ahead of 3: held, not dropped as an older connection's
  h.end(3);            // 3 closes before it meets them: they are released
  h.carry(2, 19, 19);
  EXPECT_EQ(h.delivered, ids(1, 19));
}

TEST(TradeHandoff, ASourcePromotedAgainAboveTheConnectionItHoldsForCarriesOn) {
  // 2 became the source when 1 died; reconnect 3, ahead, is held for; then 2 takes over and
  // ranks last: 3's held trades are dropped (2 carries them) and nothing is lost or doubled.
  Harness h;
  h.carry(kOld, 1, 1000);
  h.promote(2);
  h.end(kOld);
  h.carry(2, 1000, 1000);      // 2 becomes the source (a repeat)
  h.promote(3);
  h.carry(3, 1010, 1020);      // ahead: held
  h.promote(2);
  h.carry(3, 1021, 1030);      // 3 ranks below 2 now: superseded
  h.carry(2, 1001, 1010);      // 2 reaches what 3 held: no handover back to 3
  h.carry(3, 1031, 1031);
  h.carry(2, 1011, 1040);
  h.end(3);
  h.carry(2, 1041, 1041);
  EXPECT_EQ(h.delivered, ids(1, 1041));
}

}  // namespace
}  // namespace tradehost::feed
