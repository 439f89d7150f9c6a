// KuCoin Futures market-data wiring (protocols/kucoinfutures.md §1, §3, §4, §6): exact decimals,
// the bullet bootstrap, connection plans and heartbeats, REST kline requests and answers.
#include "kucoinfutures/decimal.hpp"
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/rest.hpp"
#include "kucoinfutures/subscribe.hpp"

#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/wire.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::kucoinfutures {
namespace {

sdk::UnifiedSymbol usdt(std::string base) { return {std::move(base), "USDT", "USDT"}; }

sdk::StreamKey key(sdk::EventKind kind, sdk::UnifiedSymbol symbol,
                   sdk::Timeframe timeframe = sdk::Timeframe::m1) {
  sdk::StreamKey k;
  k.kind = kind;
  k.symbol = std::move(symbol);
  k.timeframe = timeframe;
  return k;
}

sdk::HttpResponseView ok_response(std::string_view body) { return {200, body}; }

// --- manifest ---

TEST(KucoinFuturesManifestMarketData, ClosesKlinesWhenTheNextOneOpens) {
  EXPECT_EQ(manifest().kline_close, sdk::KlineClose::next_open);
  EXPECT_EQ(manifest().trade_ids, sdk::TradeIds::increasing);  // §5: tradeId rises per symbol
}

// --- exact decimals ---

TEST(KucoinFuturesDecimal, KeepsTheVenuesDigits) {
  EXPECT_EQ(parse_decimal("94210.50"), (sdk::Decimal{9421050, 2}));
  EXPECT_EQ(parse_decimal("97022"), (sdk::Decimal{97022, 0}));
  EXPECT_EQ(parse_decimal("0.00001234"), (sdk::Decimal{1234, 8}));
  EXPECT_EQ(parse_decimal("-0.005"), (sdk::Decimal{-5, 3}));
  EXPECT_EQ(parse_decimal("12.0"), (sdk::Decimal{120, 1}));
  EXPECT_EQ(parse_decimal("0"), (sdk::Decimal{0, 0}));
  EXPECT_EQ(parse_decimal("123456789012345678"), (sdk::Decimal{123456789012345678, 0}));
  EXPECT_EQ(parse_decimal("0.000000000000000001"), (sdk::Decimal{1, 18}));
}

TEST(KucoinFuturesDecimal, ReadsJsonExponents) {
  EXPECT_EQ(parse_decimal("1.5E-5"), (sdk::Decimal{15, 6}));
  EXPECT_EQ(parse_decimal("2e3"), (sdk::Decimal{2000, 0}));
  EXPECT_EQ(parse_decimal("1.25e+1"), (sdk::Decimal{125, 1}));
  EXPECT_EQ(parse_decimal("0e30"), (sdk::Decimal{0, 0}));
}

TEST(KucoinFuturesDecimal, RefusesWhatIsNotAnExactNumber) {
  for (std::string_view text : {"", "-", ".5", "5.", "1.2.3", "01", "-01", "00.5", "+1", "1e", "1e+", "abc", "1 ",
                                " 1", "1,5", "1234567890123456789", "1.000000000000000000",
                                "0.0000000000000000001", "1e19", "1e999", "NaN"}) {
    EXPECT_FALSE(parse_decimal(text).has_value()) << text;
  }
}

TEST(KucoinFuturesDecimal, ParsesIntegersAndMultipliesExactly) {
  EXPECT_EQ(parse_int64("1794100537695"), 1794100537695);
  EXPECT_FALSE(parse_int64("-1").has_value());
  EXPECT_FALSE(parse_int64("9223372036854775808").has_value());
  EXPECT_EQ(parse_uint64("18446744073709551615"), 18446744073709551615u);
  EXPECT_FALSE(parse_uint64("18446744073709551616").has_value());
  EXPECT_FALSE(parse_uint64("").has_value());
  EXPECT_EQ(multiply({12, 0}, {1, 3}), (sdk::Decimal{12, 3}));
  EXPECT_EQ(multiply({120, 1}, {1, 2}), (sdk::Decimal{120, 3}));
  EXPECT_FALSE(multiply({9000000000000000000, 0}, {2, 0}).has_value());
  EXPECT_FALSE(multiply({1, 10}, {1, 9}).has_value());
}

// --- connection plans (§1, §4) ---

TEST(KucoinFuturesPlan, OneSubscribePerTopicKindAfterTheWelcome) {
  const std::vector<sdk::StreamKey> streams = {
      key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::m1),
      key(sdk::EventKind::trade, usdt("BTC")),
      key(sdk::EventKind::kline, usdt("ETH"), sdk::Timeframe::m1),
      key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::h4),
      key(sdk::EventKind::book_ticker, usdt("SOL")),
  };
  auto plan = connection_plan("wss://ws-api-futures.kucoin.com/?token=abc.DEF=", 0, streams, 7);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->url, "wss://ws-api-futures.kucoin.com/?token=abc.DEF=&connectId=th-7");
  EXPECT_TRUE(plan->wait_for_welcome);
  ASSERT_EQ(plan->frames.size(), 3u);
  EXPECT_EQ(
      plan->frames[0],
      R"({"id":"7","type":"subscribe","topic":"/contractMarket/limitCandle:XBTUSDTM_1min,ETHUSDTM_1min,XBTUSDTM_4hour","privateChannel":false,"response":true})");
  EXPECT_EQ(
      plan->frames[1],
      R"({"id":"8","type":"subscribe","topic":"/contractMarket/execution:XBTUSDTM","privateChannel":false,"response":true})");
  EXPECT_EQ(
      plan->frames[2],
      R"({"id":"9","type":"subscribe","topic":"/contractMarket/tickerV2:SOLUSDTM","privateChannel":false,"response":true})");
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{7, 8, 9}));
  // Frames group streams by topic, so each ack names the streams it covers by index.
  EXPECT_EQ(plan->frame_streams, (std::vector<std::vector<std::uint32_t>>{{0, 2, 3}, {1}, {4}}));
}

TEST(KucoinFuturesPlan, SplitsAtOneHundredTargetsPerMessage) {
  std::vector<sdk::StreamKey> streams;
  for (int i = 0; i < 250; ++i) {
    streams.push_back(key(sdk::EventKind::trade, usdt("C" + std::to_string(i))));
  }
  streams.push_back(key(sdk::EventKind::book_ticker, usdt("BTC")));
  auto plan = connection_plan("wss://x/?token=t", 0, streams, 100);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->frames.size(), 4u);
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{100, 101, 102, 103}));
  auto targets = [](const std::string& frame) {
    const auto topic = frame.find("\"topic\":\"");
    const auto end = frame.find('"', topic + 9);
    const std::string list = frame.substr(topic + 9, end - topic - 9);
    return static_cast<std::size_t>(std::count(list.begin(), list.end(), ',')) + 1;
  };
  EXPECT_EQ(targets(plan->frames[0]), 100u);
  EXPECT_EQ(targets(plan->frames[1]), 100u);
  EXPECT_EQ(targets(plan->frames[2]), 50u);
  EXPECT_NE(plan->frames[2].find("C249USDTM\""), std::string::npos);
  EXPECT_NE(plan->frames[3].find("\"id\":\"103\""), std::string::npos);
  EXPECT_NE(plan->frames[3].find("tickerV2:XBTUSDTM"), std::string::npos);
}

TEST(KucoinFuturesPlan, SubscribesADuplicateStreamOnce) {
  const std::vector<sdk::StreamKey> streams = {key(sdk::EventKind::trade, usdt("BTC")),
                                               key(sdk::EventKind::trade, usdt("BTC"))};
  auto plan = connection_plan("wss://x/?token=t", 0, streams, 1);
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->frames.size(), 1u);
  EXPECT_NE(plan->frames[0].find(R"("topic":"/contractMarket/execution:XBTUSDTM")"),
            std::string::npos);
}

TEST(KucoinFuturesPlan, StartsAQueryWhenTheBaseHasNone) {
  const std::vector<sdk::StreamKey> streams = {key(sdk::EventKind::trade, usdt("BTC"))};
  auto plan = connection_plan("ws://127.0.0.1:4100/", 0, streams, 3);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->url, "ws://127.0.0.1:4100/?connectId=th-3");
}

TEST(KucoinFuturesPlan, RefusesWhatOneConnectionCannotCarry) {
  const std::vector<sdk::StreamKey> one = {key(sdk::EventKind::trade, usdt("BTC"))};
  EXPECT_FALSE(connection_plan("wss://x/?token=t", 1, one, 1));
  EXPECT_FALSE(connection_plan("wss://x/?token=t", 0, {}, 1));
  EXPECT_FALSE(connection_plan("", 0, one, 1));
  std::vector<sdk::StreamKey> too_many;
  for (int i = 0; i < 301; ++i)
    too_many.push_back(key(sdk::EventKind::trade, usdt("C" + std::to_string(i))));
  EXPECT_FALSE(connection_plan("wss://x/?token=t", 0, too_many, 1));
  const std::vector<sdk::StreamKey> month = {
      key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::mo1)};
  EXPECT_FALSE(connection_plan("wss://x/?token=t", 0, month, 1));
}

TEST(KucoinFuturesPlan, EveryStreamIsGroupZero) {
  EXPECT_EQ(stream_group(key(sdk::EventKind::kline, usdt("BTC"))), 0u);
  EXPECT_EQ(stream_group(key(sdk::EventKind::book_ticker, usdt("ETH"))), 0u);
}

// --- heartbeat (§4) ---

TEST(KucoinFuturesHeartbeat, ClientPingsEvery18sWithPongWithin10s) {
  const sdk::HeartbeatSpec spec = heartbeat();
  EXPECT_EQ(spec.mode, sdk::HeartbeatSpec::Mode::client_text_ping);
  EXPECT_EQ(spec.interval_ms, 18000u);
  EXPECT_EQ(spec.timeout_ms, 10000u);
  EXPECT_EQ(spec.silence_ms, 60000u);
  EXPECT_EQ(ping_frame(1767225618000), R"({"id":"1767225618000","type":"ping"})");
  EXPECT_FALSE(ping_reply());
}

// --- bootstrap (§1) ---

TEST(KucoinFuturesBootstrap, AsksForAPublicBullet) {
  const sdk::HttpRequestSpec request = bootstrap_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/api/v1/bullet-public");
  EXPECT_TRUE(request.body.empty());
}

TEST(KucoinFuturesBootstrap, BuildsTheUrlAndHeartbeatFromTheAnswer) {
  auto bootstrap = parse_bootstrap(ok_response(
      R"({"code":"200000","data":{"token":"2neAiuYvAU7xhQf3kGl0p_Qz-4mR8bV1cW5yE6tU9oI2dH7jK3lN0aS8fG4hJ1kZ.xZ3fQ8kLm1Np7Rs0Tu4Vw==","instanceServers":[{"endpoint":"wss://ws-api-futures.kucoin.com/","encrypt":true,"protocol":"websocket","pingInterval":50000,"pingTimeout":12000},{"endpoint":"wss://other/","pingInterval":1,"pingTimeout":1}]}})"));
  ASSERT_TRUE(bootstrap) << bootstrap.error().message;
  EXPECT_EQ(bootstrap->ws_url,
            "wss://ws-api-futures.kucoin.com/"
            "?token=2neAiuYvAU7xhQf3kGl0p_Qz-4mR8bV1cW5yE6tU9oI2dH7jK3lN0aS8fG4hJ1kZ."
            "xZ3fQ8kLm1Np7Rs0Tu4Vw==");
  EXPECT_EQ(bootstrap->heartbeat.mode, sdk::HeartbeatSpec::Mode::client_text_ping);
  EXPECT_EQ(bootstrap->heartbeat.interval_ms, 50000u);
  EXPECT_EQ(bootstrap->heartbeat.timeout_ms, 12000u);
  EXPECT_EQ(bootstrap->heartbeat.silence_ms, 60000u);
}

TEST(KucoinFuturesBootstrap, AppendsTheTokenToAnEndpointWithAQuery) {
  auto bootstrap = parse_bootstrap(ok_response(
      R"({"data":{"instanceServers":[{"endpoint":"ws://127.0.0.1:4100/ws?venue=kucoin"}],"token":"t1"},"code":"200000"})"));
  ASSERT_TRUE(bootstrap) << bootstrap.error().message;
  EXPECT_EQ(bootstrap->ws_url, "ws://127.0.0.1:4100/ws?venue=kucoin&token=t1");
  EXPECT_EQ(bootstrap->heartbeat.interval_ms, 18000u);  // absent: §4's values
  EXPECT_EQ(bootstrap->heartbeat.timeout_ms, 10000u);
}

TEST(KucoinFuturesBootstrap, RefusalCarriesCodeAndMessage) {
  auto bootstrap =
      parse_bootstrap(ok_response(R"({"msg":"Service unavailable.","code":"500000"})"));
  ASSERT_FALSE(bootstrap);
  EXPECT_EQ(bootstrap.error().code, sdk::ErrorCode::rejected);
  EXPECT_NE(bootstrap.error().message.find("500000"), std::string::npos);
  EXPECT_NE(bootstrap.error().message.find("Service unavailable."), std::string::npos);

  auto limited = parse_bootstrap({429, R"({"code":"429000","msg":"Too many requests"})"});
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, sdk::ErrorCode::rate_limited);
}

TEST(KucoinFuturesBootstrap, RefusesIncompleteAnswers) {
  for (
      std::string_view body : {
          R"({"code":"200000","data":{"instanceServers":[{"endpoint":"wss://x/"}]}})",
          R"({"code":"200000","data":{"token":"t","instanceServers":[]}})",
          R"({"code":"200000","data":{"token":"t","instanceServers":[{"pingInterval":1}]}})",
          R"({"code":"200000","data":{"token":"t","instanceServers":[{"endpoint":"wss://x/","pingInterval":0}]}})",
          R"({"code":"200000","data":{"token":"t","instanceServers":[{"endpoint":"wss://x/","pingInterval":"soon"}]}})",
          R"({"code":"200000"})",
          R"({"data":{}})",
          R"({"code":"200000","data":{"token":"t")",
          "<html>502 Bad Gateway</html>",
      }) {
    EXPECT_FALSE(parse_bootstrap(ok_response(body))) << body;
  }
  auto gateway = parse_bootstrap({502, "<html>502 Bad Gateway</html>"});
  ASSERT_FALSE(gateway);
  EXPECT_EQ(gateway.error().code, sdk::ErrorCode::io);
}

// --- REST klines (§6) ---

TEST(KucoinFuturesKlineRequest, AsksForGranularityInMinutesBetweenMsBounds) {
  auto request = kline_request(usdt("BTC"), sdk::Timeframe::m1, 1732441200000, 1732444800000, 500);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(
      request->target,
      "/api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=1732441200000&to=1732444800000");
  auto weekly = kline_request(usdt("ETH"), sdk::Timeframe::w1, 0, 604800000, 10);
  ASSERT_TRUE(weekly);
  EXPECT_EQ(weekly->target,
            "/api/v1/kline/query?symbol=ETHUSDTM&granularity=10080&from=0&to=604800000");
}

TEST(KucoinFuturesKlineRequest, PullsTheEndInToTheRowLimit) {
  // 10 bars of 1h from the start: the 10th opens 9 h later.
  auto request = kline_request(usdt("SOL"), sdk::Timeframe::h1, 1732441200000, 1832441200000, 10);
  ASSERT_TRUE(request);
  EXPECT_EQ(
      request->target,
      "/api/v1/kline/query?symbol=SOLUSDTM&granularity=60&from=1732441200000&to=1732473600000");
  // A limit above 500 still asks for 500 at most.
  auto capped = kline_request(usdt("BTC"), sdk::Timeframe::m1, 0, 1000000000, 5000);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->target, "/api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=0&to=29940000");
}

TEST(KucoinFuturesKlineRequest, RefusesBadWindowsAndTimeframes) {
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 10, 5, 10));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, -1, 5, 10));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 0, 5, 0));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m3, 0, 5, 10));
  EXPECT_FALSE(kline_request({"BTC", "USD", "BTC"}, sdk::Timeframe::m1, 0, 5, 10));
}

TEST(KucoinFuturesParseKlines, ReadsRowsExactlyAndConvertsContracts) {
  auto klines = parse_klines(
      4, {1, 3}, sdk::Timeframe::m1,
      ok_response(
          R"({"code":"200000","data":[[1732441200000,97010.1,97022,97001.5,97015.8,12],[1732441260000,97015.80,97031.4,97009.9,97027.2,31,31.0]]})"));
  ASSERT_TRUE(klines) << klines.error().message;
  ASSERT_EQ(klines->size(), 2u);
  const sdk::Kline& first = (*klines)[0];
  EXPECT_EQ(first.symbol, 4u);
  EXPECT_EQ(first.timeframe, sdk::Timeframe::m1);
  EXPECT_TRUE(first.closed);
  EXPECT_EQ(first.open_time_ms, 1732441200000);
  EXPECT_EQ(first.open, (sdk::Decimal{970101, 1}));
  EXPECT_EQ(first.high, (sdk::Decimal{97022, 0}));
  EXPECT_EQ(first.low, (sdk::Decimal{970015, 1}));
  EXPECT_EQ(first.close, (sdk::Decimal{970158, 1}));
  EXPECT_EQ(first.volume, (sdk::Decimal{12, 3}));
  const sdk::Kline& second = (*klines)[1];
  EXPECT_EQ(second.open, (sdk::Decimal{9701580, 2}));  // the text's digits, not a double's
  EXPECT_EQ(second.volume, (sdk::Decimal{31, 3}));
  EXPECT_TRUE(second.closed);
}

// The live stream's checks apply to a gap fill too (issue 13).
TEST(KucoinFuturesParseKlines, RefusesImplausibleRowsAsTheStreamDoes) {
  for (const char* rows : {
           R"([[1732441200000,0,1,1,1,1]])",
           R"([[1732441200000,2,1,3,2,1]])",
           R"([[1732441200001,1,1,1,1,1]])",
           R"([[9223372036854720000,1,1,1,1,1]])",
       }) {
    const std::string body = std::string(R"({"code":"200000","data":)") + rows + "}";
    EXPECT_FALSE(parse_klines(0, {1, 3}, sdk::Timeframe::m1, ok_response(body))) << body;
  }
}

TEST(KucoinFuturesParseKlines, SortsOldestFirstAndDropsRepeatedStarts) {
  auto klines = parse_klines(
      0, {1, 2}, sdk::Timeframe::m5,
      ok_response(
          R"({"code":"200000","data":[[1732441500000,2,2,2,2,2],[1732441200000,1,1,1,1,1],[1732441500000,3,3,3,3,3]]})"));
  ASSERT_TRUE(klines) << klines.error().message;
  ASSERT_EQ(klines->size(), 2u);
  EXPECT_EQ((*klines)[0].open_time_ms, 1732441200000);
  EXPECT_EQ((*klines)[1].open_time_ms, 1732441500000);
  EXPECT_EQ((*klines)[1].open, (sdk::Decimal{2, 0}));
}

TEST(KucoinFuturesParseKlines, EmptyWindowIsNoRows) {
  auto empty =
      parse_klines(0, {1, 3}, sdk::Timeframe::m1, ok_response(R"({"code":"200000","data":[]})"));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  auto null =
      parse_klines(0, {1, 3}, sdk::Timeframe::m1, ok_response(R"({"code":"200000","data":null})"));
  ASSERT_TRUE(null);
  EXPECT_TRUE(null->empty());
}

TEST(KucoinFuturesParseKlines, RefusesErrorsAndBadRows) {
  auto refused = parse_klines(0, {1, 3}, sdk::Timeframe::m1,
                              ok_response(R"({"msg":"Invalid symbol.","code":"200003"})"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("200003"), std::string::npos);
  EXPECT_NE(refused.error().message.find("Invalid symbol."), std::string::npos);
  for (std::string_view body : {
           R"({"code":"200000","data":[[1732441200000,1,1,1,1]]})",
           R"({"code":"200000","data":[[1732441200000,1,1,"x",1,1]]})",
           R"({"code":"200000","data":[[-5,1,1,1,1,1]]})",
           R"({"code":"200000","data":[[1732441200000,1,1,1,1,-1]]})",
           R"({"code":"200000","data":[{"time":1}]})",
           R"({"code":"200000","data":{}})",
           R"({"code":"200000","data":[[1732441200000,1,1,1,1,1])",
       }) {
    EXPECT_FALSE(parse_klines(0, {1, 3}, sdk::Timeframe::m1, ok_response(body))) << body;
  }
}

TEST(KucoinFuturesRetryWait, WaitsForThePoolResetAThrottledAnswerNames) {
  const std::vector<sdk::HttpHeader> headers = {{"gw-ratelimit-limit", "2000"},
                                                {"GW-RateLimit-Reset", "1234"},
                                                {"gw-ratelimit-remaining", "0"}};
  const sdk::HttpResponseView throttled{429, R"({"code":"429000","msg":"Too Many Requests"})", headers};
  EXPECT_EQ(retry_wait_ms(throttled), 1234) << "header names are matched without regard to case";
  // §8: an overload answer comes without the rate-limit headers: wait 30 s.
  EXPECT_EQ(retry_wait_ms(sdk::HttpResponseView{429, R"({"code":"429000"})"}), 30000);
  // Not a 429, or a reset that is not a number: the host's own backoff.
  EXPECT_FALSE(retry_wait_ms(sdk::HttpResponseView{503, "", headers}));
  const std::vector<sdk::HttpHeader> bad = {{"gw-ratelimit-reset", "soon"}};
  EXPECT_FALSE(retry_wait_ms(sdk::HttpResponseView{429, "", bad}));
  const std::vector<sdk::HttpHeader> negative = {{"gw-ratelimit-reset", "-5"}};
  EXPECT_FALSE(retry_wait_ms(sdk::HttpResponseView{429, "", negative}));
}

}  // namespace
}  // namespace tradehost::kucoinfutures
