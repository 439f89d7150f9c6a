#include <tradehost/sdk/timeframe.hpp>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

TEST(Timeframe, EveryTimeframeRoundTripsThroughItsName) {
  for (sdk::Timeframe tf : sdk::kAllTimeframes) {
    auto parsed = sdk::parse_timeframe(sdk::to_string(tf));
    ASSERT_TRUE(parsed.has_value()) << sdk::to_string(tf);
    EXPECT_EQ(*parsed, tf);
  }
}

TEST(Timeframe, MonthAndMinuteAreCaseSensitive) {
  EXPECT_EQ(sdk::parse_timeframe("1M"), sdk::Timeframe::mo1);
  EXPECT_EQ(sdk::parse_timeframe("1m"), sdk::Timeframe::m1);
  EXPECT_FALSE(sdk::parse_timeframe("1H").has_value());
  EXPECT_FALSE(sdk::parse_timeframe("1min").has_value());
  EXPECT_FALSE(sdk::parse_timeframe("").has_value());
}

TEST(Timeframe, DurationsGrowWithTheTimeframe) {
  EXPECT_EQ(sdk::duration_seconds(sdk::Timeframe::m1), 60);
  EXPECT_EQ(sdk::duration_seconds(sdk::Timeframe::h4), 4 * 3600);
  for (std::size_t i = 1; i < sdk::kAllTimeframes.size(); ++i) {
    EXPECT_GT(sdk::duration_seconds(sdk::kAllTimeframes[i]),
              sdk::duration_seconds(sdk::kAllTimeframes[i - 1]));
  }
}

TEST(Timeframe, NextOpenAddsTheLengthAndMonthsFollowTheCalendar) {
  using tradehost::sdk::next_open_ms;
  using tradehost::sdk::Timeframe;
  constexpr std::int64_t kJan1_2026 = 1767225600000;  // 2026-01-01T00:00:00Z
  EXPECT_EQ(next_open_ms(Timeframe::m1, kJan1_2026), kJan1_2026 + 60000);
  EXPECT_EQ(next_open_ms(Timeframe::h4, kJan1_2026), kJan1_2026 + 4 * 3600000);
  EXPECT_EQ(next_open_ms(Timeframe::mo1, kJan1_2026), 1769904000000);  // 2026-02-01
  EXPECT_EQ(next_open_ms(Timeframe::mo1, 1769904000000), 1772323200000);  // 2026-03-01 (28 days)
  EXPECT_EQ(next_open_ms(Timeframe::mo1, 1764547200000), kJan1_2026);  // 2025-12-01 -> 2026-01-01
  EXPECT_EQ(next_open_ms(Timeframe::mo1, 1706745600000), 1709251200000);  // 2024-02-01 -> 03-01 (leap)
}
