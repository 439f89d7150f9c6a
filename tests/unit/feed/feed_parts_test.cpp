// The feed's small parts: sharding, backoff, the latency histogram, URLs, the venue clock.
#include <gtest/gtest.h>

#include "feed/backoff.hpp"
#include "feed/latency_histogram.hpp"
#include "feed/shard_plan.hpp"
#include "feed/venue_clock.hpp"
#include "net/url.hpp"

namespace tradehost::feed {
namespace {

sdk::StreamKey stream(sdk::EventKind kind, int n) {
  return {kind, {"S" + std::to_string(n), "USDT", "USDT"}, sdk::Timeframe::m1};
}

TEST(ShardPlan, ThreeHundredStreamsFillConnectionsUpToTheLimitPerGroup) {
  std::vector<sdk::StreamKey> streams;
  for (int i = 0; i < 250; ++i) streams.push_back(stream(sdk::EventKind::kline, i));
  for (int i = 0; i < 50; ++i) streams.push_back(stream(sdk::EventKind::book_ticker, i));
  const auto group = [](const sdk::StreamKey& k) { return k.kind == sdk::EventKind::book_ticker ? 1u : 0u; };
  const auto shards = shard_streams(streams, group, sdk::ConnectionLimits{200, 100, 100});
  ASSERT_EQ(shards.size(), 3u);
  EXPECT_EQ(shards[0].group, 0u);
  EXPECT_EQ(shards[0].streams.size(), 200u);
  EXPECT_EQ(shards[1].group, 0u);
  EXPECT_EQ(shards[1].streams.size(), 50u);
  EXPECT_EQ(shards[2].group, 1u);
  EXPECT_EQ(shards[2].streams.size(), 50u);
  EXPECT_EQ(shards[1].streams.front(), stream(sdk::EventKind::kline, 200)) << "planned order is kept";
}

TEST(Backoff, GrowsWithJitterUpToTheCapAndResets) {
  Backoff b(std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 7);
  std::vector<std::int64_t> delays;
  for (int i = 0; i < 8; ++i) delays.push_back(b.next().count());
  EXPECT_GE(delays[0], 250);
  EXPECT_LE(delays[0], 500);
  EXPECT_GE(delays[1], 500);
  EXPECT_LE(delays[1], 1000);
  for (auto d : delays) EXPECT_LE(d, 4000);
  EXPECT_GE(delays[7], 2000) << "at the cap, at least half of it";
  EXPECT_EQ(b.attempts(), 8u);
  b.reset();
  EXPECT_LE(b.next().count(), 500);
  Backoff other(std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 8);
  std::vector<std::int64_t> other_delays;
  for (int i = 0; i < 8; ++i) other_delays.push_back(other.next().count());
  EXPECT_NE(delays, other_delays) << "two connections do not retry in lockstep";
}

TEST(LatencyHistogram, QuantilesAreWithinABucketOfTheTruth) {
  LatencyHistogram h;
  EXPECT_EQ(h.quantile(0.5), 0);
  for (int i = 1; i <= 1000; ++i) h.add(i * 10);  // 10 us .. 10 ms
  const auto p50 = h.quantile(0.5);
  const auto p99 = h.quantile(0.99);
  EXPECT_GE(p50, 5000);
  EXPECT_LE(p50, 5000 * 9 / 8 + 1);
  EXPECT_GE(p99, 9900);
  EXPECT_LE(p99, 9900 * 9 / 8 + 1);
  h.add(-5);  // a venue clock ahead of ours counts as 0
  EXPECT_EQ(h.count(), 1001u);
}

TEST(VenueClock, TheSimulatorsFastClockMapsBackToRealLag) {
  const std::int64_t venue_start = 1767225600000;
  VenueClock clock(venue_start, 60.0);
  const std::int64_t real = VenueClock::real_now_us();
  // An event stamped 600 venue-ms before now arrived 10 real ms late.
  const std::int64_t lag = clock.lag_us(clock.at_ms(real) - 600, real);
  EXPECT_NEAR(static_cast<double>(lag), 10000.0, 100.0);
  EXPECT_EQ(clock.venue_span_ms(1000), 60000);
  VenueClock real_time;
  EXPECT_EQ(real_time.lag_us(real / 1000 - 5, real / 1000 * 1000), 5000);
}

TEST(Url, SplitsEveryPartAndRefusesWhatItCannotDial) {
  auto u = net::parse_url("wss://fstream.binance.com/market/stream");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->tls());
  EXPECT_EQ(u->host, "fstream.binance.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/market/stream");
  auto k = net::parse_url("ws://127.0.0.1:4001?token=a&connectId=1");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->port, "4001");
  EXPECT_EQ(k->target, "/?token=a&connectId=1");
  auto v6 = net::parse_url("http://[::1]:8080/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->host_header(), "[::1]:8080");
  EXPECT_EQ(net::with_target(*v6, "/fapi/v1/klines?symbol=BTCUSDT").target, "/x/fapi/v1/klines?symbol=BTCUSDT");
  for (const char* bad : {"fstream.binance.com", "ftp://x", "wss://", "wss://h:0", "wss://h:99999", "ws://u@h"}) {
    auto r = net::parse_url(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
  }
}

}  // namespace
}  // namespace tradehost::feed
