// The simulated market: deterministic for a seed, bars consistent with their trades.
#include <gtest/gtest.h>

#include "market/bar.hpp"
#include "market/decimal_text.hpp"
#include "market/market.hpp"

namespace tradehost::sim {
namespace {

constexpr std::int64_t kStart = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, a Thursday

struct Recorder : MarketListener {
  std::vector<TradeEvent> trades;
  std::vector<std::pair<sdk::Timeframe, Bar>> closed;
  void on_trade(const TradeEvent& t) override { trades.push_back(t); }
  void on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& b) override {
    if (symbol == 0) closed.emplace_back(tf, b);
  }
};

Market make(std::uint64_t seed) {
  auto instruments = make_instruments("BTC,ETH,SOL", seed);
  EXPECT_TRUE(instruments.has_value());
  return Market(std::move(*instruments), MarketOptions{seed, kStart, 500});
}

TEST(SimMarket, SameSeedGivesTheSameTrades) {
  Market a = make(7), b = make(7), c = make(8);
  Recorder ra, rb, rc;
  a.add_listener(&ra);
  b.add_listener(&rb);
  c.add_listener(&rc);
  // Advancing in different increments must not matter.
  for (std::int64_t t = kStart; t <= kStart + 300'000; t += 1000) a.advance_to(t);
  b.advance_to(kStart + 300'000);
  c.advance_to(kStart + 300'000);
  ASSERT_EQ(ra.trades.size(), rb.trades.size());
  ASSERT_GT(ra.trades.size(), 100u);
  for (std::size_t i = 0; i < ra.trades.size(); ++i) {
    EXPECT_EQ(ra.trades[i].price, rb.trades[i].price);
    EXPECT_EQ(ra.trades[i].qty, rb.trades[i].qty);
    EXPECT_EQ(ra.trades[i].time_ms, rb.trades[i].time_ms);
  }
  bool differs = ra.trades.size() != rc.trades.size();
  for (std::size_t i = 0; !differs && i < ra.trades.size(); ++i) differs = ra.trades[i].price != rc.trades[i].price;
  EXPECT_TRUE(differs) << "another seed should give another market";
}

TEST(SimMarket, ClosedBarsMatchTheirTrades) {
  Market m = make(3);
  Recorder r;
  m.add_listener(&r);
  m.advance_to(kStart + 10 * 60'000 + 1);
  int checked = 0;
  for (const auto& [tf, bar] : r.closed) {
    if (tf != sdk::Timeframe::m1) continue;
    std::int64_t high = bar.open, low = bar.open, volume = 0, count = 0, last = bar.open;
    for (const auto& t : r.trades) {
      if (t.symbol != 0 || t.time_ms < bar.open_ms || t.time_ms >= bar.next_open_ms) continue;
      high = std::max(high, t.price);
      low = std::min(low, t.price);
      volume += t.qty;
      ++count;
      last = t.price;
    }
    EXPECT_EQ(bar.high, high);
    EXPECT_EQ(bar.low, low);
    EXPECT_EQ(bar.volume, volume);
    EXPECT_EQ(bar.trades, count);
    EXPECT_EQ(bar.close, last);
    EXPECT_EQ(bar.next_open_ms - bar.open_ms, 60'000);
    ++checked;
  }
  EXPECT_EQ(checked, 10);
}

TEST(SimMarket, EachBarOpensAtThePreviousClose) {
  Market m = make(4);
  Recorder r;
  m.add_listener(&r);
  m.advance_to(kStart + 5 * 60'000);
  const Bar* prev = nullptr;
  for (const auto& [tf, bar] : r.closed) {
    if (tf != sdk::Timeframe::m1) continue;
    if (prev) {
      EXPECT_EQ(bar.open, prev->close);
      EXPECT_EQ(bar.open_ms, prev->next_open_ms);
    }
    prev = &bar;
  }
}

TEST(SimBars, WeeksOpenOnMondayAndMonthsOnTheFirst) {
  // 2026-01-01 is a Thursday: its week opened on Monday 2025-12-29.
  EXPECT_EQ(bar_open_ms(sdk::Timeframe::w1, kStart), kStart - 3 * 86'400'000LL);
  EXPECT_EQ(bar_open_ms(sdk::Timeframe::mo1, kStart + 15 * 86'400'000LL), kStart);
  EXPECT_EQ(next_bar_open_ms(sdk::Timeframe::mo1, kStart), kStart + 31 * 86'400'000LL);
  EXPECT_EQ(bar_open_ms(sdk::Timeframe::h4, kStart + 5 * 3'600'000LL), kStart + 4 * 3'600'000LL);
}

TEST(SimDecimals, FormatsFixedPointExactly) {
  EXPECT_EQ(format_fixed(9421050, 2), "94210.50");
  EXPECT_EQ(format_fixed(5, 3), "0.005");
  EXPECT_EQ(format_fixed(-5, 3), "-0.005");
  EXPECT_EQ(format_fixed(12, 0), "12");
}

TEST(SimInstruments, CountsGenerateNamesAndListsAreChecked) {
  auto fifty = make_instruments("50", 1);
  ASSERT_TRUE(fifty.has_value());
  ASSERT_EQ(fifty->size(), 50u);
  EXPECT_EQ((*fifty)[0].base, "BTC");
  EXPECT_EQ((*fifty)[49].base, "S050");
  EXPECT_FALSE(make_instruments("btc", 1).has_value());
  EXPECT_FALSE(make_instruments("0", 1).has_value());
}

}  // namespace
}  // namespace tradehost::sim
