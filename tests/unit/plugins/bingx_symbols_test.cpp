// BingX manifest, symbol, interval and stream-name mapping (protocols/bingx.md §1-§5).
#include "bingx/manifest.hpp"
#include "bingx/subscribe.hpp"
#include "bingx/symbols.hpp"

#include <tradehost/sdk/manifest.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::bingx {
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

TEST(BingxManifest, PassesValidationWithBingxNamePrefixAndLimit) {
  const sdk::Manifest& m = manifest();
  const sdk::Status status = sdk::validate_manifest(m);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(m.name, "bingx");
  EXPECT_EQ(m.env_prefix, "BINGX");
  EXPECT_EQ(m.default_stream_limit, 10);
  EXPECT_FALSE(m.needs_passphrase);
  EXPECT_EQ(m.compression, sdk::FrameCompression::gzip);
  EXPECT_EQ(m.limits.streams_per_connection, 200u);
  EXPECT_EQ(m.limits.streams_per_message, 1u);
  EXPECT_EQ(m.limits.client_messages_per_10s, 100u);
  EXPECT_EQ(m.timeframes.size(), sdk::kAllTimeframes.size());
}

// --- symbols, unified -> venue ---

TEST(BingxSymbols, UnifiedBtcMapsToHyphenatedBtcUsdt) {
  const auto r = venue_symbol(usdt("BTC"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTC-USDT");
}

TEST(BingxSymbols, ThousandPepeKeepsItsNumericPrefix) {
  const auto r = venue_symbol(usdt("1000PEPE"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "1000PEPE-USDT");
}

TEST(BingxSymbols, UsdcPerpetualIsRefusedAsUnconfirmed) {
  const auto r = venue_symbol({"BTC", "USDC", "USDC"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_NE(r.error().message.find("bingx: 'BTC/USDC:USDC'"), std::string::npos);
  EXPECT_NE(r.error().message.find("unconfirmed"), std::string::npos) << r.error().message;
}

TEST(BingxSymbols, InversePerpetualIsRefusedNamingVenueSymbolAndReason) {
  const auto r = venue_symbol({"BTC", "USD", "BTC"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "bingx: 'BTC/USD:BTC' is not a USDT- or USDC-margined perpetual");
}

TEST(BingxSymbols, SettleOtherThanQuoteIsRefused) {
  EXPECT_FALSE(venue_symbol({"BTC", "USDT", "BTC"}));
  EXPECT_FALSE(venue_symbol({"BTC", "USDC", "USDT"}));
}

TEST(BingxSymbols, MalformedUnifiedSymbolIsRefused) {
  EXPECT_FALSE(venue_symbol({}));
  EXPECT_FALSE(venue_symbol({"btc", "USDT", "USDT"}));
  EXPECT_FALSE(venue_symbol({"BTC-X", "USDT", "USDT"}));
}

// --- symbols, venue -> unified ---

TEST(BingxSymbols, BtcUsdtMapsToUnifiedBtc) {
  const auto r = unified_symbol("BTC-USDT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("BTC"));
}

TEST(BingxSymbols, ThousandPepeUsdtMapsToNumericBase) {
  const auto r = unified_symbol("1000PEPE-USDT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("1000PEPE"));
}

TEST(BingxSymbols, VenueSymbolsRoundTripThroughUnified) {
  for (std::string_view venue : {"BTC-USDT", "ETH-USDT", "1000PEPE-USDT", "USDC-USDT"}) {
    const auto unified = unified_symbol(venue);
    ASSERT_TRUE(unified) << venue << ": " << unified.error().message;
    const auto back = venue_symbol(*unified);
    ASSERT_TRUE(back) << venue << ": " << back.error().message;
    EXPECT_EQ(*back, venue);
    const auto parsed = sdk::parse_unified_symbol(unified->to_string());
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, *unified);
  }
}

TEST(BingxSymbols, UsdcSymbolIsRefusedAsUnconfirmed) {
  const auto r = unified_symbol("BTC-USDC");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unconfirmed"), std::string::npos) << r.error().message;
}

TEST(BingxSymbols, CoinMarginedSymbolIsRefused) {
  const auto r = unified_symbol("BTC-USD");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "bingx: 'BTC-USD' is not a USDT- or USDC-margined perpetual");
}

TEST(BingxSymbols, LowercaseIsRefused) {
  const auto r = unified_symbol("btc-usdt");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'btc-usdt'"), std::string::npos) << r.error().message;
  EXPECT_FALSE(unified_symbol("BTC-usdt"));
}

TEST(BingxSymbols, NonAsciiBaseIsRefused) { EXPECT_FALSE(unified_symbol("M\xC3\x98TH-USDT")); }

TEST(BingxSymbols, GarbageIsRefused) {
  for (std::string_view venue : {"BTCUSDT", "BTC-", "-USDT", "BTC-USDT-X", "BTC--USDT",
                                 "BTC/USDT:USDT", "BTC_USDT", "all", " BTC-USDT"}) {
    EXPECT_FALSE(unified_symbol(venue)) << venue;
  }
}

TEST(BingxSymbols, EmptyIsRefused) {
  const auto r = unified_symbol("");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "bingx: empty symbol");
}

// --- timeframes ---

TEST(BingxTimeframes, EveryManifestTimeframeRoundTrips) {
  for (sdk::Timeframe tf : manifest().timeframes) {
    const auto venue = venue_timeframe(tf);
    ASSERT_TRUE(venue) << venue.error().message;
    EXPECT_EQ(*venue, sdk::to_string(tf));
    const auto back = unified_timeframe(*venue);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, tf);
  }
}

TEST(BingxTimeframes, MonthAndMinuteAreDistinct) {
  const auto month = unified_timeframe("1M");
  ASSERT_TRUE(month);
  EXPECT_EQ(*month, sdk::Timeframe::mo1);
}

TEST(BingxTimeframes, SpotSpellingIsRefusedWithSupportedList) {
  const auto r = unified_timeframe("1min");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(
                "(supported: 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M)"),
            std::string::npos)
      << r.error().message;
  EXPECT_FALSE(unified_timeframe("60min"));
  EXPECT_FALSE(unified_timeframe(""));
}

TEST(BingxTimeframes, OutOfRangeTimeframeIsRefusedWithSupportedList) {
  const auto r = venue_timeframe(static_cast<sdk::Timeframe>(99));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("bingx does not support timeframe #99 (supported: 1m, "),
            std::string::npos)
      << r.error().message;
}

// --- stream names ---

TEST(BingxStreams, KlineNameUsesVenueSymbolAndInterval) {
  const auto r = stream_name(key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::m1));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTC-USDT@kline_1m");
}

TEST(BingxStreams, TradeNameIsAtTrade) {
  const auto r = stream_name(key(sdk::EventKind::trade, usdt("BTC")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTC-USDT@trade");
}

TEST(BingxStreams, BookTickerNameIsCamelCase) {
  const auto r = stream_name(key(sdk::EventKind::book_ticker, usdt("BTC")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "BTC-USDT@bookTicker");
}

TEST(BingxStreams, EveryKindRoundTrips) {
  std::vector<sdk::StreamKey> keys = {key(sdk::EventKind::trade, usdt("1000PEPE")),
                                      key(sdk::EventKind::book_ticker, usdt("ETH"))};
  for (sdk::Timeframe tf : manifest().timeframes) {
    keys.push_back(key(sdk::EventKind::kline, usdt("BTC"), tf));
  }
  for (const sdk::StreamKey& k : keys) {
    const auto name = stream_name(k);
    ASSERT_TRUE(name) << k.to_string() << ": " << name.error().message;
    const auto back = parse_stream_name(*name);
    ASSERT_TRUE(back) << *name << ": " << back.error().message;
    EXPECT_EQ(*back, k) << *name;
  }
}

TEST(BingxStreams, ParsedKlineNameGivesSymbolAndTimeframe) {
  const auto r = parse_stream_name("ETH-USDT@kline_4h");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, key(sdk::EventKind::kline, usdt("ETH"), sdk::Timeframe::h4));
}

TEST(BingxStreams, UnsupportedSymbolGetsNoStreamName) {
  EXPECT_FALSE(stream_name(key(sdk::EventKind::trade, {"BTC", "USDC", "USDC"})));
  EXPECT_FALSE(stream_name(key(static_cast<sdk::EventKind>(0), usdt("BTC"))));
}

TEST(BingxStreams, OtherNamesAreRefused) {
  for (std::string_view name :
       {"", "BTC-USDT", "@trade", "BTC-USDT@", "btc-usdt@trade", "BTC-USDT@Trade",
        "BTC-USDT@aggTrade", "BTC-USDT@bookticker", "BTC-USDT@depth5@500ms", "BTC-USDT@incrDepth",
        "BTC-USDT@kline_", "BTC-USDT@kline_1min", "BTC-USDT@kline_1m@x", "all@kline_1m",
        "BTC-USD@trade", "BTC-USDC@trade", "BTCUSDT@trade", "BTC-USDT@trade "}) {
    EXPECT_FALSE(parse_stream_name(name)) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace tradehost::bingx
