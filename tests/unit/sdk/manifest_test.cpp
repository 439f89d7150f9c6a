#include <tradehost/sdk/manifest.hpp>

#include <array>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

namespace {
constexpr std::array<sdk::Timeframe, 1> kOneMinute = {sdk::Timeframe::m1};

sdk::Manifest good_manifest() {
  return sdk::Manifest{"venue_x", "1.0.0", 12, "VENUE_X", false, "https://api.example", "wss://ws.example",
                       kOneMinute, sdk::FrameCompression::none, sdk::KlineClose::flag, sdk::TradeIds::increasing,
                       {100, 10, 50}};
}
}  // namespace

TEST(ManifestValidation, AcceptsAWellFormedManifest) {
  EXPECT_TRUE(sdk::validate_manifest(good_manifest()).has_value());
}

TEST(ManifestValidation, AcceptsAnUndeclaredLimit) {
  auto m = good_manifest();
  m.default_stream_limit = sdk::kUndeclaredStreamLimit;
  EXPECT_TRUE(sdk::validate_manifest(m).has_value());
}

TEST(ManifestValidation, RefusesNamesThatAreNotLowercaseIdentifiers) {
  for (std::string_view name : {"", "Binance", "1venue", "my-venue", "venue x",
                                "a_name_that_is_much_longer_than_32_chars"}) {
    auto m = good_manifest();
    m.name = name;
    auto status = sdk::validate_manifest(m);
    ASSERT_FALSE(status.has_value()) << name;
    EXPECT_NE(status.error().message.find("invalid name"), std::string::npos);
  }
}

TEST(ManifestValidation, RefusesZeroNegativeAndHugeLimits) {
  for (std::int32_t limit : {0, -2, sdk::kMaxStreamLimit + 1}) {
    auto m = good_manifest();
    m.default_stream_limit = limit;
    auto status = sdk::validate_manifest(m);
    ASSERT_FALSE(status.has_value()) << limit;
    EXPECT_NE(status.error().message.find("invalid default stream limit " + std::to_string(limit)),
              std::string::npos);
  }
}

TEST(ManifestValidation, RefusesATradeIdsValueThatIsNotOneOfTheTwo) {
  auto m = good_manifest();
  m.trade_ids = static_cast<sdk::TradeIds>(0);  // a manifest that never set it
  auto status = sdk::validate_manifest(m);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("trade_ids must be TradeIds::none or TradeIds::increasing"), std::string::npos);
}

TEST(ManifestValidation, RefusesBadPrefixNoTimeframesAndZeroConnectionLimits) {
  auto m = good_manifest();
  m.env_prefix = "venue";
  EXPECT_FALSE(sdk::validate_manifest(m).has_value());
  m = good_manifest();
  m.timeframes = {};
  EXPECT_FALSE(sdk::validate_manifest(m).has_value());
  m = good_manifest();
  m.limits.streams_per_message = 0;
  EXPECT_FALSE(sdk::validate_manifest(m).has_value());
}
