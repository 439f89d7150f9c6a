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
