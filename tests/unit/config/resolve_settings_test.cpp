#include <gtest/gtest.h>

#include "config/settings.hpp"
#include "support/process.hpp"

namespace tradehost::config {
namespace {

using test::TempDir;
using Severity = Diagnostic::Severity;

// An environment of one variable (Env({{name, value}}) would be ambiguous).
Env env_of(const std::string& name, const std::string& value) {
  return Env(std::map<std::string, std::string, std::less<>>{{name, value}});
}

bool has(const Settings& s, const std::string& event, Severity severity) {
  for (const auto& d : s.diagnostics) {
    if (d.event == event && d.severity == severity) return true;
  }
  return false;
}

TEST(ResolveSettings, DefaultsWhenNothingIsGiven) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path = (dir.path() / "none.yaml").string();
  auto s = resolve_settings(cli, Env{});
  EXPECT_EQ(s.mode.value, Mode::paper);
  EXPECT_EQ(s.duration_s.value, 0);
  EXPECT_DOUBLE_EQ(s.equity_usd.value, 100.0);
  EXPECT_EQ(s.symbols.value.size(), 3u);
  EXPECT_EQ(s.symbol_source, Settings::SymbolSource::defaults);
  EXPECT_EQ(s.timeframes.value, std::vector<sdk::Timeframe>{sdk::Timeframe::m1});
  EXPECT_TRUE(has(s, "config_file_not_found", Severity::fallback_error));
  EXPECT_TRUE(has(s, "symbols_from_defaults", Severity::warning));
  EXPECT_FALSE(s.blocks_start());  // paper falls back
}

TEST(ResolveSettings, LiveModeIsBlockedByFallbacks) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path = (dir.path() / "none.yaml").string();
  auto s = resolve_settings(cli, Env({{"TRADING_MODE", "live"}, {"TRADING_SYMBOLS", "BTC/USDT:USDT"}}));
  EXPECT_EQ(s.mode.value, Mode::live);
  EXPECT_EQ(s.symbol_source, Settings::SymbolSource::env);
  EXPECT_TRUE(s.blocks_start());
}

TEST(ResolveSettings, CommandLineBeatsEnvironment) {
  TempDir dir;
  CliOverrides cli;
  cli.paper = true;
  cli.duration_s = 30;
  cli.exchanges = std::vector<std::string>{"bingx"};
  cli.config_path = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n").string();
  auto s = resolve_settings(cli, Env({{"TRADING_MODE", "live"}, {"TRADING_DURATION", "99"}, {"EXCHANGES", "binance"},
                                      {"CONFIG_PATH", "/elsewhere.yaml"}}));
  EXPECT_EQ(s.mode.value, Mode::paper);
  EXPECT_EQ(s.mode.source.to_string(), "cli --paper");
  EXPECT_EQ(s.duration_s.value, 30);
  EXPECT_EQ(s.exchanges.value, std::vector<std::string>{"bingx"});
  EXPECT_EQ(s.config_path.source.to_string(), "cli --config");
  EXPECT_FALSE(s.blocks_start());
}

TEST(ResolveSettings, ModeIsCaseInsensitiveAndTrimmed) {
  auto s = resolve_settings({}, Env({{"TRADING_MODE", " LIVE "}, {"CONFIG_PATH", "/nonexistent.yaml"}}));
  EXPECT_EQ(s.mode.value, Mode::live);
}

TEST(ResolveSettings, RepeatedSymbolsAreUsedOnceWithAWarning) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, BTC/USDT:USDT]\n").string();
  auto s = resolve_settings(cli, Env{});
  EXPECT_EQ(s.symbols.value.size(), 1u);
  EXPECT_TRUE(has(s, "symbol_listed_twice", Severity::warning));
}

TEST(ResolveSettings, EndpointsInTheFileMustBeUrlsOfTheRightKind) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path =
      dir.write("c.yaml", "exchanges:\n  bingx:\n    rest_url: wss://nope\n    ws_url: wss://ok.example\n").string();
  auto s = resolve_settings(cli, Env{});
  EXPECT_TRUE(has(s, "endpoint_invalid", Severity::error));
  EXPECT_EQ(s.ws_urls.at("bingx").value, "wss://ok.example");
  EXPECT_EQ(s.rest_urls.count("bingx"), 0u);
}

TEST(ValueParsers, DurationsAreWholeNonNegativeSeconds) {
  EXPECT_EQ(*parse_duration_seconds("3600"), 3600);
  EXPECT_EQ(*parse_duration_seconds(" 0 "), 0);
  EXPECT_FALSE(parse_duration_seconds("-5").has_value());
  EXPECT_FALSE(parse_duration_seconds("1.5").has_value());
  EXPECT_FALSE(parse_duration_seconds("").has_value());
}

TEST(ValueParsers, DurationsStopAt366Days) {
  EXPECT_EQ(*parse_duration_seconds("31622400"), 31622400);
  for (const char* text : {"31622401", "10000000000", "99999999999999999999999"}) {
    auto d = parse_duration_seconds(text);
    ASSERT_FALSE(d.has_value()) << text;
    EXPECT_EQ(d.error().message, "longer than 366 days (limit 31622400 s); to run until stopped, use 0") << text;
  }
  auto negative = parse_duration_seconds("-99999999999999999999999");
  ASSERT_FALSE(negative.has_value());
  EXPECT_EQ(negative.error().message, "a duration cannot be negative");
}

TEST(ResolveSettings, ADurationBeyondTheLimitFromTheEnvironmentIsAnError) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path = (dir.path() / "none.yaml").string();
  auto s = resolve_settings(cli, env_of("TRADING_DURATION", "10000000000"));
  EXPECT_TRUE(has(s, "invalid_trading_duration", Severity::error));
  EXPECT_EQ(s.duration_s.value, 0);
  EXPECT_TRUE(s.blocks_start());
}

TEST(ResolveSettings, AnEquityAboveTheLimitIsAnError) {
  TempDir dir;
  CliOverrides cli;
  cli.config_path = dir.write("c.yaml", "portfolio:\n  equity_usd: 1e13\n").string();
  EXPECT_TRUE(has(resolve_settings(cli, Env{}), "equity_invalid", Severity::error));
  cli.config_path = (dir.path() / "none.yaml").string();
  EXPECT_TRUE(has(resolve_settings(cli, env_of("EQUITY_USD", "1e300")), "equity_invalid", Severity::error));
  EXPECT_DOUBLE_EQ(resolve_settings(cli, env_of("EQUITY_USD", "1e12")).equity_usd.value, 1e12);
}

TEST(ResolveSettings, AFileOverALimitIsAnErrorNotAFallback) {
  // Paper mode falls back on a broken file, but not on one over a limit: nothing starts.
  TempDir dir;
  CliOverrides cli;
  cli.config_path = dir.write("c.toml", "[a" + std::string(100, '.') + "]\n").string();
  auto s = resolve_settings(cli, env_of("TRADING_SYMBOLS", "BTC/USDT:USDT"));
  EXPECT_TRUE(has(s, "config_file_refused", Severity::error));
  EXPECT_FALSE(has(s, "config_file_invalid", Severity::fallback_error));
  EXPECT_FALSE(s.config_loaded);
  EXPECT_TRUE(s.blocks_start());
}

TEST(ValueParsers, StreamLimitsArePositiveIntegers) {
  EXPECT_EQ(*parse_stream_limit("30"), 30);
  EXPECT_FALSE(parse_stream_limit("0").has_value());
  EXPECT_FALSE(parse_stream_limit("5.0").has_value());
  EXPECT_FALSE(parse_stream_limit("99999999999").has_value());
}

TEST(ValueParsers, ExchangeListsAreLowercasedAndDeduplicated) {
  auto list = parse_exchange_list(" BingX, kucoinfutures ,bingx");
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(*list, (std::vector<std::string>{"bingx", "kucoinfutures"}));
  EXPECT_FALSE(parse_exchange_list("a,,b").has_value());
  EXPECT_FALSE(parse_exchange_list("bin ance").has_value());
}

TEST(ValueParsers, EquityMustBeAPositiveFiniteNumber) {
  EXPECT_DOUBLE_EQ(*parse_positive_number("250.5"), 250.5);
  EXPECT_FALSE(parse_positive_number("abc").has_value());
  EXPECT_FALSE(parse_positive_number("0").has_value());
  EXPECT_FALSE(parse_positive_number("inf").has_value());
}

}  // namespace
}  // namespace tradehost::config
