// Binance market data: the decoder (protocols/binance.md §4, §5), connection plans and heartbeat
// (§1, §4), REST klines (§6), and the recorded frames of tests/data/binance.
//
// This binary replaces the global operator new/delete with counting versions, so that
// BinanceDecodeAllocations can prove decode allocates nothing per frame in steady state.
#include "binance/decimal.hpp"
#include "binance/decode.hpp"
#include "binance/manifest.hpp"
#include "binance/rest.hpp"
#include "binance/subscribe.hpp"

#include <tradehost/sdk/adapter.hpp>

#include <gtest/gtest.h>
#include <tradehost/conformance/event_json.hpp>

#include "support/alloc_counter.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::binance {
namespace {

// ---- Helpers ---------------------------------------------------------------------------------

// A frame as the host hands it over: the bytes, then sdk::kFramePadding readable bytes.
class Padded {
 public:
  explicit Padded(std::string_view text, bool binary = false)
      : bytes_(std::string(text) + std::string(sdk::kFramePadding, '\0')),
        size_(text.size()),
        binary_(binary) {}
  sdk::FrameView view() const { return {bytes_.data(), size_, binary_}; }

 private:
  std::string bytes_;
  std::size_t size_;
  bool binary_;
};

sdk::UnifiedSymbol usdt(std::string base) { return {std::move(base), "USDT", "USDT"}; }

// The symbols `tradehost decode` binds: BTC, ETH, SOL as ids 0, 1, 2.
const std::array<std::string_view, 3> kSymbolNames = {"BTC/USDT:USDT", "ETH/USDT:USDT",
                                                      "SOL/USDT:USDT"};

std::vector<sdk::SymbolBinding> bindings() {
  return {{0, usdt("BTC"), {}}, {1, usdt("ETH"), {}}, {2, usdt("SOL"), {}}};
}

sdk::StreamKey key(sdk::EventKind kind, std::string base,
                   sdk::Timeframe timeframe = sdk::Timeframe::m1) {
  sdk::StreamKey k;
  k.kind = kind;
  k.symbol = usdt(std::move(base));
  k.timeframe = timeframe;
  return k;
}

class BinanceDecode : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto status = decoder_.bind(bindings());
    ASSERT_TRUE(status) << status.error().message;
  }

  sdk::DecodeResult decode(std::string_view text) {
    const Padded frame(text);
    return decoder_.decode(frame.view(), buffer_);
  }

  Decoder decoder_;
  std::array<sdk::Event, 8> storage_{};
  sdk::EventBuffer buffer_{storage_.data(), storage_.size()};
};

// ---- The printer of `tradehost decode` (DESIGN.md), for the recorded frames ----------------

// The exchange, symbol and fields as `tradehost decode` prints them (the conformance kit's printer).
std::string event_json(const sdk::Event& e) {
  const sdk::SymbolId id = e.kind == sdk::EventKind::kline   ? e.kline.symbol
                           : e.kind == sdk::EventKind::trade ? e.trade.symbol
                                                             : e.book_ticker.symbol;
  return conformance::event_json(e, "binance", kSymbolNames.at(id));
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string data_file(std::string_view name) {
  return std::string(BINANCE_TEST_DATA_DIR) + "/" + std::string(name);
}

// ---- Klines ----------------------------------------------------------------------------------

constexpr std::string_view kClosedKline =
    R"({"e":"kline","E":1767225600023,"s":"BTCUSDT","k":{"t":1767225540000,"T":1767225599999,"s":"BTCUSDT","i":"1m","f":6912345001,"L":6912345873,"o":"94210.50","c":"94187.20","h":"94233.00","l":"94150.10","v":"152.417","n":873,"x":true,"q":"14356355.37","V":"70.112","Q":"6603940.43","B":"0"}})";

TEST_F(BinanceDecode, ClosedKlineFillsEveryField) {
  const auto r = decode(kClosedKline);
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  ASSERT_EQ(buffer_[0].kind, sdk::EventKind::kline);
  const sdk::Kline& k = buffer_[0].kline;
  EXPECT_EQ(k.symbol, 0u);
  EXPECT_EQ(k.timeframe, sdk::Timeframe::m1);
  EXPECT_TRUE(k.closed);
  EXPECT_EQ(k.open_time_ms, 1767225540000);
  EXPECT_EQ(k.open, (sdk::Decimal{9421050, 2}));
  EXPECT_EQ(k.high, (sdk::Decimal{9423300, 2}));
  EXPECT_EQ(k.low, (sdk::Decimal{9415010, 2}));
  EXPECT_EQ(k.close, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(k.volume, (sdk::Decimal{152417, 3}));
}

TEST_F(BinanceDecode, OpenKlineInCombinedWrapperIsNotClosedAndSkipsUnknownKeys) {
  const auto r = decode(
      R"({"stream":"ethusdt@kline_5m","data":{"e":"kline","E":1767225601512,"s":"ETHUSDT","st":1,"ps":"ETHUSDT","k":{"t":1767225600000,"T":1767225899999,"s":"ETHUSDT","i":"5m","o":"3312.45","c":"3313.02","h":"3313.40","l":"3312.11","v":"845.207","n":36,"x":false,"q":"2800179.66"}}})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  const sdk::Kline& k = buffer_[0].kline;
  EXPECT_EQ(k.symbol, 1u);
  EXPECT_EQ(k.timeframe, sdk::Timeframe::m5);
  EXPECT_FALSE(k.closed);
  EXPECT_EQ(k.open_time_ms, 1767225600000);
  EXPECT_EQ(k.open, (sdk::Decimal{331245, 2}));
  EXPECT_EQ(k.close, (sdk::Decimal{331302, 2}));
  EXPECT_EQ(k.volume, (sdk::Decimal{845207, 3}));
}

TEST_F(BinanceDecode, KlineKeysInAnyOrderAndSymbolFromKWhenTopLevelLacksIt) {
  const auto r = decode(
      R"({"k":{"x":true,"v":"1","l":"1.0","h":"3.0","c":"2.0","o":"1.5","i":"1M","t":1767225600000,"s":"SOLUSDT"},"e":"kline"})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  const sdk::Kline& k = buffer_[0].kline;
  EXPECT_EQ(k.symbol, 2u);
  EXPECT_EQ(k.timeframe, sdk::Timeframe::mo1);
  EXPECT_EQ(k.volume, (sdk::Decimal{1, 0}));
  EXPECT_EQ(k.open, (sdk::Decimal{15, 1}));
}

// ---- Trades ----------------------------------------------------------------------------------

constexpr std::string_view kAggTrade =
    R"({"e":"aggTrade","E":1767225601250,"s":"BTCUSDT","a":3041887215,"p":"94187.20","q":"0.045","nq":"0.045","f":6912345874,"l":6912345876,"T":1767225601248,"m":true})";

TEST_F(BinanceDecode, AggTradeWithBuyerMakerIsATakerSell) {
  const auto r = decode(kAggTrade);
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  ASSERT_EQ(buffer_[0].kind, sdk::EventKind::trade);
  const sdk::Trade& t = buffer_[0].trade;
  EXPECT_EQ(t.symbol, 0u);
  EXPECT_EQ(t.side, sdk::Side::sell);
  EXPECT_EQ(t.time_ms, 1767225601248);
  EXPECT_EQ(t.trade_id, 3041887215);
  EXPECT_EQ(t.price, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(t.qty, (sdk::Decimal{45, 3}));
}

TEST_F(BinanceDecode, CombinedAggTradeWithBuyerTakerIsABuy) {
  const auto r = decode(
      R"({"stream":"ethusdt@aggTrade","data":{"e":"aggTrade","E":1767225601391,"s":"ETHUSDT","a":1733290112,"p":"3313.05","q":"1.250","T":1767225601389,"m":false}})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  const sdk::Trade& t = buffer_[0].trade;
  EXPECT_EQ(t.symbol, 1u);
  EXPECT_EQ(t.side, sdk::Side::buy);
  EXPECT_EQ(t.trade_id, 1733290112);
  EXPECT_EQ(t.qty, (sdk::Decimal{1250, 3}));
}

TEST_F(BinanceDecode, RawTradeStreamTakesItsIdFromT) {
  const auto r = decode(
      R"({"e":"trade","E":1767225601250,"T":1767225601248,"s":"BTCUSDT","t":6912345876,"p":"94187.20","q":"0.015","X":"MARKET","m":true})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  const sdk::Trade& t = buffer_[0].trade;
  EXPECT_EQ(t.trade_id, 6912345876);
  EXPECT_EQ(t.side, sdk::Side::sell);
  EXPECT_EQ(t.time_ms, 1767225601248);
}

TEST_F(BinanceDecode, TradeWithoutTFallsBackToEventTime) {
  const auto r =
      decode(R"({"e":"aggTrade","E":1767225601250,"s":"BTCUSDT","a":1,"p":"1","q":"1","m":false})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  EXPECT_EQ(buffer_[0].trade.time_ms, 1767225601250);
}

// ---- Book tickers ----------------------------------------------------------------------------

constexpr std::string_view kBookTicker =
    R"({"e":"bookTicker","u":9876543210123,"s":"BTCUSDT","b":"94187.10","B":"3.512","a":"94187.20","A":"0.871","T":1767225601247,"E":1767225601251})";

TEST_F(BinanceDecode, BookTickerFillsEveryField) {
  const auto r = decode(kBookTicker);
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  ASSERT_EQ(buffer_[0].kind, sdk::EventKind::book_ticker);
  const sdk::BookTicker& b = buffer_[0].book_ticker;
  EXPECT_EQ(b.symbol, 0u);
  EXPECT_EQ(b.time_ms, 1767225601247);
  EXPECT_EQ(b.bid, (sdk::Decimal{9418710, 2}));
  EXPECT_EQ(b.bid_qty, (sdk::Decimal{3512, 3}));
  EXPECT_EQ(b.ask, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(b.ask_qty, (sdk::Decimal{871, 3}));
}

TEST_F(BinanceDecode, CombinedBookTickerWithoutTUsesE) {
  const auto r = decode(
      R"({"stream":"solusdt@bookTicker","data":{"e":"bookTicker","u":1,"s":"SOLUSDT","b":"188.0200","B":"402","a":"188.0300","A":"95","E":1767225601731}})");
  ASSERT_EQ(r.status, sdk::DecodeStatus::events) << r.detail;
  const sdk::BookTicker& b = buffer_[0].book_ticker;
  EXPECT_EQ(b.symbol, 2u);
  EXPECT_EQ(b.time_ms, 1767225601731);
  EXPECT_EQ(b.bid, (sdk::Decimal{1880200, 4}));
  EXPECT_EQ(b.ask_qty, (sdk::Decimal{95, 0}));
}

// ---- Control frames --------------------------------------------------------------------------

TEST_F(BinanceDecode, AckCarriesTheRequestIdThePlanGave) {
  std::vector<sdk::StreamKey> streams;
  for (const char* base : {"BTC", "ETH"}) streams.push_back(key(sdk::EventKind::trade, base));
  const auto plan = connection_plan("wss://fstream.binance.com", kMarketGroup, streams, 41);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->request_ids.size(), 1u);
  const std::string ack = R"({"result":null,"id":)" + std::to_string(plan->request_ids[0]) + "}";
  const auto r = decode(ack);
  EXPECT_EQ(r.status, sdk::DecodeStatus::control);
  EXPECT_EQ(r.control, sdk::ControlKind::ack);
  EXPECT_EQ(r.request_id, 41u);
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, AckWithIdFirstIsStillAnAck) {
  const auto r = decode(R"({"id":18446744073709551615,"result":null})");
  EXPECT_EQ(r.control, sdk::ControlKind::ack);
  EXPECT_EQ(r.request_id, 18446744073709551615u);
}

TEST_F(BinanceDecode, ListAndPropertyRepliesAreOther) {
  for (std::string_view frame :
       {R"({"result":["btcusdt@kline_1m"],"id":3})", R"({"result":true,"id":5})",
        R"({"result":null})", R"({"result":null,"id":"7"})"}) {
    const auto r = decode(frame);
    EXPECT_EQ(r.status, sdk::DecodeStatus::control) << frame;
    EXPECT_EQ(r.control, sdk::ControlKind::other) << frame;
  }
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, ErrorFrameIsASubscribeErrorWithCodeAndMessage) {
  const auto r = decode(R"({"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":4})");
  EXPECT_EQ(r.status, sdk::DecodeStatus::control);
  EXPECT_EQ(r.control, sdk::ControlKind::subscribe_error);
  EXPECT_EQ(r.request_id, 4u);
  EXPECT_EQ(r.error_code, 2);
  EXPECT_STREQ(r.detail, "Invalid request: invalid stream");
}

TEST_F(BinanceDecode, ErrorFrameWithNullIdHasRequestIdZero) {
  const auto r = decode(R"({"error":{"code":3,"msg":"Invalid json"},"id":null})");
  EXPECT_EQ(r.control, sdk::ControlKind::subscribe_error);
  EXPECT_EQ(r.request_id, 0u);
  EXPECT_EQ(r.error_code, 3);
  EXPECT_STREQ(r.detail, "Invalid json");
}

TEST_F(BinanceDecode, WellFormedEventsWeDoNotUseAreOther) {
  for (
      std::string_view frame :
      {R"({"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":1,"u":2,"pu":0,"b":[["1.0","2"]],"a":[["1.1","3"]]})",
       R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"94188.1","T":2}})",
       R"({"stream":"!markPrice@arr","data":[{"e":"markPriceUpdate","E":1,"s":"BTCUSDT"}]})",
       R"({"e":"listenKeyExpired","E":"1767229201000","listenKey":"abc"})", R"({})"}) {
    const auto r = decode(frame);
    EXPECT_EQ(r.status, sdk::DecodeStatus::control) << frame << ": " << r.detail;
    EXPECT_EQ(r.control, sdk::ControlKind::other) << frame;
  }
  EXPECT_EQ(buffer_.size(), 0u);
}

// ---- Errors ----------------------------------------------------------------------------------

TEST_F(BinanceDecode, UnknownSymbolIsAnErrorAndAppendsNothing) {
  const auto r = decode(
      R"({"e":"aggTrade","E":1,"s":"XRPUSDT","a":1,"p":"2.3051","q":"1200.0","T":1,"m":true})");
  EXPECT_EQ(r.status, sdk::DecodeStatus::error);
  EXPECT_STREQ(r.detail, "unknown symbol: XRPUSDT");
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, WrongTypesAreErrorsThatNameTheField) {
  const auto r = decode(
      R"({"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":94187.20,"q":"0.045","T":1,"m":true})");
  EXPECT_EQ(r.status, sdk::DecodeStatus::error);
  EXPECT_STREQ(r.detail, "trade p: wrong type");
  const auto missing = decode(
      R"({"e":"kline","s":"BTCUSDT","k":{"t":1,"i":"1m","o":"1","h":"1","l":"1","c":"1","v":"1"}})");
  EXPECT_STREQ(missing.detail, "kline k.x: missing");
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, EveryMalformedRecordedFrameIsAnError) {
  for (const std::string& line : read_lines(data_file("malformed.jsonl"))) {
    const auto r = decode(line);
    EXPECT_EQ(r.status, sdk::DecodeStatus::error) << line;
    EXPECT_NE(r.detail[0], '\0') << line;
  }
  EXPECT_EQ(buffer_.size(), 0u);
}

// Every proper prefix of a valid frame is invalid JSON: each must be an error, never an event or
// a control frame, and must leave the buffer untouched.
TEST_F(BinanceDecode, EveryTruncationOfEveryRecordedFrameIsAnError) {
  for (std::string_view kind : {"kline", "trade", "book_ticker", "control"}) {
    for (const std::string& line : read_lines(data_file(std::string(kind) + ".jsonl"))) {
      for (std::size_t n = 1; n < line.size(); ++n) {
        const std::string_view prefix(line.data(), n);
        const auto r = decode(prefix);
        ASSERT_EQ(r.status, sdk::DecodeStatus::error) << prefix;
      }
    }
  }
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, FullBufferIsAnErrorAndKeepsWhatItHeld) {
  std::array<sdk::Event, 1> one{};
  sdk::EventBuffer small(one.data(), one.size());
  const Padded kline(kClosedKline);
  ASSERT_EQ(decoder_.decode(kline.view(), small).status, sdk::DecodeStatus::events);
  const Padded trade(kAggTrade);
  const auto r = decoder_.decode(trade.view(), small);
  EXPECT_EQ(r.status, sdk::DecodeStatus::error);
  EXPECT_STREQ(r.detail, "event buffer full");
  ASSERT_EQ(small.size(), 1u);
  EXPECT_EQ(small[0].kind, sdk::EventKind::kline);

  sdk::EventBuffer none(nullptr, 0);
  EXPECT_EQ(decoder_.decode(trade.view(), none).status, sdk::DecodeStatus::error);
  EXPECT_EQ(none.size(), 0u);
}

TEST_F(BinanceDecode, BlanksAroundTheObjectAreFineButTrailingBytesAreNot) {
  EXPECT_EQ(decode(" {\"result\":null,\"id\":1}\n").control, sdk::ControlKind::ack);
  EXPECT_EQ(decode(R"({"result":null,"id":1}{})").status, sdk::DecodeStatus::error);
  EXPECT_EQ(decode(std::string(kAggTrade) + "}").status, sdk::DecodeStatus::error);
  EXPECT_EQ(decode(std::string(kAggTrade) + " x").status, sdk::DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, BinaryAndEmptyFramesAreErrors) {
  const Padded binary(kAggTrade, true);
  EXPECT_EQ(decoder_.decode(binary.view(), buffer_).status, sdk::DecodeStatus::error);
  EXPECT_EQ(decode("").status, sdk::DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BinanceDecode, UnboundDecoderKnowsNoSymbol) {
  Decoder fresh;
  const Padded trade(kAggTrade);
  EXPECT_EQ(fresh.decode(trade.view(), buffer_).status, sdk::DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

// ---- bind ------------------------------------------------------------------------------------

TEST(BinanceDecodeBind, RefusesOneVenueSymbolUnderTwoIds) {
  Decoder decoder;
  const std::vector<sdk::SymbolBinding> twice = {{0, usdt("BTC"), {}}, {5, usdt("BTC"), {}}};
  const auto status = decoder.bind(twice);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("BTCUSDT"), std::string::npos) << status.error().message;
}

TEST(BinanceDecodeBind, RefusesSymbolsBinanceCannotName) {
  Decoder decoder;
  const std::vector<sdk::SymbolBinding> inverse = {{0, {"BTC", "USD", "BTC"}, {}}};
  EXPECT_FALSE(decoder.bind(inverse));
}

TEST(BinanceDecodeBind, RebindingReplacesTheTable) {
  Decoder decoder;
  std::array<sdk::Event, 2> storage{};
  sdk::EventBuffer out(storage.data(), storage.size());
  ASSERT_TRUE(decoder.bind(std::vector<sdk::SymbolBinding>{{7, usdt("BTC"), {}}}));
  ASSERT_TRUE(decoder.bind(std::vector<sdk::SymbolBinding>{{9, usdt("ETH"), {}}}));
  const Padded btc(kAggTrade);
  EXPECT_EQ(decoder.decode(btc.view(), out).status, sdk::DecodeStatus::error);
  const Padded eth(R"({"e":"aggTrade","E":1,"s":"ETHUSDT","a":1,"p":"1","q":"1","T":1,"m":true})");
  ASSERT_EQ(decoder.decode(eth.view(), out).status, sdk::DecodeStatus::events);
  EXPECT_EQ(out[0].trade.symbol, 9u);
}

// ---- Recorded frames (tests/data/binance) -----------------------------------------------------

// What `tradehost decode --exchange binance` prints for each recorded file, line by line.
TEST(BinanceRecordedFrames, DecodeToExactlyTheExpectedLines) {
  for (std::string_view kind : {"kline", "trade", "book_ticker", "control", "malformed"}) {
    Decoder decoder;
    ASSERT_TRUE(decoder.bind(bindings()));
    std::vector<std::string> printed;
    for (const std::string& line : read_lines(data_file(std::string(kind) + ".jsonl"))) {
      std::array<sdk::Event, 4> storage{};
      sdk::EventBuffer out(storage.data(), storage.size());
      const Padded frame(line);
      const auto r = decoder.decode(frame.view(), out);
      const sdk::DecodeStatus want = kind == "control"     ? sdk::DecodeStatus::control
                                     : kind == "malformed" ? sdk::DecodeStatus::error
                                                           : sdk::DecodeStatus::events;
      EXPECT_EQ(r.status, want) << line << ": " << r.detail;
      for (const sdk::Event& e : out) printed.push_back(event_json(e));
    }
    const std::vector<std::string> expected =
        read_lines(data_file(std::string(kind) + ".expected.jsonl"));
    EXPECT_EQ(printed, expected) << kind;
  }
}

// ---- Allocation -------------------------------------------------------------------------------

TEST(BinanceDecodeAllocations, SteadyStateDecodeAllocatesNothing) {
  Decoder decoder;
  ASSERT_TRUE(decoder.bind(bindings()));
  std::vector<Padded> frames;
  for (std::string_view kind : {"kline", "trade", "book_ticker", "control", "malformed"}) {
    for (const std::string& line : read_lines(data_file(std::string(kind) + ".jsonl"))) {
      frames.emplace_back(line);
    }
  }
  std::array<sdk::Event, 4> storage{};
  sdk::EventBuffer out(storage.data(), storage.size());
  for (const Padded& frame : frames) {  // warm-up
    out.clear();
    (void)decoder.decode(frame.view(), out);
  }
  std::size_t events = 0;
  const std::size_t before = tradehost::test::allocations();
  for (int round = 0; round < 1000; ++round) {
    for (const Padded& frame : frames) {
      out.clear();
      const sdk::DecodeResult r = decoder.decode(frame.view(), out);
      if (r.status == sdk::DecodeStatus::events) events += out.size();
    }
  }
  const std::size_t after = tradehost::test::allocations();
  EXPECT_EQ(after - before, 0u) << "allocations during " << 1000 * frames.size() << " decodes";
  EXPECT_EQ(events, 1000u * 12u);
}

TEST(BinanceDecodeAllocations, TheCounterSeesAllocations) {
  const std::size_t before = tradehost::test::allocations();
  auto* p = new std::string(100, 'x');
  delete p;
  EXPECT_GT(tradehost::test::allocations(), before);
}

// ---- Decimals ---------------------------------------------------------------------------------

TEST(BinanceDecimal, KeepsTheVenuesDecimals) {
  const std::vector<std::pair<std::string_view, sdk::Decimal>> cases = {
      {"94210.50", {9421050, 2}},
      {"5", {5, 0}},
      {"-0.005", {-5, 3}},
      {"0.00000001", {1, 8}},
      {"0", {0, 0}},
      {"0.000", {0, 3}},
      {"412907", {412907, 0}},
      {"123456789012345678", {123456789012345678, 0}},
      {"0.123456789012345678", {123456789012345678, 18}},
  };
  for (const auto& [text, want] : cases) {
    sdk::Decimal got{};
    ASSERT_TRUE(parse_decimal(text, got)) << text;
    EXPECT_EQ(got, want) << text;
  }
}

TEST(BinanceDecimal, RefusesWhatIsNotAPlainDecimal) {
  for (std::string_view text :
       {"", "-", ".5", "5.", "+1", " 1", "1 ", "1.2.3", "1e5", "9.41871e4", "94,187.10", "0x10",
        "1234567890123456789", "0.0000000000000000001", "NaN", "--1", "1-"}) {
    sdk::Decimal got{7, 7};
    EXPECT_FALSE(parse_decimal(text, got)) << text;
    EXPECT_EQ(got, (sdk::Decimal{7, 7})) << text;
  }
}

// ---- Stream groups, connection plans, heartbeat ------------------------------------------------

TEST(BinanceStreamGroup, KlinesAndTradesOnMarketBookTickersOnPublic) {
  EXPECT_EQ(stream_group(key(sdk::EventKind::kline, "BTC")), 0u);
  EXPECT_EQ(stream_group(key(sdk::EventKind::trade, "BTC")), 0u);
  EXPECT_EQ(stream_group(key(sdk::EventKind::book_ticker, "BTC")), 1u);
}

TEST(BinanceConnectionPlan, MarketGroupOpensCombinedMarketPathAndSubscribes) {
  const std::vector<sdk::StreamKey> streams = {key(sdk::EventKind::kline, "BTC"),
                                               key(sdk::EventKind::trade, "ETH")};
  const auto plan = connection_plan("wss://fstream.binance.com/", 0, streams, 1);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->url, "wss://fstream.binance.com/market/stream");
  EXPECT_FALSE(plan->wait_for_welcome);
  ASSERT_EQ(plan->frames.size(), 1u);
  EXPECT_EQ(plan->frames[0],
            R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m","ethusdt@aggTrade"],"id":1})");
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(plan->frame_streams, (std::vector<std::vector<std::uint32_t>>{{0, 1}}));
}

TEST(BinanceConnectionPlan, PublicGroupOpensCombinedPublicPath) {
  const std::vector<sdk::StreamKey> streams = {key(sdk::EventKind::book_ticker, "SOL")};
  const auto plan = connection_plan("ws://127.0.0.1:9443", 1, streams, 7);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->url, "ws://127.0.0.1:9443/public/stream");
  ASSERT_EQ(plan->frames.size(), 1u);
  EXPECT_EQ(plan->frames[0], R"({"method":"SUBSCRIBE","params":["solusdt@bookTicker"],"id":7})");
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{7}));
}

TEST(BinanceConnectionPlan, SplitsAtTheManifestsPerMessageLimitWithConsecutiveIds) {
  const std::uint32_t per_message = manifest().limits.streams_per_message;
  std::vector<sdk::StreamKey> streams;
  for (std::uint32_t i = 0; i < 2 * per_message + 3; ++i) {
    streams.push_back(key(sdk::EventKind::trade, "C" + std::to_string(i)));
  }
  const auto plan = connection_plan("wss://fstream.binance.com", 0, streams, 100);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->frames.size(), 3u);
  EXPECT_EQ(plan->request_ids, (std::vector<std::uint64_t>{100, 101, 102}));
  std::size_t named = 0;
  for (std::size_t f = 0; f < plan->frames.size(); ++f) {
    const std::string& frame = plan->frames[f];
    const auto count = static_cast<std::size_t>(std::count(frame.begin(), frame.end(), '@'));
    EXPECT_LE(count, per_message);
    named += count;
    EXPECT_TRUE(frame.ends_with("],\"id\":" + std::to_string(100 + f) + "}")) << frame;
  }
  EXPECT_EQ(named, streams.size());
  EXPECT_NE(plan->frames[2].find("\"c" + std::to_string(2 * per_message) + "usdt@aggTrade\""),
            std::string::npos)
      << plan->frames[2];
}

TEST(BinanceConnectionPlan, RefusesAStreamOfAnotherGroup) {
  const std::vector<sdk::StreamKey> mixed = {key(sdk::EventKind::kline, "BTC"),
                                             key(sdk::EventKind::book_ticker, "BTC")};
  const auto on_market = connection_plan("wss://fstream.binance.com", 0, mixed, 1);
  ASSERT_FALSE(on_market);
  EXPECT_NE(on_market.error().message.find("BTC/USDT:USDT book_ticker"), std::string::npos)
      << on_market.error().message;
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 1, mixed, 1));
}

TEST(BinanceConnectionPlan, RefusesMoreStreamsThanOneConnectionCarries) {
  const std::uint32_t cap = manifest().limits.streams_per_connection;
  std::vector<sdk::StreamKey> streams;
  for (std::uint32_t i = 0; i < cap; ++i) {
    streams.push_back(key(sdk::EventKind::trade, "C" + std::to_string(i)));
  }
  EXPECT_TRUE(connection_plan("wss://fstream.binance.com", 0, streams, 1));
  streams.push_back(key(sdk::EventKind::trade, "EXTRA"));
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 0, streams, 1));
}

TEST(BinanceConnectionPlan, RefusesNoStreamsUnknownGroupIdZeroAndEmptyBase) {
  const std::vector<sdk::StreamKey> one = {key(sdk::EventKind::trade, "BTC")};
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 0, {}, 1));
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 2, one, 1));
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 0, one, 0));
  EXPECT_FALSE(connection_plan("", 0, one, 1));
  EXPECT_FALSE(connection_plan("wss://fstream.binance.com", 0, one, UINT64_MAX));
}

TEST(BinanceHeartbeat, ServerProtocolPingsAndNinetySecondsOfSilence) {
  const sdk::HeartbeatSpec spec = heartbeat();
  EXPECT_EQ(spec.mode, sdk::HeartbeatSpec::Mode::protocol_pings);
  EXPECT_EQ(spec.silence_ms, 90000u);
  EXPECT_EQ(spec.rotate_after_ms, 84600000u) << "replace before the 24 h cut (protocols/binance.md §1)";
  EXPECT_EQ(spec.interval_ms, 0u);
  EXPECT_EQ(spec.timeout_ms, 0u);
  const auto frame = ping_frame(1);
  ASSERT_FALSE(frame);
  EXPECT_NE(frame.error().message.find("protocol pings"), std::string::npos);
  const auto reply = ping_reply();
  ASSERT_FALSE(reply);
  EXPECT_NE(reply.error().message.find("protocol pings"), std::string::npos);
}

// ---- REST ---------------------------------------------------------------------------------------

TEST(BinanceRest, NoBootstrap) {
  const auto request = bootstrap_request();
  ASSERT_TRUE(request);
  EXPECT_FALSE(request->has_value());
  EXPECT_FALSE(parse_bootstrap(sdk::HttpResponseView{200, "{}"}));
}

TEST(BinanceKlineRequest, TargetsFapiKlinesWithRangeAndLimit) {
  const auto request =
      kline_request(usdt("BTC"), sdk::Timeframe::m1, 1767225540000, 1767229140000, 61);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->target,
            "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1767225540000"
            "&endTime=1767229140000&limit=61");
  EXPECT_TRUE(request->body.empty());
  EXPECT_TRUE(request->headers.empty());
}

TEST(BinanceKlineRequest, LowersTheLimitTo1500) {
  const auto request = kline_request(usdt("ETH"), sdk::Timeframe::mo1, 0, 1, 5000);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_TRUE(request->target.ends_with("&interval=1M&startTime=0&endTime=1&limit=1500"))
      << request->target;
}

TEST(BinanceKlineRequest, RefusesZeroLimitBadRangeAndForeignSymbols) {
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 0, 1, 0));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, 2, 1, 10));
  EXPECT_FALSE(kline_request(usdt("BTC"), sdk::Timeframe::m1, -1, 1, 10));
  EXPECT_FALSE(kline_request({"BTC", "USD", "BTC"}, sdk::Timeframe::m1, 0, 1, 10));
}

constexpr std::string_view kTwoRows =
    R"([[1767225540000,"94210.50","94233.00","94150.10","94187.20","152.417",1767225599999,"14356355.37",873,"70.112","6603940.43","0"],)"
    R"([1767225600000,"94187.20","94195.60","94180.00","94190.00","3.905",1767225659999,"367808.42",28,"2.101","197906.60","0"]])";

TEST(BinanceParseKlines, ReadsRowsOldestFirstAllClosed) {
  const auto klines = parse_klines(2, sdk::Timeframe::m1, sdk::HttpResponseView{200, kTwoRows});
  ASSERT_TRUE(klines) << klines.error().message;
  ASSERT_EQ(klines->size(), 2u);
  const sdk::Kline& a = (*klines)[0];
  EXPECT_EQ(a.symbol, 2u);
  EXPECT_EQ(a.timeframe, sdk::Timeframe::m1);
  EXPECT_TRUE(a.closed);
  EXPECT_EQ(a.open_time_ms, 1767225540000);
  EXPECT_EQ(a.open, (sdk::Decimal{9421050, 2}));
  EXPECT_EQ(a.high, (sdk::Decimal{9423300, 2}));
  EXPECT_EQ(a.low, (sdk::Decimal{9415010, 2}));
  EXPECT_EQ(a.close, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(a.volume, (sdk::Decimal{152417, 3}));
  const sdk::Kline& b = (*klines)[1];
  EXPECT_EQ(b.open_time_ms, 1767225600000);
  EXPECT_EQ(b.volume, (sdk::Decimal{3905, 3}));
  EXPECT_TRUE(b.closed);
}

TEST(BinanceParseKlines, EmptyArrayIsNoRows) {
  const auto klines = parse_klines(0, sdk::Timeframe::m1, sdk::HttpResponseView{200, "[]"});
  ASSERT_TRUE(klines) << klines.error().message;
  EXPECT_TRUE(klines->empty());
}

TEST(BinanceParseKlines, RefusesMalformedAnswers) {
  for (std::string_view body : {
           R"([[1767225600000,"1","1","1","1","1"],[1767225540000,"1","1","1","1","1"]])",
           R"([[1767225540000,"1","1","1","1"]])",
           R"([[1767225540000,"1","1","1","1e3","1"]])",
           R"([[1767225540000,1,"1","1","1","1"]])",
           R"([["1767225540000","1","1","1","1","1"]])",
           R"([[1767225540000,"1","1","1","1","1")",
           R"({"rows":[]})",
           R"([1767225540000])",
           "garbage",
       }) {
    const auto klines = parse_klines(0, sdk::Timeframe::m1, sdk::HttpResponseView{200, body});
    ASSERT_FALSE(klines) << body;
    EXPECT_EQ(klines.error().code, sdk::ErrorCode::protocol) << body;
  }
}

// The live stream's checks apply to a gap fill too: a strategy never gets from REST what no
// frame could give it (issue 13).
TEST(BinanceParseKlines, RefusesImplausibleRowsAsTheStreamDoes) {
  for (std::string_view body : {
           R"([[1767225540000,"0","1","1","1","1"]])",           // a price of 0
           R"([[1767225540000,"2","1","3","2","1"]])",           // high below low
           R"([[1767225540000,"5","6","4","7","1"]])",           // close above high
           R"([[1767225540001,"1","1","1","1","1"]])",           // not a minute's open
           R"([[9223372036854720000,"1","1","1","1","1"]])",     // past 2100
       }) {
    const auto klines = parse_klines(0, sdk::Timeframe::m1, sdk::HttpResponseView{200, body});
    EXPECT_FALSE(klines) << body;
  }
}

TEST(BinanceParseKlines, HttpErrorsCarryTheVenuesCodeAndClass) {
  const auto bad =
      parse_klines(0, sdk::Timeframe::m1,
                   sdk::HttpResponseView{400, R"({"code":-1121,"msg":"Invalid symbol."})"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, sdk::ErrorCode::rejected);
  EXPECT_NE(bad.error().message.find("-1121"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("Invalid symbol."), std::string::npos);

  const auto limited =
      parse_klines(0, sdk::Timeframe::m1,
                   sdk::HttpResponseView{429, R"({"code":-1003,"msg":"Too many requests."})"});
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, sdk::ErrorCode::rate_limited);
  const auto banned = parse_klines(0, sdk::Timeframe::m1, sdk::HttpResponseView{418, ""});
  ASSERT_FALSE(banned);
  EXPECT_EQ(banned.error().code, sdk::ErrorCode::rate_limited);
  const auto down =
      parse_klines(0, sdk::Timeframe::m1, sdk::HttpResponseView{503, "Service Unavailable."});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, sdk::ErrorCode::io);
}

TEST(BinanceTradesRequest, TargetsFapiAggTradesFromAnIdAndLowersTheLimitTo1000) {
  const auto request = trades_request(usdt("BTC"), 3041887216, 5000);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->target, "/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=3041887216&limit=1000");
  EXPECT_FALSE(trades_request(usdt("BTC"), 1, 0));
  EXPECT_FALSE(trades_request(usdt("BTC"), -1, 10));
}

TEST(BinanceParseTrades, ReadsAggTradesAsTheStreamDoes) {
  const auto trades = parse_trades(
      3, sdk::HttpResponseView{200, R"([{"a":3041887215,"p":"94187.20","q":"0.045","f":6912345874,"l":6912345876,"T":1767225601248,"m":true},
{"a":3041887216,"p":"94187.30","q":"1.5","f":6912345877,"l":6912345877,"T":1767225601250,"m":false}])"});
  ASSERT_TRUE(trades) << trades.error().message;
  ASSERT_EQ(trades->size(), 2u);
  const sdk::Trade& first = (*trades)[0];
  EXPECT_EQ(first.symbol, 3u);
  EXPECT_EQ(first.trade_id, 3041887215);
  EXPECT_EQ(first.price, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(first.qty, (sdk::Decimal{45, 3}));
  EXPECT_EQ(first.time_ms, 1767225601248);
  EXPECT_EQ(first.side, sdk::Side::sell) << "m: the buyer was the maker, so the taker sold";
  EXPECT_EQ((*trades)[1].side, sdk::Side::buy);
  EXPECT_EQ((*trades)[1].trade_id, 3041887216);
}

TEST(BinanceParseTrades, RefusesMissingFieldsBadValuesAndErrorAnswers) {
  EXPECT_FALSE(parse_trades(1, sdk::HttpResponseView{200, R"([{"a":1,"p":"1","q":"1","T":5}])"}));  // no m
  EXPECT_FALSE(parse_trades(1, sdk::HttpResponseView{200, R"([{"a":1,"p":1.5,"q":"1","T":5,"m":true}])"}));
  EXPECT_FALSE(parse_trades(1, sdk::HttpResponseView{200, R"({"a":1})"}));
  // What the stream would refuse, and ids that do not rise.
  EXPECT_FALSE(parse_trades(1, sdk::HttpResponseView{200, R"([{"a":1,"p":"0","q":"1","T":5,"m":true}])"}));
  EXPECT_FALSE(parse_trades(1, sdk::HttpResponseView{200, R"([{"a":2,"p":"1","q":"1","T":5,"m":true},{"a":2,"p":"1","q":"1","T":5,"m":true}])"}));
  const auto refused = parse_trades(1, sdk::HttpResponseView{400, R"({"code":-1121,"msg":"Invalid symbol."})"});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("binance aggTrades: HTTP 400 code -1121: Invalid symbol."), std::string::npos)
      << refused.error().message;
  const auto empty = parse_trades(1, sdk::HttpResponseView{200, "[]"});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace tradehost::binance
