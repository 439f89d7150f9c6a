// Binance manifest, symbol, interval and stream-name mapping (protocols/binance.md §1-§3).
#include "binance/manifest.hpp"
#include "binance/subscribe.hpp"
#include "binance/symbols.hpp"

#include <tradehost/sdk/manifest.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::binance {
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

// --- manifest ---

TEST(BinanceManifest, PassesValidationWithBinanceNamePrefixAndLimit) {
  const sdk::Manifest& m = manifest();
  const sdk::Status status = sdk::validate_manifest(m);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(m.name, "binance");
  EXPECT_EQ(m.env_prefix, "BINANCE");
  EXPECT_EQ(m.default_stream_limit, 20);
  EXPECT_FALSE(m.needs_passphrase);
  EXPECT_EQ(m.compression, sdk::FrameCompression::none);
  EXPECT_EQ(m.kline_close, sdk::KlineClose::flag);  // §5: k.x marks the final update
  EXPECT_EQ(m.trade_ids, sdk::TradeIds::increasing);  // §5: aggTrade `a` rises per symbol
  EXPECT_EQ(m.limits.streams_per_connection, 200u);
  EXPECT_EQ(m.limits.streams_per_message, 50u);
  EXPECT_EQ(m.limits.client_messages_per_10s, 50u);
  EXPECT_EQ(m.timeframes.size(), sdk::kAllTimeframes.size());
}

TEST(BinanceManifest, IsTheSameObjectOnEveryCall) { EXPECT_EQ(&manifest(), &manifest()); }

// --- symbols, unified -> venue ---

TEST(BinanceSymbols, UnifiedBtcMapsToBtcusdt) {
  const auto r = venue_symbol(usdt("BTC"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTCUSDT");
}

TEST(BinanceSymbols, UsdcPerpetualMapsToBtcusdc) {
  const auto r = venue_symbol({"BTC", "USDC", "USDC"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTCUSDC");
}

TEST(BinanceSymbols, ThousandPepeKeepsItsNumericPrefix) {
  const auto r = venue_symbol(usdt("1000PEPE"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "1000PEPEUSDT");
}

TEST(BinanceSymbols, InversePerpetualIsRefusedNamingVenueSymbolAndReason) {
  const auto r = venue_symbol({"BTC", "USD", "BTC"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_EQ(r.error().message, "binance: 'BTC/USD:BTC' is not a USDT- or USDC-margined perpetual");
}

TEST(BinanceSymbols, SettleOtherThanQuoteIsRefused) {
  const auto r = venue_symbol({"BTC", "USDT", "BTC"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'BTC/USDT:BTC'"), std::string::npos) << r.error().message;
}

TEST(BinanceSymbols, UnlistedQuoteIsRefused) {
  EXPECT_FALSE(venue_symbol({"BTC", "BUSD", "BUSD"}));
  EXPECT_FALSE(venue_symbol({"ETH", "BTC", "BTC"}));
}

TEST(BinanceSymbols, MalformedUnifiedSymbolIsRefused) {
  EXPECT_FALSE(venue_symbol({}));
  EXPECT_FALSE(venue_symbol({"btc", "USDT", "USDT"}));
  EXPECT_FALSE(venue_symbol({"BTC-X", "USDT", "USDT"}));
  EXPECT_FALSE(venue_symbol({"BTC", "usdt", "usdt"}));
}

// --- symbols, venue -> unified ---

TEST(BinanceSymbols, BtcusdtMapsToUnifiedBtc) {
  const auto r = unified_symbol("BTCUSDT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("BTC"));
}

TEST(BinanceSymbols, BtcusdcMapsToUsdcMarginedPerpetual) {
  const auto r = unified_symbol("BTCUSDC");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->to_string(), "BTC/USDC:USDC");
}

TEST(BinanceSymbols, ThousandPepeUsdtMapsToNumericBase) {
  const auto r = unified_symbol("1000PEPEUSDT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("1000PEPE"));
}

TEST(BinanceSymbols, StablecoinBaseIsSplitOnTheQuoteSuffix) {
  const auto r = unified_symbol("USDCUSDT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->to_string(), "USDC/USDT:USDT");
}

TEST(BinanceSymbols, VenueSymbolsRoundTripThroughUnified) {
  for (std::string_view venue : {"BTCUSDT", "ETHUSDC", "1000PEPEUSDT", "SOLUSDT", "USDCUSDT"}) {
    const auto unified = unified_symbol(venue);
    ASSERT_TRUE(unified) << venue << ": " << unified.error().message;
    const auto back = venue_symbol(*unified);
    ASSERT_TRUE(back) << venue << ": " << back.error().message;
    EXPECT_EQ(*back, venue);
    // What we return must also be what an operator could write.
    const auto parsed = sdk::parse_unified_symbol(unified->to_string());
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, *unified);
  }
}

TEST(BinanceSymbols, DeliveryContractIsRefused) {
  const auto r = unified_symbol("BTCUSDT_260327");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_NE(r.error().message.find("binance: 'BTCUSDT_260327'"), std::string::npos);
  EXPECT_NE(r.error().message.find("delivery"), std::string::npos) << r.error().message;
}

TEST(BinanceSymbols, CoinMarginedPerpetualIsRefused) {
  EXPECT_FALSE(unified_symbol("BTCUSD_PERP"));
  EXPECT_FALSE(unified_symbol("BTCUSD"));
}

TEST(BinanceSymbols, LowercaseIsRefused) {
  const auto r = unified_symbol("btcusdt");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'btcusdt'"), std::string::npos) << r.error().message;
  EXPECT_FALSE(unified_symbol("BTCusdt"));
}

TEST(BinanceSymbols, UnknownQuoteIsRefused) {
  const auto r = unified_symbol("BTCBUSD");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "binance: 'BTCBUSD' is not a USDT- or USDC-margined perpetual");
}

TEST(BinanceSymbols, GarbageIsRefused) {
  for (std::string_view venue :
       {"BTC-USDT", "BTC/USDT:USDT", "XBTUSDTM!", " BTCUSDT", "USDT", "USDC"}) {
    EXPECT_FALSE(unified_symbol(venue)) << venue;
  }
}

TEST(BinanceSymbols, EmptyIsRefused) {
  const auto r = unified_symbol("");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "binance: empty symbol");
}

// --- timeframes ---

TEST(BinanceTimeframes, EveryManifestTimeframeRoundTrips) {
  for (sdk::Timeframe tf : manifest().timeframes) {
    const auto venue = venue_timeframe(tf);
    ASSERT_TRUE(venue) << venue.error().message;
    const auto back = unified_timeframe(*venue);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, tf);
  }
}

TEST(BinanceTimeframes, IntervalsAreSpelledAsUnified) {
  for (sdk::Timeframe tf : manifest().timeframes) {
    const auto venue = venue_timeframe(tf);
    ASSERT_TRUE(venue);
    EXPECT_EQ(*venue, sdk::to_string(tf));
  }
}

TEST(BinanceTimeframes, MonthAndMinuteAreDistinct) {
  const auto month = unified_timeframe("1M");
  const auto minute = unified_timeframe("1m");
  ASSERT_TRUE(month);
  ASSERT_TRUE(minute);
  EXPECT_EQ(*month, sdk::Timeframe::mo1);
  EXPECT_EQ(*minute, sdk::Timeframe::m1);
}

TEST(BinanceTimeframes, UnknownIntervalIsRefusedWithSupportedList) {
  const auto r = unified_timeframe("1s");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_NE(r.error().message.find("'1s'"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(
                "(supported: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M)"),
            std::string::npos)
      << r.error().message;
  EXPECT_FALSE(unified_timeframe("1H"));
  EXPECT_FALSE(unified_timeframe("1min"));
  EXPECT_FALSE(unified_timeframe(""));
}

TEST(BinanceTimeframes, OutOfRangeTimeframeIsRefusedWithSupportedList) {
  const auto r = venue_timeframe(static_cast<sdk::Timeframe>(0));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("binance does not support timeframe #0 (supported: 1m, "),
            std::string::npos)
      << r.error().message;
}

// --- stream names ---

TEST(BinanceStreams, KlineNameIsLowercaseSymbolAndInterval) {
  const auto r = stream_name(key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::m1));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "btcusdt@kline_1m");
}

TEST(BinanceStreams, MonthlyKlineKeepsUppercaseM) {
  const auto r = stream_name(key(sdk::EventKind::kline, usdt("ETH"), sdk::Timeframe::mo1));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "ethusdt@kline_1M");
}

TEST(BinanceStreams, TradeUsesAggTrade) {
  const auto r = stream_name(key(sdk::EventKind::trade, usdt("BTC")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "btcusdt@aggTrade");
}

TEST(BinanceStreams, BookTickerNameIsCamelCase) {
  const auto r = stream_name(key(sdk::EventKind::book_ticker, usdt("1000PEPE")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "1000pepeusdt@bookTicker");
}

TEST(BinanceStreams, EveryKindRoundTrips) {
  std::vector<sdk::StreamKey> keys = {key(sdk::EventKind::trade, usdt("BTC")),
                                      key(sdk::EventKind::book_ticker, {"ETH", "USDC", "USDC"})};
  for (sdk::Timeframe tf : manifest().timeframes) {
    keys.push_back(key(sdk::EventKind::kline, usdt("1000PEPE"), tf));
  }
  for (const sdk::StreamKey& k : keys) {
    const auto name = stream_name(k);
    ASSERT_TRUE(name) << k.to_string() << ": " << name.error().message;
    const auto back = parse_stream_name(*name);
    ASSERT_TRUE(back) << *name << ": " << back.error().message;
    EXPECT_EQ(*back, k) << *name;
  }
}

TEST(BinanceStreams, ParsedKlineNameGivesSymbolAndTimeframe) {
  const auto r = parse_stream_name("ethusdc@kline_4h");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, key(sdk::EventKind::kline, {"ETH", "USDC", "USDC"}, sdk::Timeframe::h4));
}

TEST(BinanceStreams, UnsupportedSymbolGetsNoStreamName) {
  EXPECT_FALSE(stream_name(key(sdk::EventKind::trade, {"BTC", "USD", "BTC"})));
  EXPECT_FALSE(stream_name(key(static_cast<sdk::EventKind>(0), usdt("BTC"))));
}

TEST(BinanceStreams, UppercaseSymbolInNameIsRefused) {
  EXPECT_FALSE(parse_stream_name("BTCUSDT@aggTrade"));
}

TEST(BinanceStreams, ChannelCaseMatters) {
  EXPECT_FALSE(parse_stream_name("btcusdt@aggtrade"));
  EXPECT_FALSE(parse_stream_name("btcusdt@bookticker"));
  EXPECT_FALSE(parse_stream_name("btcusdt@Kline_1m"));
}

TEST(BinanceStreams, OtherNamesAreRefused) {
  for (std::string_view name :
       {"", "btcusdt", "@aggTrade", "btcusdt@", "btcusdt@trade", "btcusdt@depth5",
        "btcusdt@markPrice", "!bookTicker", "btcusdt@kline_", "btcusdt@kline_1s",
        "btcusdt@kline_1m@x", "btcusdt@aggTrade/ethusdt@aggTrade", "btcusdt_260327@kline_1m",
        "btcusd@aggTrade", "btcusdt@aggTrade "}) {
    EXPECT_FALSE(parse_stream_name(name)) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace tradehost::binance
