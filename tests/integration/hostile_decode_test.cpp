// `tradehost decode` with the real plugins on frames stamped in the far future: once, one such bar
// made BingX and KuCoin drop every real bar of its stream as older than it, until a restart, and a
// time near INT64_MAX overflowed the next bar's open. Each is refused, and the next real bar comes.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

struct Venue {
  std::string name;
  std::string (*bar)(long long open);  // a frame of an open (or closed) 1m BTC bar
};

std::string bingx_bar(long long open_ms) {
  return R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"94180.00","o":"94210.50","h":"94220.00","l":"94150.10","v":"140.002","T":)" +
         std::to_string(open_ms) + "}]}";
}

std::string binance_bar(long long open_ms) {
  return R"({"e":"kline","E":1767225600023,"s":"BTCUSDT","k":{"t":)" + std::to_string(open_ms) +
         R"(,"T":1767225599999,"s":"BTCUSDT","i":"1m","o":"94210.50","c":"94187.20","h":"94233.00","l":"94150.10","v":"152.417","x":false}})";
}

std::string kucoin_bar(long long open_ms) {
  return R"({"type":"message","topic":"/contractMarket/limitCandle:XBTUSDTM_1min","subject":"candle.stick","data":{"symbol":"XBTUSDTM","candles":[")" +
         std::to_string(open_ms / 1000) + R"(","94210.5","94190.3","94233","94150.1","152417.0","152417"],"time":1767225571456}})";
}

class FutureBars : public ::testing::TestWithParam<Venue> {};

TEST_P(FutureBars, AreRefusedAndTheNextRealBarStillComes) {
  const Venue& venue = GetParam();
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n");
  const std::vector<long long> opens = {1767225540000LL,        // a real bar
                                        4102444740000LL,        // 2099-12-31T23:59Z
                                        9223372036854720000LL,  // near INT64_MAX
                                        1767225600000LL};       // the next real bar
  std::string frames;
  for (const long long open : opens) frames += venue.bar(open) + "\n";
  const auto file = dir.write("frames.jsonl", frames);
  const auto r = tradehost({"decode", "--exchange", venue.name, "--config", config.string(), file.string()}, {}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("decode: line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("decode: line 3"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("4102444740000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("open_time_ms":1767225600000)"), std::string::npos)
      << "the real bar after the future ones was dropped:\n" << r.out << r.err;
}

INSTANTIATE_TEST_SUITE_P(Venues, FutureBars,
                         ::testing::Values(Venue{"bingx", bingx_bar}, Venue{"binance", binance_bar},
                                           Venue{"kucoinfutures", kucoin_bar}),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tradehost::test
