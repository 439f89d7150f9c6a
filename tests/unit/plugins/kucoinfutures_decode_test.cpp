// KuCoin Futures market-data decoding (protocols/kucoinfutures.md §4, §5): candles with the
// next-open rollover, trades, tickerV2, control frames, malformed frames, contract sizes, the
// golden files under tests/data/kucoinfutures, and no allocation per frame.
//
// This binary replaces the global operator new/delete with counting versions for the
// allocation test; everything else is unaffected by that.
#include "kucoinfutures/decode.hpp"
#include "kucoinfutures/symbol_table.hpp"

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/events.hpp>

#include <gtest/gtest.h>

#include "support/alloc_counter.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace tradehost::kucoinfutures {
namespace {

constexpr sdk::SymbolId kBtc = 0;
constexpr sdk::SymbolId kEth = 1;
constexpr sdk::SymbolId kSol = 2;

sdk::UnifiedSymbol usdt(std::string base) { return {std::move(base), "USDT", "USDT"}; }

// What `tradehost decode` binds: BTC, ETH, SOL with ids 0, 1, 2 and no contract size.
std::vector<sdk::SymbolBinding> default_bindings() {
  return {{kBtc, usdt("BTC"), {}}, {kEth, usdt("ETH"), {}}, {kSol, usdt("SOL"), {}}};
}

// A frame with the padding the host guarantees after it.
class PaddedFrame {
 public:
  explicit PaddedFrame(std::string_view text, bool binary = false)
      : bytes_(std::string(text) + std::string(sdk::kFramePadding, '\0')),
        size_(text.size()),
        binary_(binary) {}
  sdk::FrameView view() const { return {bytes_.data(), size_, binary_}; }

 private:
  std::string bytes_;
  std::size_t size_;
  bool binary_;
};

class KucoinFuturesDecode : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto bindings = default_bindings();
    const sdk::Status status = decoder_.bind(bindings);
    ASSERT_TRUE(status) << status.error().message;
  }

  sdk::DecodeResult decode(std::string_view text) { return decode_into(text, out_); }
  sdk::DecodeResult decode_into(std::string_view text, sdk::EventBuffer& out) {
    const PaddedFrame frame(text);
    return decoder_.decode(frame.view(), out);
  }

  Decoder decoder_;
  std::array<sdk::Event, 8> storage_{};
  sdk::EventBuffer out_{storage_.data(), storage_.size()};
};

std::string candle_frame(std::string_view target, std::string_view candles) {
  return std::string(R"({"type":"message","topic":"/contractMarket/limitCandle:)") +
         std::string(target) + R"(","subject":"candle.stick","data":{"symbol":")" +
         std::string(target.substr(0, target.find('_'))) + R"(","candles":[)" +
         std::string(candles) + R"(],"time":1767225571456}})";
}

constexpr std::string_view kTrade =
    R"({"topic":"/contractMarket/execution:XBTUSDTM","type":"message","subject":"match","sn":1794100537695,"data":{"symbol":"XBTUSDTM","sequence":1794100537695,"side":"sell","size":45,"price":"94187.2","takerOrderId":"254761230398394369","makerOrderId":"254761229001691137","tradeId":"3041887215","ts":1767225601248000000}})";
constexpr std::string_view kTicker =
    R"({"topic":"/contractMarket/tickerV2:XBTUSDTM","type":"message","subject":"tickerV2","sn":1794100537702,"data":{"symbol":"XBTUSDTM","sequence":1794100537702,"bestBidSize":3512,"bestBidPrice":"94187.1","bestAskPrice":"94187.2","bestAskSize":871,"ts":1767225601250000000}})";
const std::string kCandle = candle_frame(
    "XBTUSDTM_1min", R"("1767225540","94210.5","94187.2","94233","94150.1","152417.0","152417")");

// --- symbols and contract sizes (§2) ---

TEST(KucoinFuturesSymbolTable, UsesTheDocumentedMultipliersWhenTheHostGivesNone) {
  const auto bindings = default_bindings();
  auto table = SymbolTable::build(bindings);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->by_id(kBtc)->contract_size, (sdk::Decimal{1, 3}));
  EXPECT_EQ(table->by_id(kEth)->contract_size, (sdk::Decimal{1, 2}));
  EXPECT_EQ(table->by_id(kSol)->contract_size, (sdk::Decimal{1, 1}));
  EXPECT_EQ(table->by_id(kBtc)->venue, "XBTUSDTM");
  EXPECT_EQ(table->by_id(7), nullptr);
  ASSERT_TRUE(table->find("ETHUSDTM").has_value());
  EXPECT_EQ(table->at(*table->find("ETHUSDTM")).id, kEth);
  EXPECT_FALSE(table->find("BTCUSDTM").has_value());
}

TEST(KucoinFuturesSymbolTable, PrefersTheHostsContractSize) {
  const std::vector<sdk::SymbolBinding> bindings = {{5, usdt("BTC"), {1, 4}},
                                                    {6, usdt("DOGE"), {100, 0}}};
  auto table = SymbolTable::build(bindings);
  ASSERT_TRUE(table) << table.error().message;
  EXPECT_EQ(table->by_id(5)->contract_size, (sdk::Decimal{1, 4}));
  EXPECT_EQ(table->by_id(6)->contract_size, (sdk::Decimal{100, 0}));
}

TEST(KucoinFuturesSymbolTable, RefusesASymbolWithoutAnyContractSize) {
  const std::vector<sdk::SymbolBinding> bindings = {{0, usdt("BTC"), {}}, {1, usdt("DOGE"), {}}};
  auto table = SymbolTable::build(bindings);
  ASSERT_FALSE(table);
  EXPECT_NE(table.error().message.find("DOGE/USDT:USDT"), std::string::npos)
      << table.error().message;
  EXPECT_NE(table.error().message.find("DOGEUSDTM"), std::string::npos);
  EXPECT_NE(table.error().message.find("contract size"), std::string::npos);
}

TEST(KucoinFuturesSymbolTable, RefusesNegativeSizesDuplicatesAndUnspellableSymbols) {
  const std::vector<sdk::SymbolBinding> negative = {{0, usdt("BTC"), {-1, 0}}};
  EXPECT_FALSE(SymbolTable::build(negative));
  const std::vector<sdk::SymbolBinding> same_symbol = {{0, usdt("BTC"), {}}, {1, usdt("BTC"), {}}};
  EXPECT_FALSE(SymbolTable::build(same_symbol));
  const std::vector<sdk::SymbolBinding> same_id = {{0, usdt("BTC"), {}}, {0, usdt("ETH"), {}}};
  EXPECT_FALSE(SymbolTable::build(same_id));
  const std::vector<sdk::SymbolBinding> inverse = {{0, {"BTC", "USD", "BTC"}, {1, 0}}};
  EXPECT_FALSE(SymbolTable::build(inverse));
}

TEST(KucoinFuturesDecoderBind, FailedBindKeepsThePreviousSymbols) {
  Decoder decoder;
  const auto bindings = default_bindings();
  ASSERT_TRUE(decoder.bind(bindings));
  const std::vector<sdk::SymbolBinding> bad = {{9, usdt("PEPE"), {}}};
  EXPECT_FALSE(decoder.bind(bad));
  EXPECT_NE(decoder.symbols().by_id(kBtc), nullptr);
  EXPECT_EQ(decoder.symbols().by_id(9), nullptr);
}

// --- candles (§5) ---

TEST_F(KucoinFuturesDecode, CandleFillsEveryFieldInOpenCloseHighLowOrder) {
  const auto result = decode(kCandle);
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  ASSERT_EQ(out_[0].kind, sdk::EventKind::kline);
  const sdk::Kline& k = out_[0].kline;
  EXPECT_EQ(k.symbol, kBtc);
  EXPECT_EQ(k.timeframe, sdk::Timeframe::m1);
  EXPECT_FALSE(k.closed);
  EXPECT_EQ(k.open_time_ms, 1767225540000);
  EXPECT_EQ(k.open, (sdk::Decimal{942105, 1}));
  EXPECT_EQ(k.close, (sdk::Decimal{941872, 1}));
  EXPECT_EQ(k.high, (sdk::Decimal{94233, 0}));
  EXPECT_EQ(k.low, (sdk::Decimal{941501, 1}));
  // Index 6, 152417 contracts of 0.001 BTC, not index 5.
  EXPECT_EQ(k.volume, (sdk::Decimal{152417, 3}));
}

TEST_F(KucoinFuturesDecode, CandleTimeframeComesFromTheTopicSuffix) {
  const auto result = decode(candle_frame(
      "ETHUSDTM_4hour", R"("1767211200","3301.42","3298.05","3302.17","3297.8","843.0","843")"));
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].kline.symbol, kEth);
  EXPECT_EQ(out_[0].kline.timeframe, sdk::Timeframe::h4);
  EXPECT_EQ(out_[0].kline.volume, (sdk::Decimal{843, 2}));
}

TEST_F(KucoinFuturesDecode, SameStartUpdatesTheOpenCandle) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_1min",
                          R"("1767225540","94210.5","94190","94233","94150.1","1.0","152420")"))
          .status,
      sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_FALSE(out_[1].kline.closed);
  EXPECT_EQ(out_[1].kline.close, (sdk::Decimal{94190, 0}));
  EXPECT_EQ(out_[1].kline.volume, (sdk::Decimal{152420, 3}));
}

TEST_F(KucoinFuturesDecode, LaterStartClosesThePreviousCandleFirst) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  out_.clear();
  const auto result = decode(candle_frame(
      "XBTUSDTM_1min", R"("1767225600","94187.2","94195.8","94199.9","94180","12.0","12")"));
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 2u);
  const sdk::Kline& closed = out_[0].kline;
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.open_time_ms, 1767225540000);
  EXPECT_EQ(closed.close, (sdk::Decimal{941872, 1}));
  EXPECT_EQ(closed.volume, (sdk::Decimal{152417, 3}));
  const sdk::Kline& open = out_[1].kline;
  EXPECT_FALSE(open.closed);
  EXPECT_EQ(open.open_time_ms, 1767225600000);
  EXPECT_EQ(open.volume, (sdk::Decimal{12, 3}));
}

TEST_F(KucoinFuturesDecode, OlderStartIsDroppedWithoutEvents) {
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::events);
  out_.clear();
  const auto result = decode(kCandle);
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::other);
  EXPECT_EQ(out_.size(), 0u);
}

TEST_F(KucoinFuturesDecode, RolloverStateIsPerSymbolAndTimeframe) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  // Another timeframe and another symbol at later starts do not close the BTC 1m candle.
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_5min", R"("1767225600","1","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::events);
  ASSERT_EQ(
      decode(candle_frame("SOLUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 3u);
  for (const sdk::Event& e : out_) EXPECT_FALSE(e.kline.closed);
  EXPECT_EQ(out_[1].kline.timeframe, sdk::Timeframe::m5);
  EXPECT_EQ(out_[2].kline.symbol, kSol);
  EXPECT_EQ(out_[2].kline.volume, (sdk::Decimal{1, 1}));
}

TEST_F(KucoinFuturesDecode, RebindForgetsOpenCandles) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  const auto bindings = default_bindings();
  ASSERT_TRUE(decoder_.bind(bindings));
  out_.clear();
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_FALSE(out_[0].kline.closed);
}

// --- trades (§5) ---

TEST_F(KucoinFuturesDecode, TradeFillsEveryField) {
  const auto result = decode(kTrade);
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  ASSERT_EQ(out_[0].kind, sdk::EventKind::trade);
  const sdk::Trade& t = out_[0].trade;
  EXPECT_EQ(t.symbol, kBtc);
  EXPECT_EQ(t.side, sdk::Side::sell);
  EXPECT_EQ(t.time_ms, 1767225601248);
  EXPECT_EQ(t.trade_id, 3041887215);
  EXPECT_EQ(t.price, (sdk::Decimal{941872, 1}));
  EXPECT_EQ(t.qty, (sdk::Decimal{45, 3}));
}

TEST_F(KucoinFuturesDecode, TradePrefersMatchSizeAndAcceptsANumericTradeId) {
  const auto result = decode(
      R"({"topic":"/contractMarket/execution:SOLUSDTM","type":"message","subject":"match","data":{"side":"buy","size":9,"matchSize":7,"price":"187.344","tradeId":1794100537710,"ts":1767225601999999999}})");
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  const sdk::Trade& t = out_[0].trade;
  EXPECT_EQ(t.symbol, kSol);
  EXPECT_EQ(t.side, sdk::Side::buy);
  EXPECT_EQ(t.qty, (sdk::Decimal{7, 1}));
  EXPECT_EQ(t.trade_id, 1794100537710);
  EXPECT_EQ(t.time_ms, 1767225601999);  // nanoseconds floored to ms
}

// --- tickerV2 (§5) ---

TEST_F(KucoinFuturesDecode, TickerFillsEveryField) {
  const auto result = decode(kTicker);
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  ASSERT_EQ(out_[0].kind, sdk::EventKind::book_ticker);
  const sdk::BookTicker& b = out_[0].book_ticker;
  EXPECT_EQ(b.symbol, kBtc);
  EXPECT_EQ(b.time_ms, 1767225601250);
  EXPECT_EQ(b.bid, (sdk::Decimal{941871, 1}));
  EXPECT_EQ(b.bid_qty, (sdk::Decimal{3512, 3}));
  EXPECT_EQ(b.ask, (sdk::Decimal{941872, 1}));
  EXPECT_EQ(b.ask_qty, (sdk::Decimal{871, 3}));
}

TEST_F(KucoinFuturesDecode, TickerAcceptsNumericPricesExactly) {
  const auto result = decode(
      R"({"topic":"/contractMarket/tickerV2:ETHUSDTM","type":"message","subject":"tickerV2","data":{"bestBidSize":2210,"bestBidPrice":3298.07,"bestAskPrice":3298.10 ,"bestAskSize":95,"ts":1767225601400000000}})");
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  const sdk::BookTicker& b = out_[0].book_ticker;
  EXPECT_EQ(b.symbol, kEth);
  EXPECT_EQ(b.bid, (sdk::Decimal{329807, 2}));
  EXPECT_EQ(b.ask, (sdk::Decimal{329810, 2}));
  EXPECT_EQ(b.bid_qty, (sdk::Decimal{2210, 2}));
}

TEST_F(KucoinFuturesDecode, EnvelopeFieldsMayFollowData) {
  const auto result = decode(
      R"({"data":{"symbol":"XBTUSDTM","side":"buy","size":1,"price":"1.5","tradeId":"7","ts":2000000},"subject":"match","topic":"/contractMarket/execution:XBTUSDTM","type":"message"})");
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  ASSERT_EQ(out_.size(), 1u);
  EXPECT_EQ(out_[0].trade.trade_id, 7);
  EXPECT_EQ(out_[0].trade.time_ms, 2);
}

TEST_F(KucoinFuturesDecode, WhitespaceAroundTheObjectIsFine) {
  const auto result = decode(std::string(" \n") + std::string(kTrade) + " \r\n");
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  EXPECT_EQ(out_.size(), 1u);
}

// --- control frames (§4) ---

TEST_F(KucoinFuturesDecode, WelcomePongAndAckAreControl) {
  auto result = decode(R"({"id":"th-1","type":"welcome"})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::welcome);

  result = decode(R"({"id":"1767225618000","type":"pong","timestamp":1767225618006123})");
  EXPECT_EQ(result.control, sdk::ControlKind::pong);
  EXPECT_EQ(result.request_id, 1767225618000u);

  result = decode(R"({"id":"42","type":"ack"})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::ack);
  EXPECT_EQ(result.request_id, 42u);
  EXPECT_EQ(out_.size(), 0u);
}

TEST_F(KucoinFuturesDecode, AckOfAnIdWeNeverSentIsOther) {
  const auto result = decode(R"({"id":"sub-abc","type":"ack"})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::other);
}

TEST_F(KucoinFuturesDecode, ErrorFrameIsASubscribeErrorWithCodeAndText) {
  const auto result =
      decode(R"({"id":"3","type":"error","code":404,"data":"topic does not exist"})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::subscribe_error);
  EXPECT_EQ(result.request_id, 3u);
  EXPECT_EQ(result.error_code, 404);
  EXPECT_STREQ(result.detail, "topic does not exist");

  const auto connection =
      decode(R"({"id":"th-1","type":"error","code":"400","data":"ping timeout"})");
  EXPECT_EQ(connection.control, sdk::ControlKind::subscribe_error);
  EXPECT_EQ(connection.request_id, 0u);
  EXPECT_EQ(connection.error_code, 400);
}

TEST_F(KucoinFuturesDecode, Error401IsAnExpiredToken) {
  const auto result =
      decode(R"({"id":"6743f0a2","type":"error","code":401,"data":"token is expired"})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::token_expired);
  EXPECT_EQ(result.error_code, 401);
  EXPECT_STREQ(result.detail, "token is expired");
}

TEST_F(KucoinFuturesDecode, UnknownTypesAndSubjectsAreOther) {
  auto result = decode(R"({"type":"notice","data":{"msg":"maintenance"}})");
  EXPECT_EQ(result.control, sdk::ControlKind::other);
  result = decode(
      R"({"type":"message","topic":"/contractMarket/level2:XBTUSDTM","subject":"level2","data":{"change":"1,sell,5"}})");
  EXPECT_EQ(result.status, sdk::DecodeStatus::control);
  EXPECT_EQ(result.control, sdk::ControlKind::other);
  EXPECT_EQ(out_.size(), 0u);
}

// --- malformed frames: an error, nothing appended ---

TEST_F(KucoinFuturesDecode, MalformedFramesAppendNothing) {
  const std::string truncated = std::string(kTrade.substr(0, kTrade.size() - 40));
  const std::vector<std::string> frames = {
      truncated,
      std::string(kTicker.substr(0, kTicker.size() - 1)),
      std::string(kTrade) + "x",
      "",
      "   ",
      "[1,2]",
      "{}",
      "nonsense",
      R"({"type":5})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","data":{}})",
      R"({"type":"message","subject":"match","data":{}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match"})",
      R"({"type":"message","topic":"/contractMarket/tickerV2:XBTUSDTM","subject":"match","data":{"side":"buy","size":1,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"buy","size":1,"price":"1","tradeId":"1"}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"buy","size":1,"price":"1.2.3","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"buy","size":1.5e400,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"buy","size":1,"price":"1","tradeId":"99999999999999999999","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"buy","size":-1,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"side":"BUY","size":1,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"symbol":"ETHUSDTM","side":"buy","size":1,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/execution:DOGEUSDTM","subject":"match","data":{"side":"buy","size":1,"price":"1","tradeId":"1","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/tickerV2:XBTUSDTM","subject":"tickerV2","data":{"bestBidPrice":"1","bestBidSize":1,"bestAskPrice":"2","ts":1}})",
      R"({"type":"message","topic":"/contractMarket/tickerV2:XBTUSDTM","subject":"tickerV2","data":{"bestBidPrice":"1\u0030","bestBidSize":1,"bestAskPrice":"2","bestAskSize":1,"ts":1}})",
      candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0")"),
      candle_frame("XBTUSDTM_3min", R"("1767225600","1","1","1","1","1.0","1")"),
      candle_frame("XBTUSDTM", R"("1767225600","1","1","1","1","1.0","1")"),
      candle_frame("XBTUSDTM_1min", R"("1767225600",null,"1","1","1","1.0","1")"),
      candle_frame("XBTUSDTM_1min", R"("-1767225600","1","1","1","1","1.0","1")"),
      candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1234567890123456789")"),
      R"({"type":"message","topic":"/contractMarket/limitCandle:XBTUSDTM_1min","subject":"candle.stick","data":{"candles":{"0":"1"}}})",
      R"({"type":"message","topic":"/contractMarket/limitCandle:XBTUSDTM_1min","subject":"candle.stick","data":{"symbol":"XBTUSDTM"}})",
  };
  for (const std::string& frame : frames) {
    const auto result = decode(frame);
    EXPECT_EQ(result.status, sdk::DecodeStatus::error) << frame;
    EXPECT_NE(result.detail[0], '\0') << frame;
    EXPECT_EQ(out_.size(), 0u) << frame;
  }
}

TEST_F(KucoinFuturesDecode, UnknownSymbolErrorNamesIt) {
  const auto result = decode(
      R"({"type":"message","topic":"/contractMarket/tickerV2:DOGEUSDTM","subject":"tickerV2","data":{"bestBidPrice":"1","bestBidSize":1,"bestAskPrice":"2","bestAskSize":1,"ts":1}})");
  ASSERT_EQ(result.status, sdk::DecodeStatus::error);
  EXPECT_STREQ(result.detail, "unknown symbol: DOGEUSDTM");
}

TEST_F(KucoinFuturesDecode, BinaryFrameIsAnError) {
  const PaddedFrame frame(kTrade, /*binary=*/true);
  EXPECT_EQ(decoder_.decode(frame.view(), out_).status, sdk::DecodeStatus::error);
  EXPECT_EQ(out_.size(), 0u);
}

TEST_F(KucoinFuturesDecode, MalformedCandleLeavesTheOpenCandleAlone) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_1min", R"("1767225600","x","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::error);
  out_.clear();
  ASSERT_EQ(
      decode(candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1")")).status,
      sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 2u);
  EXPECT_TRUE(out_[0].kline.closed);
  EXPECT_EQ(out_[0].kline.open_time_ms, 1767225540000);
}

TEST_F(KucoinFuturesDecode, AFrameRefusedAfterItsDataLeavesTheOpenCandleAlone) {
  // `data` is read where it stands, before the rest of the frame is checked: what it found is
  // applied only once the frame is accepted whole.
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);  // the 1767225540 bar is open
  const std::string next_bar = candle_frame("XBTUSDTM_1min", R"("1767225600","1","1","1","1","1.0","1")");
  std::string with_bad_field = next_bar;
  with_bad_field.insert(with_bad_field.size() - 1, R"(,"subject":7)");
  for (const std::string& refused : {next_bar + "x", with_bad_field}) {
    out_.clear();
    const auto result = decode(refused);
    EXPECT_EQ(result.status, sdk::DecodeStatus::error) << refused;
    EXPECT_EQ(out_.size(), 0u) << refused;
  }
  out_.clear();
  ASSERT_EQ(decode(next_bar).status, sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 2u) << "the refused frames did not roll the bar over";
  EXPECT_TRUE(out_[0].kline.closed);
  EXPECT_EQ(out_[0].kline.open_time_ms, 1767225540000);
}

TEST_F(KucoinFuturesDecode, AKeyThatDecidesHowTheFrameIsReadMayAppearOnce) {
  // Read in one pass, a second topic after `data` would otherwise not be the one `data` was
  // read with.
  const std::string trade =
      R"({"type":"message","subject":"match","topic":"/contractMarket/execution:XBTUSDTM",)"
      R"("data":{"side":"buy","price":"1","size":1,"tradeId":1,"ts":1000000})";
  for (const std::string& frame :
       {trade + R"(,"topic":"/contractMarket/execution:ETHUSDTM"})", trade + R"(,"subject":"match"})",
        trade + R"(,"type":"message"})", trade + R"(,"data":{}})"}) {
    const auto result = decode(frame);
    EXPECT_EQ(result.status, sdk::DecodeStatus::error) << frame;
    EXPECT_NE(std::string_view(result.detail).find("duplicate"), std::string_view::npos) << result.detail;
    EXPECT_EQ(out_.size(), 0u) << frame;
  }
  ASSERT_EQ(decode(trade + "}").status, sdk::DecodeStatus::events);
}

TEST_F(KucoinFuturesDecode, DataBeforeTheEnvelopeIsReadTooAndTheSameWay) {
  const std::string ordered = candle_frame("XBTUSDTM_1min", R"("1767225540","1","2","3","0.5","1.0","7")");
  const std::string data_first =
      R"({"data":{"symbol":"XBTUSDTM","candles":["1767225540","1","2","3","0.5","1.0","7"],"time":1767225571456},)"
      R"("subject":"candle.stick","topic":"/contractMarket/limitCandle:XBTUSDTM_1min","type":"message"})";
  ASSERT_EQ(decode(ordered).status, sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 1u);
  const sdk::Kline first = out_[0].kline;
  out_.clear();
  ASSERT_EQ(decode(data_first).status, sdk::DecodeStatus::events);
  ASSERT_EQ(out_.size(), 1u);
  const sdk::Kline& again = out_[0].kline;
  EXPECT_EQ(again.symbol, first.symbol);
  EXPECT_EQ(again.timeframe, first.timeframe);
  EXPECT_EQ(again.open_time_ms, first.open_time_ms);
  EXPECT_TRUE(again.open == first.open && again.high == first.high && again.low == first.low &&
              again.close == first.close && again.volume == first.volume);
  EXPECT_EQ(again.closed, first.closed);
}

TEST_F(KucoinFuturesDecode, MissingDataSymbolIsFineTheTopicNamesIt) {
  const auto result = decode(
      R"({"type":"message","topic":"/contractMarket/tickerV2:SOLUSDTM","subject":"tickerV2","data":{"bestBidPrice":"1","bestBidSize":1,"bestAskPrice":"2","bestAskSize":1,"ts":1000000}})");
  ASSERT_EQ(result.status, sdk::DecodeStatus::events) << result.detail;
  EXPECT_EQ(out_[0].book_ticker.symbol, kSol);
}

// --- a full buffer: an error, nothing appended, state unchanged ---

TEST_F(KucoinFuturesDecode, FullBufferIsAnErrorAndAppendsNothing) {
  sdk::EventBuffer none(storage_.data(), 0);
  for (std::string_view frame : {std::string_view(kTrade), kTicker, std::string_view(kCandle)}) {
    const auto result = decode_into(frame, none);
    EXPECT_EQ(result.status, sdk::DecodeStatus::error) << frame;
    EXPECT_EQ(none.size(), 0u);
  }
}

TEST_F(KucoinFuturesDecode, RolloverNeedingTwoSlotsWithOneLeftAppendsNothing) {
  ASSERT_EQ(decode(kCandle).status, sdk::DecodeStatus::events);
  const std::string next = candle_frame(
      "XBTUSDTM_1min", R"("1767225600","94187.2","94195.8","94199.9","94180","12.0","12")");
  sdk::EventBuffer one(storage_.data(), 1);
  const auto result = decode_into(next, one);
  EXPECT_EQ(result.status, sdk::DecodeStatus::error);
  EXPECT_EQ(one.size(), 0u);
  // The candle was not rolled: with room, the same frame closes it now.
  sdk::EventBuffer two(storage_.data(), 2);
  ASSERT_EQ(decode_into(next, two).status, sdk::DecodeStatus::events);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_TRUE(two[0].kline.closed);
  EXPECT_EQ(two[0].kline.open_time_ms, 1767225540000);
}

// --- no allocation per frame ---

TEST(KucoinFuturesDecodeAllocations, SteadyStateDecodeDoesNotAllocate) {
  Decoder decoder;
  const auto bindings = default_bindings();
  ASSERT_TRUE(decoder.bind(bindings));
  std::array<sdk::Event, 8> storage{};
  sdk::EventBuffer out(storage.data(), storage.size());
  std::vector<PaddedFrame> frames;
  frames.emplace_back(kTrade);
  frames.emplace_back(kTicker);
  frames.emplace_back(kCandle);
  frames.emplace_back(candle_frame(
      "XBTUSDTM_1min", R"("1767225600","94187.2","94195.8","94199.9","94180","12.0","12")"));
  frames.emplace_back(R"({"id":"42","type":"ack"})");
  frames.emplace_back(R"({"id":"3","type":"error","code":404,"data":"topic does not exist"})");
  frames.emplace_back(
      R"({"type":"message","topic":"/contractMarket/tickerV2:DOGEUSDTM","subject":"tickerV2","data":{}})");
  frames.emplace_back(std::string(kTrade.substr(0, 80)));
  frames.emplace_back(
      R"({"data":{"symbol":"XBTUSDTM","side":"buy","size":1,"price":"1.5","tradeId":"7","ts":2000000},"subject":"match","topic":"/contractMarket/execution:XBTUSDTM","type":"message"})");

  auto run_all = [&] {
    for (const PaddedFrame& frame : frames) {
      out.clear();
      (void)decoder.decode(frame.view(), out);  // outcomes are tested above
    }
  };
  run_all();  // warm-up
  // The counter sees allocations at all (else the check below proves nothing).
  const std::size_t probe = tradehost::test::allocations();
  ::operator delete(::operator new(16));  // a direct call, which the compiler may not elide
  ASSERT_GT(tradehost::test::allocations(), probe);
  const std::size_t before = tradehost::test::allocations();
  for (int i = 0; i < 1000; ++i) run_all();
  EXPECT_EQ(tradehost::test::allocations(), before);
}

// --- golden files: what `tradehost decode --exchange kucoinfutures` must print ---

std::string decimal_text(const sdk::Decimal& d) {
  const bool negative = d.mantissa < 0;
  std::string digits = std::to_string(negative ? -d.mantissa : d.mantissa);
  if (digits.size() <= d.scale) digits.insert(0, d.scale + 1 - digits.size(), '0');
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - d.scale);
  if (d.scale > 0) out += "." + digits.substr(digits.size() - d.scale);
  return out;
}

std::string symbol_text(sdk::SymbolId id) {
  switch (id) {
    case kBtc:
      return "BTC/USDT:USDT";
    case kEth:
      return "ETH/USDT:USDT";
    case kSol:
      return "SOL/USDT:USDT";
    default:
      return "?";
  }
}

// The decode command's format (adapter_common: keys in this order, no spaces).
std::string event_line(const sdk::Event& e) {
  const std::string head = R"({"kind":")" + std::string(sdk::to_string(e.kind)) +
                           R"(","exchange":"kucoinfutures","symbol":")";
  auto q = [](const sdk::Decimal& d) { return "\"" + decimal_text(d) + "\""; };
  switch (e.kind) {
    case sdk::EventKind::kline: {
      const sdk::Kline& k = e.kline;
      return head + symbol_text(k.symbol) + R"(","timeframe":")" +
             std::string(sdk::to_string(k.timeframe)) + R"(","open_time_ms":)" +
             std::to_string(k.open_time_ms) + R"(,"open":)" + q(k.open) + R"(,"high":)" +
             q(k.high) + R"(,"low":)" + q(k.low) + R"(,"close":)" + q(k.close) + R"(,"volume":)" +
             q(k.volume) + R"(,"closed":)" + (k.closed ? "true" : "false") + "}";
    }
    case sdk::EventKind::trade: {
      const sdk::Trade& t = e.trade;
      return head + symbol_text(t.symbol) + R"(","price":)" + q(t.price) + R"(,"qty":)" + q(t.qty) +
             R"(,"side":")" + std::string(sdk::to_string(t.side)) + R"(","time_ms":)" +
             std::to_string(t.time_ms) + R"(,"trade_id":)" + std::to_string(t.trade_id) + "}";
    }
    case sdk::EventKind::book_ticker: {
      const sdk::BookTicker& b = e.book_ticker;
      return head + symbol_text(b.symbol) + R"(","bid":)" + q(b.bid) + R"(,"bid_qty":)" +
             q(b.bid_qty) + R"(,"ask":)" + q(b.ask) + R"(,"ask_qty":)" + q(b.ask_qty) + "}";
    }
  }
  return "{}";
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class KucoinFuturesGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(KucoinFuturesGolden, DecodesToTheExpectedLines) {
  const std::string kind = GetParam();
  const std::string dir = KUCOINFUTURES_TEST_DATA;
  const auto frames = read_lines(dir + "/" + kind + ".jsonl");
  const auto expected = read_lines(dir + "/" + kind + ".expected.jsonl");
  ASSERT_FALSE(frames.empty());

  Decoder decoder;  // one adapter per decode run, like the command
  const auto bindings = default_bindings();
  ASSERT_TRUE(decoder.bind(bindings));
  std::array<sdk::Event, 16> storage{};
  std::vector<std::string> printed;
  for (const std::string& line : frames) {
    sdk::EventBuffer out(storage.data(), storage.size());
    const PaddedFrame frame(line);
    const auto result = decoder.decode(frame.view(), out);
    if (kind == "malformed") {
      EXPECT_EQ(result.status, sdk::DecodeStatus::error) << line;
    } else if (kind == "control") {
      EXPECT_EQ(result.status, sdk::DecodeStatus::control) << line;
    } else {
      EXPECT_NE(result.status, sdk::DecodeStatus::error) << result.detail << "\n" << line;
    }
    for (const sdk::Event& e : out) printed.push_back(event_line(e));
  }
  EXPECT_EQ(printed, expected);
}

INSTANTIATE_TEST_SUITE_P(RecordedFrames, KucoinFuturesGolden,
                         ::testing::Values("kline", "trade", "book_ticker", "control",
                                           "malformed"));

}  // namespace
}  // namespace tradehost::kucoinfutures
