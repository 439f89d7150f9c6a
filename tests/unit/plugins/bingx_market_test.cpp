// BingX market-data plumbing (protocols/bingx.md §4, §6): the manifest's kline rule, connection
// plans, heartbeats, and the REST klines that fill gaps.
#include "bingx/manifest.hpp"
#include "bingx/rest.hpp"
#include "bingx/subscribe.hpp"

#include <tradehost/sdk/manifest.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tradehost::bingx {
namespace {

sdk::UnifiedSymbol usdt(std::string base) { return {std::move(base), "USDT", "USDT"}; }

sdk::StreamKey key(sdk::EventKind kind, sdk::UnifiedSymbol symbol, sdk::Timeframe timeframe = sdk::Timeframe::m1) {
  sdk::StreamKey k;
  k.kind = kind;
  k.symbol = std::move(symbol);
  k.timeframe = timeframe;
  return k;
}

constexpr std::string_view kWsBase = "wss://open-api-swap.bingx.com/swap-market";

// ---- manifest, groups, heartbeat ----------------------------------------------------------------

TEST(BingxMarket, KlinesCloseWhenTheNextOneOpens) {
  EXPECT_EQ(manifest().kline_close, sdk::KlineClose::next_open);
  EXPECT_EQ(manifest().trade_ids, sdk::TradeIds::none);  // §5: no trade id on USDT-M
  EXPECT_EQ(manifest().compression, sdk::FrameCompression::gzip);
  EXPECT_EQ(manifest().limits.streams_per_message, 1u);
}

TEST(BingxMarket, EveryStreamIsInGroupZero) {
  EXPECT_EQ(stream_group(key(sdk::EventKind::kline, usdt("BTC"))), 0u);
  EXPECT_EQ(stream_group(key(sdk::EventKind::trade, usdt("ETH"))), 0u);
  EXPECT_EQ(stream_group(key(sdk::EventKind::book_ticker, usdt("SOL"))), 0u);
}

TEST(BingxMarket, ServerPingsInTextAndFortySecondsOfSilenceIsDead) {
  const sdk::HeartbeatSpec spec = heartbeat();
  EXPECT_EQ(spec.mode, sdk::HeartbeatSpec::Mode::server_text_ping);
  EXPECT_EQ(spec.silence_ms, 40000u);
  const auto reply = ping_reply();
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(*reply, "Pong");
  EXPECT_FALSE(ping_frame(1));  // BingX has no client ping
}

// ---- connection plans ---------------------------------------------------------------------------

TEST(BingxConnectionPlan, OneSubFramePerStreamWithIdsFromTheFirst) {
  const std::vector<sdk::StreamKey> streams = {key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::m1),
                                               key(sdk::EventKind::trade, usdt("ETH")),
                                               key(sdk::EventKind::book_ticker, usdt("SOL")),
                                               key(sdk::EventKind::kline, usdt("ETH"), sdk::Timeframe::h4)};
  const auto plan = connection_plan(kWsBase, 0, streams, 41);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->url, kWsBase);
  EXPECT_FALSE(plan->wait_for_welcome);
  const std::vector<std::string> frames = {
      R"({"id":"41","reqType":"sub","dataType":"BTC-USDT@kline_1m"})",
      R"({"id":"42","reqType":"sub","dataType":"ETH-USDT@trade"})",
      R"({"id":"43","reqType":"sub","dataType":"SOL-USDT@bookTicker"})",
      R"({"id":"44","reqType":"sub","dataType":"ETH-USDT@kline_4h"})",
  };
  EXPECT_EQ(plan->frames, frames);
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{41, 42, 43, 44}));
  EXPECT_EQ(plan->frame_streams, (std::vector<std::vector<std::uint32_t>>{{0}, {1}, {2}, {3}}));
}

TEST(BingxConnectionPlan, TwoHundredStreamsFitAndOneMoreIsRefused) {
  std::vector<sdk::StreamKey> streams;
  for (int i = 0; i < 201; ++i) streams.push_back(key(sdk::EventKind::trade, usdt("C" + std::to_string(i))));
  const auto too_many = connection_plan(kWsBase, 0, streams, 1);
  ASSERT_FALSE(too_many);
  EXPECT_NE(too_many.error().message.find("201"), std::string::npos) << too_many.error().message;
  streams.pop_back();
  const auto full = connection_plan(kWsBase, 0, streams, 1);
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_EQ(full->frames.size(), 200u);
  EXPECT_EQ(full->request_ids.back(), 200u);
}

TEST(BingxConnectionPlan, RefusesOtherGroupsNoStreamsAndUnnamableStreams) {
  const std::vector<sdk::StreamKey> one = {key(sdk::EventKind::trade, usdt("BTC"))};
  EXPECT_FALSE(connection_plan(kWsBase, 1, one, 1));
  EXPECT_FALSE(connection_plan(kWsBase, 0, {}, 1));
  EXPECT_FALSE(connection_plan("", 0, one, 1));
  const std::vector<sdk::StreamKey> inverse = {key(sdk::EventKind::trade, {"BTC", "USD", "BTC"})};
  EXPECT_FALSE(connection_plan(kWsBase, 0, inverse, 1));
}

// ---- REST klines --------------------------------------------------------------------------------

TEST(BingxRest, NoBootstrapIsNeeded) {
  const auto request = bootstrap_request();
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_FALSE(request->has_value());
  EXPECT_FALSE(parse_bootstrap({200, "{}"}));
}

TEST(BingxRest, KlineRequestTargetsV3WithVenueNamesAndRange) {
  const auto request = kline_request(usdt("BTC"), sdk::Timeframe::m1, 1767225540000, 1767229140000, 60);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "GET");
  // startTime one ms before the first wanted bar (§6: inclusivity unconfirmed, ccxt sends since-1).
  EXPECT_EQ(request->target,
            "/openApi/swap/v3/quote/klines?symbol=BTC-USDT&interval=1m&startTime=1767225539999"
            "&endTime=1767229140000&limit=60");
  EXPECT_TRUE(request->body.empty());
}

TEST(BingxRest, KlineRequestCapsTheLimitAt1440AndSpellsMonths) {
  const auto request = kline_request(usdt("ETH"), sdk::Timeframe::mo1, 1700000000000, 1800000000000, 5000);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_NE(request->target.find("interval=1M&"), std::string::npos) << request->target;
  EXPECT_TRUE(request->target.ends_with("&limit=1440")) << request->target;
}

TEST(BingxRest, KlineRequestRefusesBadRangesLimitsAndSymbols) {
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 2000, 1000, 10));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 0, 1000, 10));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 1000, 2000, 0));
  EXPECT_FALSE(kline_request({"BTC", "USD", "BTC"}, sdk::Timeframe::m1, 1000, 2000, 10));
}

TEST(BingxRest, ParseKlinesSortsDeduplicatesAndClosesEveryRow) {
  const std::string body =
      R"({"code":0,"msg":"","data":[)"
      R"({"open":"67412.3","close":"67405.1","high":"67430.0","low":"67401.0","volume":"22.17","time":1718000100000},)"
      R"({"open":"67398.0","close":"67412.3","high":"67420.9","low":"67391.2","volume":"18.44","time":1718000040000},)"
      R"({"open":"67412.3","close":"67406.0","high":"67430.0","low":"67401.0","volume":"22.90","time":1718000100000}]})";
  const auto bars = parse_klines(3, sdk::Timeframe::m1, {200, body});
  ASSERT_TRUE(bars) << bars.error().message;
  ASSERT_EQ(bars->size(), 2u);
  const sdk::Kline& first = (*bars)[0];
  EXPECT_EQ(first.symbol, 3u);
  EXPECT_EQ(first.timeframe, sdk::Timeframe::m1);
  EXPECT_TRUE(first.closed);
  EXPECT_EQ(first.open_time_ms, 1718000040000);
  EXPECT_EQ(first.open, (sdk::Decimal{673980, 1}));
  EXPECT_EQ(first.high, (sdk::Decimal{674209, 1}));
  EXPECT_EQ(first.low, (sdk::Decimal{673912, 1}));
  EXPECT_EQ(first.close, (sdk::Decimal{674123, 1}));
  EXPECT_EQ(first.volume, (sdk::Decimal{1844, 2}));
  const sdk::Kline& second = (*bars)[1];
  EXPECT_TRUE(second.closed);
  EXPECT_EQ(second.open_time_ms, 1718000100000);
  EXPECT_EQ(second.close, (sdk::Decimal{674060, 1}));  // the later of the two rows for this time
  EXPECT_EQ(second.volume, (sdk::Decimal{2290, 2}));
}

TEST(BingxRest, ParseKlinesAcceptsOneObjectNullDataAndBareNumbers) {
  const auto one = parse_klines(
      0, sdk::Timeframe::h1,
      {200, R"({"code":0,"data":{"open":1.5,"close":"2","high":"2.5","low":"1","volume":"10","time":"1717999200000"}})"});
  ASSERT_TRUE(one) << one.error().message;
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].open, (sdk::Decimal{15, 1}));
  EXPECT_EQ((*one)[0].open_time_ms, 1717999200000);  // on the hour: an h1 bar
  const auto none = parse_klines(0, sdk::Timeframe::h1, {200, R"({"code":0,"msg":"","data":null})"});
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_TRUE(none->empty());
  const auto empty = parse_klines(0, sdk::Timeframe::h1, {200, R"({"code":0,"msg":"","data":[]})"});
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_TRUE(empty->empty());
}

// The live stream's checks apply to a gap fill too (issue 13), and a row's key comes once.
TEST(BingxRest, ParseKlinesRefusesImplausibleRowsAndRepeatedKeys) {
  for (const char* row : {
           R"({"open":"0","close":"1","high":"1","low":"1","volume":"1","time":1767225540000})",
           R"({"open":"2","close":"2","high":"1","low":"3","volume":"1","time":1767225540000})",
           R"({"open":"1","close":"1","high":"1","low":"1","volume":"1","time":1767225540001})",
           R"({"open":"1","close":"1","high":"1","low":"1","volume":"1","time":9223372036854720000})",
           R"({"open":"1","open":"2","close":"1","high":"1","low":"1","volume":"1","time":1767225540000})",
       }) {
    const std::string body = std::string(R"({"code":0,"data":[)") + row + "]}";
    EXPECT_FALSE(parse_klines(0, sdk::Timeframe::m1, {200, body})) << body;
  }
}

TEST(BingxRest, ParseKlinesMapsVenueCodesAndHttpStatuses) {
  const auto limited = parse_klines(0, sdk::Timeframe::m1, {200, R"({"code":109429,"msg":"too many requests"})"});
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, sdk::ErrorCode::rate_limited);
  EXPECT_NE(limited.error().message.find("too many requests"), std::string::npos);
  const auto busy = parse_klines(0, sdk::Timeframe::m1, {200, R"({"code":100500,"msg":""})"});
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, sdk::ErrorCode::io);
  const auto bad = parse_klines(0, sdk::Timeframe::m1, {200, R"({"code":109400,"msg":"invalid interval"})"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, sdk::ErrorCode::rejected);
  EXPECT_EQ(parse_klines(0, sdk::Timeframe::m1, {429, ""}).error().code, sdk::ErrorCode::rate_limited);
  EXPECT_EQ(parse_klines(0, sdk::Timeframe::m1, {503, "busy"}).error().code, sdk::ErrorCode::io);
  EXPECT_EQ(parse_klines(0, sdk::Timeframe::m1, {403, ""}).error().code, sdk::ErrorCode::rejected);
}

TEST(BingxRest, ParseKlinesRefusesMalformedBodies) {
  for (std::string_view body : {
           R"(not json)",
           R"({"code":0,"data":[{"open":"1","close":"1","high":"1","low":"1","volume":"1"}]})",
           R"({"code":0,"data":[{"open":"1","close":"1","high":"1","low":"1","volume":"1","time":1718000000000)",
           R"({"code":0,"data":[{"open":true,"close":"1","high":"1","low":"1","volume":"1","time":1718000000000}]})",
           R"({"code":0,"data":"none"})",
           R"({"code":0})",
           R"({"data":[]})",
       }) {
    const auto bars = parse_klines(0, sdk::Timeframe::m1, {200, body});
    ASSERT_FALSE(bars) << body;
    EXPECT_EQ(bars.error().code, sdk::ErrorCode::protocol) << body;
  }
}

}  // namespace
}  // namespace tradehost::bingx
