#include <tradehost/sdk/symbol.hpp>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

TEST(UnifiedSymbol, ParsesBaseQuoteAndSettle) {
  auto s = sdk::parse_unified_symbol("BTC/USDT:USDT");
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->base, "BTC");
  EXPECT_EQ(s->quote, "USDT");
  EXPECT_EQ(s->settle, "USDT");
  EXPECT_EQ(s->to_string(), "BTC/USDT:USDT");
}

TEST(UnifiedSymbol, AcceptsDigitsInBaseAndTrimsSpaces) {
  auto s = sdk::parse_unified_symbol("  1000PEPE/USDT:USDT ");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->base, "1000PEPE");
}

TEST(UnifiedSymbol, RefusesVenueSpellingWithFormatHint) {
  auto s = sdk::parse_unified_symbol("BTCUSDT");
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("'BTCUSDT'"), std::string::npos);
  EXPECT_NE(s.error().message.find("BTC/USDT:USDT"), std::string::npos);
}

TEST(UnifiedSymbol, SuggestsSettleAssetForSpotSpelling) {
  auto s = sdk::parse_unified_symbol("eth/usdt");
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("ETH/USDT:USDT"), std::string::npos) << s.error().message;
}

TEST(UnifiedSymbol, SuggestsUppercaseForLowercase) {
  auto s = sdk::parse_unified_symbol("btc/usdt:usdt");
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("did you mean 'BTC/USDT:USDT'"), std::string::npos);
}

TEST(UnifiedSymbol, RefusesEmptyAndMisplacedSeparators) {
  EXPECT_FALSE(sdk::parse_unified_symbol("").has_value());
  EXPECT_FALSE(sdk::parse_unified_symbol("BTC:USDT/USDT").has_value());
  EXPECT_FALSE(sdk::parse_unified_symbol("/USDT:USDT").has_value());
  EXPECT_FALSE(sdk::parse_unified_symbol("BTC/:USDT").has_value());
  EXPECT_FALSE(sdk::parse_unified_symbol("BTC/USDT:").has_value());
  EXPECT_FALSE(sdk::parse_unified_symbol("BTC-X/USDT:USDT").has_value());
}
