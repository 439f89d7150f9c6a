// KlineContinuity: closed klines once each, in order, holes filled before live bars resume.
#include "feed/kline_continuity.hpp"

#include <gtest/gtest.h>

namespace tradehost::feed {
namespace {

constexpr std::int64_t kT0 = 1767225600000;  // 2026-01-01T00:00Z
constexpr std::int64_t kMin = 60000;

sdk::Kline bar(std::int64_t open_ms, sdk::SymbolId symbol = 1) {
  sdk::Kline k{};
  k.symbol = symbol;
  k.timeframe = sdk::Timeframe::m1;
  k.closed = true;
  k.open_time_ms = open_ms;
  return k;
}

std::vector<std::int64_t> opens(const std::vector<sdk::Kline>& bars) {
  std::vector<std::int64_t> out;
  for (const auto& k : bars) out.push_back(k.open_time_ms);
  return out;
}

TEST(KlineContinuity, ConsecutiveBarsAreDeliveredAndRepeatsDropped) {
  KlineContinuity c;
  EXPECT_EQ(c.on_live(bar(kT0)).action, KlineContinuity::Action::deliver);
  EXPECT_EQ(c.on_live(bar(kT0 + kMin)).action, KlineContinuity::Action::deliver);
  EXPECT_EQ(c.on_live(bar(kT0 + kMin)).action, KlineContinuity::Action::duplicate);
  EXPECT_EQ(c.on_live(bar(kT0)).action, KlineContinuity::Action::duplicate);
  EXPECT_EQ(c.counters().duplicates_dropped, 2u);
  EXPECT_EQ(c.counters().gaps_found, 0u);
  EXPECT_EQ(c.last_delivered(1, sdk::Timeframe::m1), kT0 + kMin);
}

TEST(KlineContinuity, AHoleIsFetchedAndLiveBarsWaitForIt) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto outcome = c.on_live(bar(kT0 + 3 * kMin));
  ASSERT_EQ(outcome.action, KlineContinuity::Action::hold);
  ASSERT_TRUE(outcome.fill);
  EXPECT_EQ(outcome.fill->first_open_ms, kT0 + kMin);
  EXPECT_EQ(outcome.fill->last_open_ms, kT0 + 2 * kMin);
  // A later live bar waits behind the fill too.
  EXPECT_EQ(c.on_live(bar(kT0 + 4 * kMin)).action, KlineContinuity::Action::hold);

  // The venue answers with the two missing bars plus one already delivered and an open one.
  auto open_bar = bar(kT0 + 5 * kMin);
  open_bar.closed = false;
  const std::vector<sdk::Kline> fetched = {bar(kT0), bar(kT0 + kMin), bar(kT0 + 2 * kMin), open_bar};
  const auto out = c.complete_fill(*outcome.fill, fetched, true);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + kMin, kT0 + 2 * kMin, kT0 + 3 * kMin, kT0 + 4 * kMin}));
  EXPECT_EQ(c.counters().gaps_found, 1u);
  EXPECT_EQ(c.counters().gaps_filled, 1u);
  EXPECT_EQ(c.counters().gaps_unfilled, 0u);
  EXPECT_EQ(c.counters().klines_backfilled, 2u);
  EXPECT_EQ(c.on_live(bar(kT0 + 5 * kMin)).action, KlineContinuity::Action::deliver);
}

TEST(KlineContinuity, ABarNeverClosedLiveIsFetchedAsSoonAsALaterOneIsOpen) {
  // A connection that joined after bar +1 had its last update sees bar +2 first: it never closes
  // bar +1, so the host fetches it now instead of a whole bar later.
  KlineContinuity c;
  c.on_live(bar(kT0));
  EXPECT_FALSE(c.on_open_bar(1, sdk::Timeframe::m1, kT0 + kMin)) << "the next bar: nothing missing";
  const auto range = c.on_open_bar(1, sdk::Timeframe::m1, kT0 + 2 * kMin);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first_open_ms, kT0 + kMin);
  EXPECT_EQ(range->last_open_ms, kT0 + kMin);
  EXPECT_FALSE(c.on_open_bar(1, sdk::Timeframe::m1, kT0 + 2 * kMin)) << "one fetch at a time";
  // The old connection's close of bar +1 arrives meanwhile: held behind the fill, then dropped.
  EXPECT_EQ(c.on_live(bar(kT0 + kMin)).action, KlineContinuity::Action::hold);
  const std::vector<sdk::Kline> fetched = {bar(kT0 + kMin)};
  EXPECT_EQ(opens(c.complete_fill(*range, fetched, true)), (std::vector<std::int64_t>{kT0 + kMin}));
  EXPECT_EQ(c.counters().duplicates_dropped, 1u);
  EXPECT_EQ(c.on_live(bar(kT0 + 2 * kMin)).action, KlineContinuity::Action::deliver);
}

TEST(KlineContinuity, AQuietBarTheVenueHasNoRowForIsAskedForOncePerOpenBar) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto range = c.on_open_bar(1, sdk::Timeframe::m1, kT0 + 2 * kMin);
  ASSERT_TRUE(range);
  c.complete_fill(*range, {}, true);  // nothing traded in bar +1: no row
  EXPECT_FALSE(c.on_open_bar(1, sdk::Timeframe::m1, kT0 + 2 * kMin)) << "not again at every update";
  EXPECT_TRUE(c.on_open_bar(1, sdk::Timeframe::m1, kT0 + 3 * kMin)) << "a later open bar asks again";
}

TEST(KlineContinuity, AFailedFillIsCountedAndLiveBarsStillFlow) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto outcome = c.on_live(bar(kT0 + 3 * kMin));
  ASSERT_TRUE(outcome.fill);
  const auto out = c.complete_fill(*outcome.fill, {}, false);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + 3 * kMin}));
  EXPECT_EQ(c.counters().gaps_found, 1u);
  EXPECT_EQ(c.counters().gaps_unfilled, 1u);
  EXPECT_EQ(c.counters().gaps_filled, 0u);
}

TEST(KlineContinuity, AfterAReconnectTheBarsClosedMeanwhileAreFetchedOnce) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  // Nothing to fetch while the next bar has not ended yet.
  EXPECT_FALSE(c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + kMin + 30000));
  const auto range = c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + 3 * kMin + 10000);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first_open_ms, kT0 + kMin);
  EXPECT_EQ(range->last_open_ms, kT0 + 2 * kMin) << "the bar open at 'now' has not ended: it is not fetched";
  // The live stream resumes during the fetch with a bar the fetch also returns.
  EXPECT_EQ(c.on_live(bar(kT0 + 2 * kMin)).action, KlineContinuity::Action::hold);
  const auto out = c.complete_fill(*range, std::vector<sdk::Kline>{bar(kT0 + kMin), bar(kT0 + 2 * kMin)}, true);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + kMin, kT0 + 2 * kMin}));
  EXPECT_EQ(c.counters().duplicates_dropped, 1u);
  EXPECT_EQ(c.counters().gaps_found, 1u);
  EXPECT_EQ(c.counters().gaps_filled, 1u);
}

TEST(KlineContinuity, APartialRestRowOfTheBarStillOpenIsNeverDeliveredAsClosed) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto range = c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + 2 * kMin + 10000);
  ASSERT_TRUE(range);
  // The venue's answer runs up to now, its last row the bar still open (marked closed by the
  // adapter or not): only the ended bar is delivered, the live close of the open one follows.
  const auto out = c.complete_fill(*range, std::vector<sdk::Kline>{bar(kT0 + kMin), bar(kT0 + 2 * kMin)}, true);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + kMin}));
  EXPECT_EQ(c.on_live(bar(kT0 + 2 * kMin)).action, KlineContinuity::Action::deliver);
}

TEST(KlineContinuity, AHoleLeftBeforeTheHeldBarsIsFetchedOnceMoreBeforeTheyGo) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  // The venue clock ran behind: the range stops at kT0+1m, but live bars resume at kT0+3m.
  const auto range = c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + 2 * kMin + 10000);
  ASSERT_TRUE(range);
  EXPECT_EQ(c.on_live(bar(kT0 + 3 * kMin)).action, KlineContinuity::Action::hold);
  std::optional<FillRange> follow_up;
  auto out = c.complete_fill(*range, std::vector<sdk::Kline>{bar(kT0 + kMin)}, true, &follow_up);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + kMin}));
  ASSERT_TRUE(follow_up) << "kT0+2m is still missing";
  EXPECT_EQ(follow_up->first_open_ms, kT0 + 2 * kMin);
  EXPECT_EQ(follow_up->last_open_ms, kT0 + 2 * kMin);
  std::optional<FillRange> again;
  out = c.complete_fill(*follow_up, std::vector<sdk::Kline>{bar(kT0 + 2 * kMin)}, true, &again);
  EXPECT_FALSE(again);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + 2 * kMin, kT0 + 3 * kMin}));
  EXPECT_EQ(c.counters().gaps_found, 1u);
  EXPECT_EQ(c.counters().gaps_filled, 1u);
  EXPECT_EQ(c.counters().gaps_unfilled, 0u);
}

TEST(KlineContinuity, AHoleAmongTheHeldBarsIsFetchedBeforeTheBarsAfterIt) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto range = c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + 2 * kMin + 10000);
  ASSERT_TRUE(range);
  // While the fill runs the connection drops again: kT0+3m is never seen live.
  EXPECT_EQ(c.on_live(bar(kT0 + 2 * kMin)).action, KlineContinuity::Action::hold);
  EXPECT_EQ(c.on_live(bar(kT0 + 4 * kMin)).action, KlineContinuity::Action::hold);
  std::optional<FillRange> follow_up;
  auto out = c.complete_fill(*range, std::vector<sdk::Kline>{bar(kT0 + kMin)}, true, &follow_up);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + kMin, kT0 + 2 * kMin})) << "the continuous part goes now";
  ASSERT_TRUE(follow_up);
  EXPECT_EQ(follow_up->first_open_ms, kT0 + 3 * kMin);
  EXPECT_EQ(follow_up->last_open_ms, kT0 + 3 * kMin);
  EXPECT_EQ(c.on_live(bar(kT0 + 5 * kMin)).action, KlineContinuity::Action::hold) << "still behind the hole";
  std::optional<FillRange> again;
  out = c.complete_fill(*follow_up, std::vector<sdk::Kline>{bar(kT0 + 3 * kMin)}, true, &again);
  EXPECT_FALSE(again);
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + 3 * kMin, kT0 + 4 * kMin, kT0 + 5 * kMin}));
  EXPECT_EQ(c.counters().gaps_filled, 1u);
  EXPECT_EQ(c.counters().gaps_unfilled, 0u);
  EXPECT_EQ(c.on_live(bar(kT0 + 6 * kMin)).action, KlineContinuity::Action::deliver);
}

TEST(KlineContinuity, FollowUpsStopAfterTheirLimitAndTheHoleIsCounted) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  const auto first = c.on_live(bar(kT0 + 3 * kMin));
  ASSERT_TRUE(first.fill);
  // The venue never has kT0+1m: every follow-up comes back empty.
  FillRange range = *first.fill;
  std::vector<sdk::Kline> out;
  for (int i = 0; i <= KlineContinuity::kMaxFollowUps; ++i) {
    std::optional<FillRange> follow_up;
    out = c.complete_fill(range, {}, true, &follow_up);
    if (i < KlineContinuity::kMaxFollowUps) {
      ASSERT_TRUE(follow_up) << "follow-up " << i + 1;
      EXPECT_TRUE(out.empty());
      range = *follow_up;
    } else {
      EXPECT_FALSE(follow_up);
    }
  }
  EXPECT_EQ(opens(out), (std::vector<std::int64_t>{kT0 + 3 * kMin})) << "given up: the live bar goes on";
  EXPECT_EQ(c.counters().gaps_found, 1u);
  EXPECT_EQ(c.counters().gaps_unfilled, 1u);
}

TEST(KlineContinuity, AReconnectThatMissedNothingCountsNoGap) {
  KlineContinuity c;
  c.on_live(bar(kT0));
  c.on_live(bar(kT0 + kMin));
  const auto range = c.on_resubscribed(1, sdk::Timeframe::m1, kT0 + 3 * kMin);
  ASSERT_TRUE(range);
  const auto out = c.complete_fill(*range, std::vector<sdk::Kline>{bar(kT0 + kMin)}, true);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(c.counters().gaps_found, 0u);
}

TEST(KlineContinuity, StreamsAreTrackedApart) {
  KlineContinuity c;
  c.on_live(bar(kT0, 1));
  EXPECT_EQ(c.on_live(bar(kT0, 2)).action, KlineContinuity::Action::deliver);
  auto five = bar(kT0, 1);
  five.timeframe = sdk::Timeframe::m5;
  EXPECT_EQ(c.on_live(five).action, KlineContinuity::Action::deliver);
  EXPECT_EQ(c.counters().duplicates_dropped, 0u);
}

}  // namespace
}  // namespace tradehost::feed
