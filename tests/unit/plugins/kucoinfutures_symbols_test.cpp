// KuCoin Futures manifest, symbol, candle-type and topic mapping (protocols/kucoinfutures.md
// §1-§5).
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

#include <tradehost/sdk/manifest.hpp>

#include <gtest/gtest.h>

#include <algorithm>
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

bool declares(sdk::Timeframe tf) {
  const auto tfs = manifest().timeframes;
  return std::find(tfs.begin(), tfs.end(), tf) != tfs.end();
}

// --- manifest ---

TEST(KucoinFuturesManifest, PassesValidationWithKucoinNamePrefixAndLimit) {
  const sdk::Manifest& m = manifest();
  const sdk::Status status = sdk::validate_manifest(m);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(m.name, "kucoinfutures");
  EXPECT_EQ(m.env_prefix, "KUCOIN_FUTURES");
  EXPECT_EQ(m.default_stream_limit, 15);
  EXPECT_TRUE(m.needs_passphrase);
  EXPECT_EQ(m.compression, sdk::FrameCompression::none);
  EXPECT_EQ(m.limits.streams_per_connection, 300u);
  EXPECT_EQ(m.limits.streams_per_message, 100u);
  EXPECT_EQ(m.limits.client_messages_per_10s, 100u);
}

TEST(KucoinFuturesManifest, LeavesOutTimeframesItCannotStreamAndBackfill) {
  EXPECT_EQ(manifest().timeframes.size(), 11u);
  for (sdk::Timeframe tf :
       {sdk::Timeframe::m3, sdk::Timeframe::h6, sdk::Timeframe::d3, sdk::Timeframe::mo1}) {
    EXPECT_FALSE(declares(tf)) << sdk::to_string(tf);
  }
}

// --- symbols, unified -> venue ---

TEST(KucoinFuturesSymbols, UnifiedBtcMapsToXbtusdtm) {
  const auto r = venue_symbol(usdt("BTC"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "XBTUSDTM");
}

TEST(KucoinFuturesSymbols, UsdcBitcoinMapsToXbtusdcm) {
  const auto r = venue_symbol({"BTC", "USDC", "USDC"});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "XBTUSDCM");
}

TEST(KucoinFuturesSymbols, OtherBasesAreKeptAsIs) {
  const auto eth = venue_symbol(usdt("ETH"));
  const auto pepe = venue_symbol(usdt("1000PEPE"));
  ASSERT_TRUE(eth);
  ASSERT_TRUE(pepe);
  EXPECT_EQ(*eth, "ETHUSDTM");
  EXPECT_EQ(*pepe, "1000PEPEUSDTM");
}

TEST(KucoinFuturesSymbols, UnifiedXbtIsRefusedPointingAtBtc) {
  const auto r = venue_symbol(usdt("XBT"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("BTC/USDT:USDT"), std::string::npos) << r.error().message;
}

TEST(KucoinFuturesSymbols, InversePerpetualIsRefusedNamingVenueSymbolAndReason) {
  const auto r = venue_symbol({"BTC", "USD", "BTC"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_EQ(r.error().message,
            "kucoinfutures: 'BTC/USD:BTC' is not a USDT- or USDC-margined perpetual");
}

TEST(KucoinFuturesSymbols, SettleOtherThanQuoteIsRefused) {
  EXPECT_FALSE(venue_symbol({"BTC", "USDT", "BTC"}));
}

TEST(KucoinFuturesSymbols, MalformedUnifiedSymbolIsRefused) {
  EXPECT_FALSE(venue_symbol({}));
  EXPECT_FALSE(venue_symbol({"btc", "USDT", "USDT"}));
}

// --- symbols, venue -> unified ---

TEST(KucoinFuturesSymbols, XbtusdtmMapsToUnifiedBtc) {
  const auto r = unified_symbol("XBTUSDTM");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("BTC"));
}

TEST(KucoinFuturesSymbols, XbtusdcmMapsToUsdcMarginedBtc) {
  const auto r = unified_symbol("XBTUSDCM");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->to_string(), "BTC/USDC:USDC");
}

TEST(KucoinFuturesSymbols, ThousandPepeUsdtmMapsToNumericBase) {
  const auto r = unified_symbol("1000PEPEUSDTM");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, usdt("1000PEPE"));
}

TEST(KucoinFuturesSymbols, VenueSymbolsRoundTripThroughUnified) {
  for (std::string_view venue : {"XBTUSDTM", "XBTUSDCM", "ETHUSDTM", "SOLUSDTM", "1000PEPEUSDTM"}) {
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

TEST(KucoinFuturesSymbols, InverseContractIsRefused) {
  const auto r = unified_symbol("XBTUSDM");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("kucoinfutures: 'XBTUSDM'"), std::string::npos);
  EXPECT_NE(r.error().message.find("inverse"), std::string::npos) << r.error().message;
}

TEST(KucoinFuturesSymbols, BtcusdtmIsRefusedBecauseKucoinSaysXbt) {
  const auto r = unified_symbol("BTCUSDTM");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("XBTUSDTM"), std::string::npos) << r.error().message;
}

TEST(KucoinFuturesSymbols, SymbolWithoutPerpetualSuffixIsRefused) {
  EXPECT_FALSE(unified_symbol("XBTUSDT"));
  EXPECT_FALSE(unified_symbol("XBTMZ25"));
}

TEST(KucoinFuturesSymbols, LowercaseIsRefused) {
  const auto r = unified_symbol("xbtusdtm");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'xbtusdtm'"), std::string::npos) << r.error().message;
}

TEST(KucoinFuturesSymbols, GarbageIsRefused) {
  for (std::string_view venue :
       {"M", "USDTM", "XBTBUSDM", "XBT-USDTM", "XBTUSDTM,ETHUSDTM", "BTC/USDT:USDT", " XBTUSDTM"}) {
    EXPECT_FALSE(unified_symbol(venue)) << venue;
  }
}

TEST(KucoinFuturesSymbols, EmptyIsRefused) {
  const auto r = unified_symbol("");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "kucoinfutures: empty symbol");
}

// --- timeframes ---

TEST(KucoinFuturesTimeframes, EveryManifestTimeframeRoundTrips) {
  for (sdk::Timeframe tf : manifest().timeframes) {
    const auto venue = venue_timeframe(tf);
    ASSERT_TRUE(venue) << venue.error().message;
    const auto back = unified_timeframe(*venue);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, tf);
  }
}

TEST(KucoinFuturesTimeframes, CandleTypesUseKucoinSpelling) {
  const std::vector<std::pair<sdk::Timeframe, std::string_view>> expected = {
      {sdk::Timeframe::m1, "1min"},    {sdk::Timeframe::m5, "5min"},
      {sdk::Timeframe::m15, "15min"},  {sdk::Timeframe::m30, "30min"},
      {sdk::Timeframe::h1, "1hour"},   {sdk::Timeframe::h2, "2hour"},
      {sdk::Timeframe::h4, "4hour"},   {sdk::Timeframe::h8, "8hour"},
      {sdk::Timeframe::h12, "12hour"}, {sdk::Timeframe::d1, "1day"},
      {sdk::Timeframe::w1, "1week"}};
  for (const auto& [tf, venue] : expected) {
    const auto r = venue_timeframe(tf);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, venue);
  }
}

TEST(KucoinFuturesTimeframes, ThreeMinutesIsRefusedWithSupportedList) {
  const auto r = venue_timeframe(sdk::Timeframe::m3);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_EQ(r.error().message,
            "kucoinfutures does not support timeframe 3m (supported: 1m, 5m, 15m, 30m, 1h, 2h, "
            "4h, 8h, 12h, 1d, 1w)");
}

TEST(KucoinFuturesTimeframes, UndeclaredTimeframesAreRefused) {
  for (sdk::Timeframe tf : sdk::kAllTimeframes) {
    if (declares(tf)) continue;
    EXPECT_FALSE(venue_timeframe(tf)) << sdk::to_string(tf);
  }
}

TEST(KucoinFuturesTimeframes, UnknownCandleTypeIsRefusedWithSupportedList) {
  const auto r = unified_timeframe("3min");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'3min'"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("(supported: 1min, 5min, "), std::string::npos)
      << r.error().message;
  for (std::string_view type : {"1m", "6hour", "1month", "1Min", ""}) {
    EXPECT_FALSE(unified_timeframe(type)) << type;
  }
}

// --- stream names ---

TEST(KucoinFuturesStreams, CandleTopicUsesXbtAndCandleType) {
  const auto r = stream_name(key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::m1));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "/contractMarket/limitCandle:XBTUSDTM_1min");
}

TEST(KucoinFuturesStreams, TradeTopicIsExecution) {
  const auto r = stream_name(key(sdk::EventKind::trade, usdt("BTC")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "/contractMarket/execution:XBTUSDTM");
}

TEST(KucoinFuturesStreams, BookTickerTopicIsTickerV2) {
  const auto r = stream_name(key(sdk::EventKind::book_ticker, usdt("BTC")));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, "/contractMarket/tickerV2:XBTUSDTM");
}

TEST(KucoinFuturesStreams, UnsupportedTimeframeGetsNoTopic) {
  const auto r = stream_name(key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::mo1));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("timeframe 1M"), std::string::npos) << r.error().message;
}

TEST(KucoinFuturesStreams, EveryKindRoundTrips) {
  std::vector<sdk::StreamKey> keys = {key(sdk::EventKind::trade, usdt("1000PEPE")),
                                      key(sdk::EventKind::book_ticker, {"BTC", "USDC", "USDC"})};
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

TEST(KucoinFuturesStreams, ParsedCandleTopicGivesBtcAndTimeframe) {
  const auto r = parse_stream_name("/contractMarket/limitCandle:XBTUSDTM_4hour");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, key(sdk::EventKind::kline, usdt("BTC"), sdk::Timeframe::h4));
}

TEST(KucoinFuturesStreams, UnsupportedSymbolGetsNoTopic) {
  EXPECT_FALSE(stream_name(key(sdk::EventKind::trade, {"BTC", "USD", "BTC"})));
  EXPECT_FALSE(stream_name(key(static_cast<sdk::EventKind>(0), usdt("BTC"))));
}

TEST(KucoinFuturesStreams, OtherTopicsAreRefused) {
  for (std::string_view name : {
           "",
           "/contractMarket/limitCandle:XBTUSDTM",
           "/contractMarket/limitCandle:XBTUSDTM_",
           "/contractMarket/limitCandle:XBTUSDTM_1m",
           "/contractMarket/limitCandle:XBTUSDTM_3min",
           "/contractMarket/limitCandle:XBTUSDTM_1min,ETHUSDTM_1min",
           "/contractMarket/limitCandle:_1min",
           "/contractMarket/execution:",
           "/contractMarket/execution:XBTUSDTM,ETHUSDTM",
           "/contractMarket/execution:XBTUSDM",
           "/contractMarket/execution:BTCUSDTM",
           "/contractMarket/execution:xbtusdtm",
           "/contractMarket/ticker:XBTUSDTM",
           "/contractMarket/level2:XBTUSDTM",
           "/contractMarket/tickerV2",
           "/contractmarket/tickerV2:XBTUSDTM",
           "contractMarket/tickerV2:XBTUSDTM",
           "/contractMarket/tickerV2:XBTUSDTM ",
           "XBTUSDTM",
       }) {
    EXPECT_FALSE(parse_stream_name(name)) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace tradehost::kucoinfutures
