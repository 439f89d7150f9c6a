// The SDK's bounds on venue times and trade ids, which keep every sum of a time far from
// overflow, and FutureHorizon, which reads the clock only when a time passes its last limit.
#include <tradehost/sdk/event_checks.hpp>

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace tradehost::sdk {
namespace {

Event trade_at(std::int64_t time_ms, std::int64_t id) {
  Event e{};
  e.kind = EventKind::trade;
  e.trade = Trade{1, Side::buy, time_ms, id, Decimal{1, 0}, Decimal{1, 0}};
  return e;
}

TEST(EventChecks, TimesOutsideTheWindowAreProblems) {
  EXPECT_EQ(event_problem(trade_at(1767225600000, 7)), nullptr);
  EXPECT_NE(event_problem(trade_at(0, 7)), nullptr);
  EXPECT_NE(event_problem(trade_at(kLatestEventTimeMs + 1, 7)), nullptr);
  EXPECT_NE(event_problem(trade_at(std::numeric_limits<std::int64_t>::max(), 7)), nullptr);
  // next_open_ms of the latest admitted time cannot overflow.
  EXPECT_GT(next_open_ms(Timeframe::mo1, kLatestEventTimeMs), kLatestEventTimeMs);
}

TEST(EventChecks, TradeIdsAboveTwoToTheSixtySecondAreProblems) {
  EXPECT_EQ(event_problem(trade_at(1767225600000, kMaxTradeId)), nullptr);
  EXPECT_NE(event_problem(trade_at(1767225600000, kMaxTradeId + 1)), nullptr);
  EXPECT_NE(event_problem(trade_at(1767225600000, -1)), nullptr);
}

TEST(EventChecks, BookTickerWithoutTimeIsAProblem) {
  Event e{};
  e.kind = EventKind::book_ticker;
  e.book_ticker = BookTicker{1, 0, Decimal{1, 0}, Decimal{1, 0}, Decimal{2, 0}, Decimal{1, 0}};
  EXPECT_NE(event_problem(e), nullptr);
  e.book_ticker.time_ms = 1767225600000;
  EXPECT_EQ(event_problem(e), nullptr);
}

TEST(FutureHorizon, AdmitsUpToTheLeadAndReadsTheClockOnlyPastTheLimit) {
  FutureHorizon horizon(1000);
  int reads = 0;
  std::int64_t now = 5000;
  auto clock = [&] {
    ++reads;
    return now;
  };
  EXPECT_TRUE(horizon.admits(6000, clock));
  EXPECT_EQ(reads, 1);
  EXPECT_TRUE(horizon.admits(5500, clock));  // under the limit: no clock read
  EXPECT_EQ(reads, 1);
  EXPECT_FALSE(horizon.admits(6001, clock));
  now = 10000;  // the clock moved on: the same time is now admitted
  EXPECT_TRUE(horizon.admits(6001, clock));
}

}  // namespace
}  // namespace tradehost::sdk
