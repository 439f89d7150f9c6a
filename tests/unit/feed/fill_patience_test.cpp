#include "feed/fill_patience.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace tradehost::feed {
namespace {

constexpr std::int64_t kSecond = 1000;

TEST(FillPatience, AFailedFillIsTriedAgainAfterWaitsThatDoubleUpToTheCap) {
  FillPatience patience;
  std::int64_t now = 5 * kSecond;
  std::vector<std::int64_t> waits;
  while (auto wait = patience.on_failure(now)) {
    waits.push_back(*wait);
    now += *wait + 6 * kSecond;  // the wait, then a round of attempts that fails again
  }
  EXPECT_EQ(waits, (std::vector<std::int64_t>{2 * kSecond, 4 * kSecond, 8 * kSecond, 16 * kSecond, 30 * kSecond,
                                              30 * kSecond}));
  // Given up: the next try would have ended 120 s after the first failure or later.
  EXPECT_GT(now - 5 * kSecond + 30 * kSecond, 120 * kSecond);
}

TEST(FillPatience, ThePatienceIsTheOutagesSoFillsQueuedBehindGetNoFreshTwoMinutes) {
  FillPatience patience;
  ASSERT_TRUE(patience.on_failure(0));  // stream A's fill fails at 0 s
  EXPECT_FALSE(patience.on_failure(119 * kSecond)) << "A: the next try would end after 120 s";
  // Stream B's fill, queued behind A, fails too: REST is still down, it is given up at once.
  EXPECT_FALSE(patience.on_failure(125 * kSecond));
  EXPECT_FALSE(patience.on_failure(131 * kSecond));
}

TEST(FillPatience, ASuccessEndsTheOutageAndTheNextFailureStartsAfresh) {
  FillPatience patience;
  ASSERT_EQ(patience.on_failure(0), 2 * kSecond);
  ASSERT_EQ(patience.on_failure(10 * kSecond), 4 * kSecond);
  patience.on_success();
  EXPECT_EQ(patience.on_failure(500 * kSecond), 2 * kSecond) << "a new outage: the first wait again";
  EXPECT_EQ(patience.on_failure(619 * kSecond), std::nullopt) << "and its own 120 s";
}

TEST(FillPatience, LimitsAreTheCallers) {
  FillPatience patience({.patience_ms = 10 * kSecond, .first_wait_ms = 1 * kSecond, .max_wait_ms = 3 * kSecond});
  EXPECT_EQ(patience.on_failure(0), 1 * kSecond);
  EXPECT_EQ(patience.on_failure(1 * kSecond), 2 * kSecond);
  EXPECT_EQ(patience.on_failure(3 * kSecond), 3 * kSecond);
  EXPECT_EQ(patience.on_failure(6 * kSecond), 3 * kSecond);
  EXPECT_EQ(patience.on_failure(9 * kSecond), std::nullopt);
}

}  // namespace
}  // namespace tradehost::feed
