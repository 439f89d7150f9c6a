#include "coordinator/stream_plan.hpp"

#include <gtest/gtest.h>

namespace tradehost::coordinator {
namespace {

sdk::UnifiedSymbol sym(const std::string& base) { return {base, "USDT", "USDT"}; }

TEST(StreamPlan, WantsEveryTimeframeOfEverySymbolInListedOrder) {
  StreamRequest req{{sym("BTC"), sym("ETH")}, {sdk::Timeframe::m1, sdk::Timeframe::h1}, false, false};
  auto plan = plan_streams("binance", req, 20);
  ASSERT_EQ(plan.wanted.size(), 4u);
  EXPECT_EQ(plan.wanted[0].to_string(), "BTC/USDT:USDT kline 1m");
  EXPECT_EQ(plan.wanted[1].to_string(), "BTC/USDT:USDT kline 1h");
  EXPECT_EQ(plan.wanted[2].to_string(), "ETH/USDT:USDT kline 1m");
  EXPECT_EQ(plan.subscribed.size(), 4u);
  EXPECT_TRUE(plan.left_out.empty());
}

TEST(StreamPlan, TheCapLeavesOutTheLastListedStreams) {
  StreamRequest req{{sym("BTC"), sym("ETH"), sym("SOL")}, {sdk::Timeframe::m1}, true, true};
  auto plan = plan_streams("bingx", req, 5);
  EXPECT_EQ(plan.wanted.size(), 9u);
  ASSERT_EQ(plan.subscribed.size(), 5u);
  ASSERT_EQ(plan.left_out.size(), 4u);
  EXPECT_EQ(plan.subscribed[1].to_string(), "BTC/USDT:USDT trade");
  EXPECT_EQ(plan.subscribed[2].to_string(), "BTC/USDT:USDT book_ticker");
  EXPECT_EQ(plan.left_out[0].to_string(), "ETH/USDT:USDT book_ticker");
  EXPECT_EQ(plan.left_out[3].to_string(), "SOL/USDT:USDT book_ticker");
}

}  // namespace
}  // namespace tradehost::coordinator
