// `tradehost plugins`: the bundled plugins with their declared limits, and the file overrides.
#include <gtest/gtest.h>

#include <tradehost/sdk/abi.hpp>

#include "harness.hpp"

namespace tradehost::test {
namespace {

constexpr const char* kOverrideYaml = R"(websocket:
  max_streams_per_exchange:
    bingx: 5
    binance: 30
    custom_exchange: 25
)";

constexpr const char* kOverrideToml = R"([websocket.max_streams_per_exchange]
bingx = 5
binance = 30
custom_exchange = 25
)";

void expect_limit(const nlohmann::json& listing, const std::string& name, int limit, const std::string& source) {
  const auto p = plugin_entry(listing, name);
  ASSERT_FALSE(p.is_null()) << name << " missing from " << listing.dump();
  EXPECT_EQ(p.at("effective_limit"), limit) << name;
  EXPECT_NE(p.at("effective_limit_source").get<std::string>().find(source), std::string::npos)
      << name << ": " << p.at("effective_limit_source");
}

TEST(PluginsCommand, ListsTheThreeBundledPluginsWithTheirDeclaredLimits) {
  TempDir dir;
  auto r = tradehost({"plugins", "--json"}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listing = nlohmann::json::parse(r.out);
  ASSERT_EQ(listing.at("plugins").size(), 3u);
  expect_limit(listing, "binance", 20, "plugin default");
  expect_limit(listing, "bingx", 10, "plugin default");
  expect_limit(listing, "kucoinfutures", 15, "plugin default");
  const auto kucoin = plugin_entry(listing, "kucoinfutures");
  EXPECT_EQ(kucoin.at("env_prefix"), "KUCOIN_FUTURES");
  EXPECT_EQ(kucoin.at("abi"), sdk::kAbiVersion);
  EXPECT_EQ(kucoin.at("rest_url"), "https://api-futures.kucoin.com");
  EXPECT_EQ(plugin_entry(listing, "bingx").at("compression"), "gzip");
  EXPECT_EQ(plugin_entry(listing, "bingx").at("kline_close"), "next_open");
  EXPECT_EQ(plugin_entry(listing, "bingx").at("trade_ids"), "none");
  EXPECT_EQ(plugin_entry(listing, "binance").at("trade_ids"), "increasing");
  EXPECT_EQ(plugin_entry(listing, "binance").at("env_prefix"), "BINANCE");
}

class PluginsOverride : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(PluginsOverride, FileOverridesWinAndAnUnknownNameIsKeptWithAWarning) {
  TempDir dir;
  const auto& [file_name, text] = GetParam();
  const auto file = dir.write(file_name, text);
  auto r = tradehost({"plugins", "--json", "--config", file.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listing = nlohmann::json::parse(r.out);
  expect_limit(listing, "binance", 30, file.string() + ":");
  expect_limit(listing, "bingx", 5, file.string() + ":");
  expect_limit(listing, "kucoinfutures", 15, "plugin default");
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "custom_exchange", "names no loaded plugin", "kept"}), 1) << r.err;
}

INSTANTIATE_TEST_SUITE_P(YamlAndToml, PluginsOverride,
                         ::testing::Values(std::make_pair(std::string("limits.yaml"), std::string(kOverrideYaml)),
                                           std::make_pair(std::string("limits.toml"), std::string(kOverrideToml))));

TEST(PluginsCommand, OverrideLineIsNamedInTheSource) {
  TempDir dir;
  const auto file = dir.write("limits.yaml", kOverrideYaml);
  auto r = tradehost({"plugins", "--json", "--config", file.string()}, {}, dir.path());
  const auto listing = nlohmann::json::parse(r.out);
  EXPECT_EQ(plugin_entry(listing, "bingx").at("effective_limit_source"), file.string() + ":3");
  EXPECT_EQ(plugin_entry(listing, "binance").at("effective_limit_source"), file.string() + ":4");
}

TEST(PluginsCommand, TextListingShowsDefaultAndEffectiveLimit) {
  TempDir dir;
  const auto file = dir.write("limits.yaml", kOverrideYaml);
  auto r = tradehost({"plugins", "--config", file.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("stream limit  default 10, effective 5 (" + file.string() + ":3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("KUCOIN_FUTURES_PASSPHRASE"), std::string::npos);
}

TEST(PluginsCommand, ANonPositiveCapIsAnErrorNamingFileAndLine) {
  TempDir dir;
  for (const std::string bad : {"0", "-3", "abc", "2.5"}) {
    const auto file = dir.write("bad.yaml", "websocket:\n  max_streams_per_exchange:\n    bingx: " + bad + "\n");
    auto r = tradehost({"plugins", "--config", file.string()}, {}, dir.path());
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(count_lines_with(r.err, {"ERROR", "websocket.max_streams_per_exchange.bingx at " + file.string() + ":3",
                                       "positive integer"}),
              1)
        << r.err;
  }
}

TEST(PluginsCommand, EndpointEnvironmentOverridesArePickedUp) {
  TempDir dir;
  auto r = tradehost({"plugins", "--json"}, {{"BINGX_REST_URL", "http://127.0.0.1:9999"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto bingx = plugin_entry(nlohmann::json::parse(r.out), "bingx");
  EXPECT_EQ(bingx.at("rest_url"), "http://127.0.0.1:9999");
  EXPECT_EQ(bingx.at("rest_url_source"), "env BINGX_REST_URL");
}

}  // namespace
}  // namespace tradehost::test
