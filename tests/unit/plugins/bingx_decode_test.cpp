// BingX market-data decoding (protocols/bingx.md §4, §5): every kind of frame, the kline
// open/close rule, control frames, malformed frames, the recorded golden frames in
// tests/data/bingx/, and no heap allocation per frame in steady state.
#include "bingx/decimal.hpp"
#include "bingx/decode.hpp"
#include "bingx/gunzip.hpp"

#include <tradehost/sdk/adapter.hpp>

#include <gtest/gtest.h>
#include <tradehost/conformance/decimal_text.hpp>
#include <tradehost/conformance/event_json.hpp>
#include <tradehost/conformance/frame_source.hpp>

#include "support/alloc_counter.hpp"
#include <zlib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace tradehost::bingx {
namespace {

using sdk::ControlKind;
using sdk::DecodeStatus;

// ---- helpers ------------------------------------------------------------------------------------

std::string gzip(std::string_view text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A received frame with the padding the host guarantees after it.
class Frame {
 public:
  Frame(std::string_view bytes, bool binary) : size_(bytes.size()), binary_(binary) {
    storage_.assign(bytes.size() + sdk::kFramePadding, '\0');
    storage_.replace(0, bytes.size(), bytes);
  }
  sdk::FrameView view() const { return sdk::FrameView{storage_.data(), size_, binary_}; }

 private:
  std::string storage_;
  std::size_t size_;
  bool binary_;
};

// As BingX sends it: gzip in a binary frame (§4).
Frame gz(std::string_view text) { return Frame(gzip(text), true); }
Frame text_frame(std::string_view text) { return Frame(text, false); }

sdk::UnifiedSymbol usdt(std::string base) { return {std::move(base), "USDT", "USDT"}; }

// The symbols `tradehost decode` binds: ids 0, 1, 2.
std::vector<sdk::SymbolBinding> decode_cli_symbols() {
  return {{0, usdt("BTC"), {}}, {1, usdt("ETH"), {}}, {2, usdt("SOL"), {}}};
}

sdk::Event blank_event() { return sdk::Event{sdk::EventKind::kline, {}}; }

class BingxDecode : public ::testing::Test {
 protected:
  void SetUp() override {
    const sdk::Status status = decoder_.bind(decode_cli_symbols());
    ASSERT_TRUE(status) << status.error().message;
  }
  sdk::DecodeResult decode(const Frame& frame) { return decoder_.decode(frame.view(), buffer_); }
  sdk::DecodeResult decode_gz(std::string_view text) { return decode(gz(text)); }
  const sdk::Event& event(std::size_t i) const { return buffer_[i]; }

  Decoder decoder_;
  std::vector<sdk::Event> storage_ = std::vector<sdk::Event>(64, blank_event());
  sdk::EventBuffer buffer_{storage_.data(), storage_.size()};
};

constexpr std::string_view kBtcKline =
    R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"94187.20","o":"94210.50","h":"94233.00","l":"94150.10","v":"152.417","T":1767225540000}]})";
constexpr std::string_view kBtcKlineNext =
    R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"94188.80","o":"94187.20","h":"94190.00","l":"94185.00","v":"0.731","T":1767225600000}]})";
constexpr std::string_view kBtcTrades =
    R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"0.045","p":"94187.20","T":1767225601248,"m":true,"s":"BTC-USDT"},{"q":"0.120","p":"94187.30","T":1767225601190,"m":false,"s":"BTC-USDT"}]})";
constexpr std::string_view kBtcBookTicker =
    R"({"code":0,"dataType":"BTC-USDT@bookTicker","data":{"e":"bookTicker","u":612004871,"E":1767225601302,"T":1767225601299,"s":"BTC-USDT","b":"94187.10","B":"3.512","a":"94187.20","A":"0.871"}})";

// ---- decimals -----------------------------------------------------------------------------------

TEST(BingxDecimal, KeepsTheVenuesNumberOfDecimals) {
  sdk::Decimal d;
  ASSERT_TRUE(parse_decimal("94210.50", d));
  EXPECT_EQ(d, (sdk::Decimal{9421050, 2}));
  ASSERT_TRUE(parse_decimal("0.0120", d));
  EXPECT_EQ(d, (sdk::Decimal{120, 4}));
  ASSERT_TRUE(parse_decimal("5", d));
  EXPECT_EQ(d, (sdk::Decimal{5, 0}));
  ASSERT_TRUE(parse_decimal("-0.005", d));
  EXPECT_EQ(d, (sdk::Decimal{-5, 3}));
  ASSERT_TRUE(parse_decimal("0.00000000", d));
  EXPECT_EQ(d, (sdk::Decimal{0, 8}));
}

TEST(BingxDecimal, AcceptsEighteenSignificantDigitsAndRefusesNineteen) {
  sdk::Decimal d;
  ASSERT_TRUE(parse_decimal("999999999999999999", d));
  EXPECT_EQ(d, (sdk::Decimal{999999999999999999, 0}));
  ASSERT_TRUE(parse_decimal("0.000000123456789012", d));  // leading zeros are not significant
  EXPECT_EQ(d, (sdk::Decimal{123456789012, 18}));
  EXPECT_FALSE(parse_decimal("1234567890.123456789", d));
  EXPECT_FALSE(parse_decimal("0.0000000000000000001", d));  // 19 decimals
}

TEST(BingxDecimal, RefusesWhatIsNotAPlainDecimal) {
  sdk::Decimal d{7, 1};
  for (std::string_view bad : {"", "-", ".5", "5.", "1.2.3", "+1", "1e5", "1,5", " 1", "0x10", "--1", "NaN"}) {
    EXPECT_FALSE(parse_decimal(bad, d)) << bad;
  }
  EXPECT_EQ(d, (sdk::Decimal{7, 1})) << "a refused text leaves the output alone";
}

// ---- klines -------------------------------------------------------------------------------------

TEST_F(BingxDecode, FirstKlinePushIsAnOpenBarWithEveryField) {
  const auto r = decode_gz(kBtcKline);
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  ASSERT_EQ(event(0).kind, sdk::EventKind::kline);
  const sdk::Kline& k = event(0).kline;
  EXPECT_EQ(k.symbol, 0u);
  EXPECT_EQ(k.timeframe, sdk::Timeframe::m1);
  EXPECT_FALSE(k.closed);
  EXPECT_EQ(k.open_time_ms, 1767225540000);
  EXPECT_EQ(k.open, (sdk::Decimal{9421050, 2}));
  EXPECT_EQ(k.high, (sdk::Decimal{9423300, 2}));
  EXPECT_EQ(k.low, (sdk::Decimal{9415010, 2}));
  EXPECT_EQ(k.close, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(k.volume, (sdk::Decimal{152417, 3}));
}

TEST_F(BingxDecode, SameOpenTimeAgainUpdatesTheOpenBar) {
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  const auto r = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"94190.00","o":"94210.50","h":"94233.00","l":"94150.10","v":"160.000","T":1767225540000}]})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 2u);
  EXPECT_FALSE(event(1).kline.closed);
  EXPECT_EQ(event(1).kline.open_time_ms, 1767225540000);
  EXPECT_EQ(event(1).kline.close, (sdk::Decimal{9419000, 2}));
  EXPECT_EQ(event(1).kline.volume, (sdk::Decimal{160000, 3}));
}

TEST_F(BingxDecode, LargerOpenTimeClosesThePreviousBarThenOpensTheNewOne) {
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  buffer_.clear();
  const auto r = decode_gz(kBtcKlineNext);
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 2u);
  const sdk::Kline& closed = event(0).kline;
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.open_time_ms, 1767225540000);
  EXPECT_EQ(closed.close, (sdk::Decimal{9418720, 2}));  // the last update seen is the close
  EXPECT_EQ(closed.volume, (sdk::Decimal{152417, 3}));
  const sdk::Kline& open = event(1).kline;
  EXPECT_FALSE(open.closed);
  EXPECT_EQ(open.open_time_ms, 1767225600000);
  EXPECT_EQ(open.open, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(open.close, (sdk::Decimal{9418880, 2}));
}

TEST_F(BingxDecode, StaleKlineAppendsNothing) {
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  ASSERT_EQ(decode_gz(kBtcKlineNext).status, DecodeStatus::events);
  buffer_.clear();
  const auto r = decode_gz(kBtcKline);
  EXPECT_EQ(r.status, DecodeStatus::events) << r.detail;
  EXPECT_EQ(buffer_.size(), 0u);
  // ...and the open bar is still the newer one.
  ASSERT_EQ(decode_gz(kBtcKlineNext).status, DecodeStatus::events);
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_FALSE(event(0).kline.closed);
  EXPECT_EQ(event(0).kline.open_time_ms, 1767225600000);
}

TEST_F(BingxDecode, SeveralBarsInOnePushAreAppliedOldestFirst) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"ETH-USDT@kline_1m","s":"ETH-USDT","data":[{"c":"3318.40","o":"3318.10","h":"3318.90","l":"3317.55","v":"12.004","T":1767225660000},{"c":"3318.10","o":"3317.00","h":"3318.20","l":"3316.80","v":"40.118","T":1767225600000}]})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 3u);
  EXPECT_EQ(event(0).kline.open_time_ms, 1767225600000);
  EXPECT_FALSE(event(0).kline.closed);
  EXPECT_EQ(event(1).kline.open_time_ms, 1767225600000);
  EXPECT_TRUE(event(1).kline.closed);
  EXPECT_EQ(event(2).kline.open_time_ms, 1767225660000);
  EXPECT_FALSE(event(2).kline.closed);
  EXPECT_EQ(event(2).kline.symbol, 1u);
}

TEST_F(BingxDecode, KlineStateIsKeptPerSymbolAndTimeframe) {
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  buffer_.clear();
  // Same symbol, other timeframe; other symbol, same timeframe: both are first bars.
  ASSERT_EQ(decode_gz(R"({"code":0,"dataType":"BTC-USDT@kline_4h","s":"BTC-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1","T":1767225600000}]})")
                .status,
            DecodeStatus::events);
  ASSERT_EQ(decode_gz(R"({"code":0,"dataType":"SOL-USDT@kline_1m","s":"SOL-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1","T":1767225600000}]})")
                .status,
            DecodeStatus::events);
  ASSERT_EQ(buffer_.size(), 2u);
  EXPECT_EQ(event(0).kline.timeframe, sdk::Timeframe::h4);
  EXPECT_FALSE(event(0).kline.closed);
  EXPECT_EQ(event(1).kline.symbol, 2u);
  EXPECT_FALSE(event(1).kline.closed);
}

TEST_F(BingxDecode, KlineDataMayBeOneObject) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@kline_1M","s":"BTC-USDT","data":{"c":"2","o":"1","h":"3","l":"0.5","v":"10","T":1767225600000}})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_EQ(event(0).kline.timeframe, sdk::Timeframe::mo1);
}

TEST_F(BingxDecode, RejectedKlineFrameLeavesTheBarAsItWas) {
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  buffer_.clear();
  // A newer bar with a broken volume: refused, so the old bar is not closed by it.
  const auto bad = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"x","T":1767225600000}]})");
  EXPECT_EQ(bad.status, DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
  ASSERT_EQ(decode_gz(kBtcKline).status, DecodeStatus::events);
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_FALSE(event(0).kline.closed);
  EXPECT_EQ(event(0).kline.open_time_ms, 1767225540000);
}

TEST_F(BingxDecode, KlineWhoseSymbolDisagreesWithDataTypeIsAnError) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"ETH-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1","T":1767225600000}]})");
  EXPECT_EQ(r.status, DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

// ---- trades and book tickers --------------------------------------------------------------------

TEST_F(BingxDecode, TradesAreAppendedOldestFirstWithEveryField) {
  const auto r = decode_gz(kBtcTrades);
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 2u);
  ASSERT_EQ(event(0).kind, sdk::EventKind::trade);
  const sdk::Trade& first = event(0).trade;
  EXPECT_EQ(first.symbol, 0u);
  EXPECT_EQ(first.time_ms, 1767225601190);
  EXPECT_EQ(first.price, (sdk::Decimal{9418730, 2}));
  EXPECT_EQ(first.qty, (sdk::Decimal{120, 3}));
  EXPECT_EQ(first.side, sdk::Side::buy);  // m false: the buyer took
  EXPECT_EQ(first.trade_id, 0);           // §5: USDT-M trades have no id
  const sdk::Trade& second = event(1).trade;
  EXPECT_EQ(second.time_ms, 1767225601248);
  EXPECT_EQ(second.price, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(second.qty, (sdk::Decimal{45, 3}));
  EXPECT_EQ(second.side, sdk::Side::sell);  // m true: buyer is maker, the taker sold
  EXPECT_EQ(second.trade_id, 0);
}

TEST_F(BingxDecode, TradeWhoseSymbolDisagreesWithDataTypeIsAnError) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true,"s":"SOL-USDT"}]})");
  EXPECT_EQ(r.status, DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BingxDecode, BookTickerReadsEveryFieldAndTheMatchTime) {
  const auto r = decode_gz(kBtcBookTicker);
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  ASSERT_EQ(event(0).kind, sdk::EventKind::book_ticker);
  const sdk::BookTicker& b = event(0).book_ticker;
  EXPECT_EQ(b.symbol, 0u);
  EXPECT_EQ(b.time_ms, 1767225601299);
  EXPECT_EQ(b.bid, (sdk::Decimal{9418710, 2}));
  EXPECT_EQ(b.bid_qty, (sdk::Decimal{3512, 3}));
  EXPECT_EQ(b.ask, (sdk::Decimal{9418720, 2}));
  EXPECT_EQ(b.ask_qty, (sdk::Decimal{871, 3}));
}

TEST_F(BingxDecode, BookTickerWithoutMatchTimeUsesThePushTime) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"ETH-USDT@bookTicker","data":{"e":"bookTicker","u":1,"E":1767225601302,"s":"ETH-USDT","b":"3318.00","B":"41.07","a":"3318.01","A":"6.55"}})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_EQ(event(0).book_ticker.symbol, 1u);
  EXPECT_EQ(event(0).book_ticker.time_ms, 1767225601302);
}

TEST_F(BingxDecode, TextFramesAreAcceptedUnchanged) {
  const auto r = decode(text_frame(kBtcBookTicker));
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  EXPECT_EQ(buffer_.size(), 1u);
}

TEST_F(BingxDecode, DataBeforeDataTypeIsStillDecoded) {
  const auto r = decode_gz(
      R"({"data":[{"q":"0.045","p":"94187.20","T":1767225601248,"m":true,"s":"BTC-USDT"}],"code":0,"dataType":"BTC-USDT@trade"})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_EQ(event(0).trade.symbol, 0u);
  EXPECT_EQ(event(0).trade.price, (sdk::Decimal{9418720, 2}));
}

TEST_F(BingxDecode, BareNumbersAndQuotedTimesAreReadExactly) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"SOL-USDT@trade","data":[{"q":12.50,"p":141.517 ,"T":"1767225601450","m":false}]})");
  ASSERT_EQ(r.status, DecodeStatus::events) << r.detail;
  ASSERT_EQ(buffer_.size(), 1u);
  EXPECT_EQ(event(0).trade.qty, (sdk::Decimal{1250, 2}));
  EXPECT_EQ(event(0).trade.price, (sdk::Decimal{141517, 3}));
  EXPECT_EQ(event(0).trade.time_ms, 1767225601450);
}

TEST_F(BingxDecode, BoundIdsNeedNotBeDense) {
  Decoder decoder;
  ASSERT_TRUE(decoder.bind(std::vector<sdk::SymbolBinding>{{42, usdt("SOL"), {}}, {7, usdt("BTC"), {}}}));
  ASSERT_EQ(decoder.decode(gz(kBtcTrades).view(), buffer_).status, DecodeStatus::events);
  ASSERT_EQ(buffer_.size(), 2u);
  EXPECT_EQ(event(0).trade.symbol, 7u);
  ASSERT_EQ(decoder.decode(gz(R"({"code":0,"dataType":"SOL-USDT@kline_1m","s":"SOL-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1","T":1767225600000}]})")
                               .view(),
                           buffer_)
                .status,
            DecodeStatus::events);
  EXPECT_EQ(event(2).kline.symbol, 42u);
}

TEST_F(BingxDecode, BindRefusesSymbolsBingxCannotNameAndDuplicates) {
  Decoder decoder;
  EXPECT_FALSE(decoder.bind(std::vector<sdk::SymbolBinding>{{0, {"BTC", "USD", "BTC"}, {}}}));
  EXPECT_FALSE(decoder.bind(std::vector<sdk::SymbolBinding>{{0, usdt("BTC"), {}}, {1, usdt("BTC"), {}}}));
}

TEST_F(BingxDecode, DecodingBeforeBindRefusesEverySymbol) {
  Decoder decoder;
  EXPECT_EQ(decoder.decode(gz(kBtcTrades).view(), buffer_).status, DecodeStatus::error);
  EXPECT_EQ(buffer_.size(), 0u);
}

// ---- control frames -----------------------------------------------------------------------------

TEST_F(BingxDecode, GzippedPingAsksForAPong) {
  const auto r = decode_gz("Ping");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::ping);
  EXPECT_EQ(buffer_.size(), 0u);
  EXPECT_EQ(decode(text_frame("Ping")).control, ControlKind::ping);
  EXPECT_EQ(decode_gz("Pong").control, ControlKind::pong);
}

TEST_F(BingxDecode, AckCarriesTheRequestIdOfThePlan) {
  const auto r = decode_gz(R"({"id":"7","code":0,"msg":"","dataType":"","data":null})");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::ack);
  EXPECT_EQ(r.request_id, 7u);
  EXPECT_EQ(buffer_.size(), 0u);
}

TEST_F(BingxDecode, OlderAckShapesAreAcksToo) {
  auto r = decode_gz(R"({"id":"12","code":0,"msg":""})");
  EXPECT_EQ(r.control, ControlKind::ack);
  EXPECT_EQ(r.request_id, 12u);
  r = decode_gz(R"({"code":0,"id":"18446744073709551615","msg":"SUCCESS","timestamp":1759225965363})");
  EXPECT_EQ(r.control, ControlKind::ack);
  EXPECT_EQ(r.request_id, 18446744073709551615u);
  r = decode_gz(R"({"id":"3","code":0,"msg":"","dataType":"BTC-USDT@trade","data":null})");
  EXPECT_EQ(r.control, ControlKind::ack);
  EXPECT_EQ(r.request_id, 3u);
}

TEST_F(BingxDecode, ReplyToSomeoneElsesIdIsOther) {
  const auto r = decode_gz(R"({"id":"24dd0e35-56a4-4f7a-af8a-394c7060909c","code":0,"msg":""})");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::other);
}

TEST_F(BingxDecode, NonZeroCodeWithIdIsASubscribeError) {
  const auto r = decode_gz(R"({"id":"5","code":80015,"msg":"unsupported dataType","dataType":"","data":null})");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::subscribe_error);
  EXPECT_EQ(r.request_id, 5u);
  EXPECT_EQ(r.error_code, 80015);
  EXPECT_STREQ(r.detail, "unsupported dataType");
}

TEST_F(BingxDecode, NonZeroCodeWithoutIdIsAServerError) {
  const auto r = decode_gz(R"({"code":100400,"msg":"bad argument","timestamp":1767225600789})");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::server_error);
  EXPECT_EQ(r.error_code, 100400);
  EXPECT_STREQ(r.detail, "bad argument");
}

TEST_F(BingxDecode, TopicsWeDoNotDecodeAreOther) {
  const auto r = decode_gz(
      R"({"code":0,"dataType":"BTC-USDT@depth5@500ms","ts":1767225601400,"data":{"bids":[["94187.10","3.512"]],"asks":[["94187.20","0.871"]]}})");
  EXPECT_EQ(r.status, DecodeStatus::control);
  EXPECT_EQ(r.control, ControlKind::other);
  EXPECT_EQ(buffer_.size(), 0u);
  EXPECT_EQ(decode_gz(R"({"e":"listenKeyExpired","E":1718003600456,"listenKey":"k"})").control, ControlKind::other);
}

// ---- malformed frames ---------------------------------------------------------------------------

TEST_F(BingxDecode, MalformedFramesAreErrorsThatAppendNothing) {
  const std::string whole = gzip(kBtcTrades);
  const std::vector<Frame> frames = {
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"0.0120","p":"67412.3","T":17180)"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true}]}})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true}])"),
      gz(R"({"code":0,"dataType":"XRP-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":true,"T":1767225601248,"m":true}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":"yes"}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":-5,"m":true}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","m":true}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true},7]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":"none"})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@kline_7m","s":"BTC-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1","T":1767225600000}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":"1","o":"1","h":"1","l":"1","v":"1"}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@bookTicker","data":{"b":"94187.1000000000000001","B":"1","a":"1","A":"1","T":1}})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@bookTicker","data":{"b":"1","B":"1","a":"1","A":"1"}})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@bookTicker","data":[{"b":"1","B":"1","a":"1","A":"1","T":1}]})"),
      gz(R"({"code":"zero","dataType":"BTC-USDT@trade","data":[]})"),
      gz(R"({"code":0,"dataType":7,"data":[]})"),
      gz(R"(["not","an","object"])"),
      gz("Pingg"),
      gz(""),
      Frame(whole.substr(0, whole.size() / 2), true),                // gzip cut short
      Frame(std::string("\x1f\x8b\x08\x00garbage-not-deflate"), true),  // corrupt gzip
      Frame(std::string("\x00\x01\x02", 3), true),                   // neither gzip nor JSON
      gz(std::string(kMaxInflatedBytes + 1, ' ')),                    // inflates past the cap
      text_frame(std::string(kMaxInflatedBytes + 1, ' ')),            // a text frame past it
  };
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const auto r = decode(frames[i]);
    EXPECT_EQ(r.status, DecodeStatus::error) << "frame #" << i;
    EXPECT_NE(r.detail[0], '\0') << "frame #" << i << " has no reason";
    EXPECT_EQ(buffer_.size(), 0u) << "frame #" << i;
  }
}

TEST_F(BingxDecode, FullBufferIsAnErrorThatAppendsNothing) {
  std::vector<sdk::Event> small(1, blank_event());
  sdk::EventBuffer one(small.data(), small.size());
  const auto trades = decoder_.decode(gz(kBtcTrades).view(), one);
  EXPECT_EQ(trades.status, DecodeStatus::error);
  EXPECT_EQ(one.size(), 0u);
  // A kline that would close one bar and open another needs two slots; the refused frame does
  // not advance the bar either.
  ASSERT_EQ(decoder_.decode(gz(kBtcKline).view(), one).status, DecodeStatus::events);
  one.clear();
  EXPECT_EQ(decoder_.decode(gz(kBtcKlineNext).view(), one).status, DecodeStatus::error);
  EXPECT_EQ(one.size(), 0u);
  ASSERT_EQ(decode_gz(kBtcKlineNext).status, DecodeStatus::events);
  ASSERT_EQ(buffer_.size(), 2u);
  EXPECT_TRUE(event(0).kline.closed);
}

// ---- allocations --------------------------------------------------------------------------------

TEST(BingxAllocations, TheCounterSeesTheGunzipsTablesAndBuffer) {
  // Proves the replacement operator new is the one in use: a Gunzip allocates its inflater, the
  // inflater's tables and its output buffer, once, when it is made.
  const std::size_t start = tradehost::test::allocations();
  {
    Gunzip gunzip(1024, sdk::kFramePadding);
    EXPECT_EQ(tradehost::test::allocations() - start, 3u);
  }
  const std::size_t before_decoder = tradehost::test::allocations();
  Decoder decoder;
  EXPECT_GT(tradehost::test::allocations(), before_decoder);
}

TEST_F(BingxDecode, SteadyStateDecodingDoesNotAllocate) {
  constexpr int kRounds = 1000;
  // Klines whose open time moves on every round, so the close path runs too; built up front.
  std::vector<Frame> klines;
  klines.reserve(kRounds + 10);
  for (int i = 0; i < kRounds + 10; ++i) {
    klines.push_back(gz(
        R"({"code":0,"dataType":"ETH-USDT@kline_1m","s":"ETH-USDT","data":[{"c":"3318.40","o":"3318.10","h":"3318.90","l":"3317.55","v":"12.004","T":)" +
        std::to_string(1767225600000 + 60000LL * i) + "}]}"));
  }
  const std::vector<Frame> frames = {
      gz(kBtcKline),
      gz(kBtcTrades),
      gz(kBtcBookTicker),
      text_frame(kBtcBookTicker),
      gz("Ping"),
      gz(R"({"id":"7","code":0,"msg":"","dataType":"","data":null})"),
      gz(R"({"id":"5","code":80015,"msg":"unsupported dataType","dataType":"","data":null})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@depth5@500ms","data":{"bids":[],"asks":[]}})"),
      gz(R"({"data":[{"q":"0.045","p":"94187.20","T":1767225601248,"m":true}],"code":0,"dataType":"BTC-USDT@trade"})"),
      gz(R"({"code":0,"dataType":"XRP-USDT@trade","data":[{"q":"1","p":"1","T":1767225601248,"m":true}]})"),
      gz(R"({"code":0,"dataType":"BTC-USDT@trade","data":[{"q":"0.0120","p":"67412.3","T":17180)"),
  };
  auto round = [&](int i) {
    for (const Frame& frame : frames) {
      buffer_.clear();
      (void)decoder_.decode(frame.view(), buffer_);
    }
    buffer_.clear();
    (void)decoder_.decode(klines[static_cast<std::size_t>(i)].view(), buffer_);
  };
  for (int i = 0; i < 10; ++i) round(i);  // warm-up: simdjson settles
  const std::size_t before = tradehost::test::allocations();
  for (int i = 10; i < kRounds + 10; ++i) round(i);
  const std::size_t after = tradehost::test::allocations();
  EXPECT_EQ(after, before) << (after - before) << " allocations in " << kRounds << " rounds";
  EXPECT_EQ(buffer_.size(), 2u);  // the last kline closed its predecessor
}

// ---- golden frames ------------------------------------------------------------------------------
// tests/data/bingx/<kind>.jsonl, one frame per line (b64:<base64 of the gzip bytes> for binary
// frames), and <kind>.expected.jsonl: what `tradehost decode --exchange bingx` prints for them,
// with BTC/ETH/SOL bound as ids 0, 1, 2. The printer below follows the host's format.

std::string event_json(const sdk::Event& e) {
  static const char* const kSymbols[] = {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"};
  const sdk::SymbolId id = e.kind == sdk::EventKind::kline   ? e.kline.symbol
                           : e.kind == sdk::EventKind::trade ? e.trade.symbol
                                                             : e.book_ticker.symbol;
  return conformance::event_json(e, "bingx", kSymbols[id]);
}

// The golden comparisons below rest on the kit's decimal printer writing what the venue wrote.
TEST(BingxDecimalText, MatchesTheHostPrinter) {
  EXPECT_EQ(conformance::to_string(sdk::Decimal{9421050, 2}), "94210.50");
  EXPECT_EQ(conformance::to_string(sdk::Decimal{5, 0}), "5");
  EXPECT_EQ(conformance::to_string(sdk::Decimal{-5, 3}), "-0.005");
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

class BingxGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(BingxGolden, RecordedFramesPrintTheExpectedEvents) {
  const std::string kind = GetParam();
  const std::string dir = BINGX_TEST_DATA_DIR;
  const std::vector<std::string> frames = read_lines(dir + "/" + kind + ".jsonl");
  const std::vector<std::string> expected = read_lines(dir + "/" + kind + ".expected.jsonl");
  ASSERT_FALSE(frames.empty());
  Decoder decoder;  // one decoder per file, as `tradehost decode` runs one file
  ASSERT_TRUE(decoder.bind(decode_cli_symbols()));
  std::vector<sdk::Event> storage(256, blank_event());
  sdk::EventBuffer buffer(storage.data(), storage.size());
  std::vector<std::string> printed;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const std::string& line = frames[i];
    const bool binary = line.rfind("b64:", 0) == 0;
    auto bytes = binary ? conformance::base64_decode(std::string_view(line).substr(4)) : sdk::Result<std::string>(line);
    ASSERT_TRUE(bytes) << kind << " line " << i + 1 << ": not base64";
    const Frame frame(*bytes, binary);
    buffer.clear();
    const auto r = decoder.decode(frame.view(), buffer);
    if (kind == "malformed") {
      EXPECT_EQ(r.status, DecodeStatus::error) << kind << " line " << i + 1;
    } else if (kind == "control") {
      EXPECT_EQ(r.status, DecodeStatus::control) << kind << " line " << i + 1 << ": " << r.detail;
    } else {
      EXPECT_EQ(r.status, DecodeStatus::events) << kind << " line " << i + 1 << ": " << r.detail;
    }
    for (const sdk::Event& e : buffer) printed.push_back(event_json(e));
  }
  EXPECT_EQ(printed, expected);
}

INSTANTIATE_TEST_SUITE_P(Kinds, BingxGolden,
                         ::testing::Values("kline", "trade", "book_ticker", "control", "malformed"));

}  // namespace
}  // namespace tradehost::bingx
