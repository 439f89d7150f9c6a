// raw_json_text: in-place reads of JSON strings, refusing escapes.
#include <tradehost/sdk/json_text.hpp>

#include <gtest/gtest.h>

namespace {

// What simdjson's raw_json_string gives: a pointer just past the opening quote.
struct FakeRaw {
  const char* p;
  const char* raw() const { return p; }
};

TEST(RawJsonText, ReadsUpToTheClosingQuoteWithoutCopying) {
  const char frame[] = R"("94187.20","x")";
  std::string_view out;
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{frame + 1}, out));
  EXPECT_EQ(out, "94187.20");
  EXPECT_EQ(out.data(), frame + 1) << "a view into the frame, not a copy";
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{frame + 12}, out));
  EXPECT_EQ(out, "x");
}

TEST(RawJsonText, AnEscapeIsRefusedAndAnEmptyStringIsEmpty) {
  const char escaped[] = R"("BTC\"USDT")";
  std::string_view out = "untouched";
  EXPECT_FALSE(tradehost::sdk::raw_json_text(FakeRaw{escaped + 1}, out));
  EXPECT_EQ(out, "untouched");
  const char empty[] = R"("")";
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{empty + 1}, out));
  EXPECT_TRUE(out.empty());
}

}  // namespace

#include <tradehost/sdk/event_checks.hpp>

namespace {

using tradehost::sdk::Decimal;

tradehost::sdk::Kline kline(Decimal open, Decimal high, Decimal low, Decimal close) {
  tradehost::sdk::Kline k{};
  k.symbol = 1;
  k.timeframe = tradehost::sdk::Timeframe::m1;
  k.open_time_ms = 1767225600000;
  k.open = open;
  k.high = high;
  k.low = low;
  k.close = close;
  k.volume = {5, 0};
  return k;
}

TEST(EventChecks, AKlineMustBeOrderedPositiveAndAlignedWhateverTheScales) {
  using tradehost::sdk::kline_problem;
  // 94210.5 / 94233 / 94150.10 / 94190.30 with mixed scales is fine.
  EXPECT_EQ(kline_problem(kline({942105, 1}, {94233, 0}, {9415010, 2}, {941903, 1})), nullptr);
  EXPECT_STREQ(kline_problem(kline({942105, 1}, {94233, 0}, {9415010, 2}, {942400, 1})),
               "open or close outside [low, high]");
  EXPECT_STREQ(kline_problem(kline({-942105, 1}, {94233, 0}, {9415010, 2}, {941903, 1})), "a price <= 0");
  auto k = kline({1, 0}, {1, 0}, {1, 0}, {1, 0});
  k.open_time_ms += 1000;
  EXPECT_STREQ(kline_problem(k), "open time not aligned to the timeframe");
  EXPECT_STREQ(kline_problem(kline({2, 0}, {1, 0}, {3, 0}, {2, 0})), "high below low");
}

TEST(EventChecks, TradesAndTickersNeedPositivePricesAndASide) {
  tradehost::sdk::Trade t{1, tradehost::sdk::Side::buy, 1767225600000, 7, {941, 1}, {5, 3}};
  EXPECT_EQ(tradehost::sdk::trade_problem(t), nullptr);
  t.qty = {0, 0};
  EXPECT_STREQ(tradehost::sdk::trade_problem(t), "a price or quantity <= 0");
  tradehost::sdk::BookTicker b{1, 1767225600000, {941, 1}, {0, 0}, {942, 1}, {3, 0}};
  EXPECT_EQ(tradehost::sdk::book_ticker_problem(b), nullptr) << "an empty side of the book is a quantity of 0";
  b.ask = {0, 0};
  EXPECT_STREQ(tradehost::sdk::book_ticker_problem(b), "a bid or ask <= 0");
}

}  // namespace
