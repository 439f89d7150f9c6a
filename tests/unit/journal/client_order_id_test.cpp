// Tests the client order id format: valid on all three venues, parsed back, refused when bad.
#include "journal/client_order_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace tradehost::journal {
namespace {

TEST(ClientOrderId, FormatsTagRunAndSeq) {
  const auto id = format_client_order_id("7f3a9c2e", 3, 17);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_EQ(*id, "th-7f3a9c2e-3-17");
}

TEST(ClientOrderId, TheLongestIdIsValidOnEachVenuesOwnRule) {
  // A run and a seq of 11 digits each: far beyond any real journal.
  const auto id = format_client_order_id("ffffffff", 99999999999, 99999999999);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_LE(id->size(), kMaxClientOrderIdChars);
  // protocols/binance.md §7, bingx.md §7 (lowercased by the venue: ours already is), kucoin §8.
  EXPECT_TRUE(std::regex_match(*id, std::regex(R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)")));
  EXPECT_LE(id->size(), 40u);
  for (char c : *id) EXPECT_FALSE(c >= 'A' && c <= 'Z');
  EXPECT_TRUE(std::regex_match(*id, std::regex(R"(^[A-Za-z0-9_-]{1,40}$)")));
}

TEST(ClientOrderId, RefusesAnIdLongerThanBinanceAllows) {
  const auto id = format_client_order_id("ffffffff", 999999999999999, 999999999999999);
  ASSERT_FALSE(id.has_value());
  EXPECT_NE(id.error().message.find("36"), std::string::npos);
}

TEST(ClientOrderId, RefusesABadTagOrANumberBelowOne) {
  EXPECT_FALSE(format_client_order_id("7F3A9C2E", 1, 1).has_value());
  EXPECT_FALSE(format_client_order_id("7f3a9c2", 1, 1).has_value());
  EXPECT_FALSE(format_client_order_id("7f3a9c2e", 0, 1).has_value());
  EXPECT_FALSE(format_client_order_id("7f3a9c2e", 1, -4).has_value());
}

TEST(ClientOrderId, ParsesBackWhatItFormatted) {
  const auto parts = parse_client_order_id("th-7f3a9c2e-3-17");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(*parts, (ClientOrderIdParts{"7f3a9c2e", 3, 17}));
}

TEST(ClientOrderId, DoesNotParseAVenuesOwnIds) {
  EXPECT_FALSE(parse_client_order_id("autoclose-1767225601").has_value());
  EXPECT_FALSE(parse_client_order_id("th-7f3a9c2e-3").has_value());
  EXPECT_FALSE(parse_client_order_id("th-7f3a9c2e-03-1").has_value());
  EXPECT_FALSE(parse_client_order_id("th-7f3a9c2e-3-1x").has_value());
  EXPECT_FALSE(parse_client_order_id("TH-7f3a9c2e-3-1").has_value());
}

TEST(ClientOrderId, EveryVenueCharsetAgreesOnTheSharedRule) {
  EXPECT_TRUE(valid_on_every_venue("th-abc_1"));
  EXPECT_FALSE(valid_on_every_venue(""));
  EXPECT_FALSE(valid_on_every_venue("Th-1"));  // BingX would lowercase it
  EXPECT_FALSE(valid_on_every_venue("th.1"));  // Binance allows '.', KuCoin does not
  EXPECT_FALSE(valid_on_every_venue("th:1"));
  EXPECT_FALSE(valid_on_every_venue(std::string(37, 'a')));
  EXPECT_TRUE(valid_on_every_venue(std::string(36, 'a')));
}

}  // namespace
}  // namespace tradehost::journal
