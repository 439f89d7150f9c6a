// The config priorities of the seed: file > TRADING_SYMBOLS > defaults, with ERROR for each
// failed step, INFO for the fall back to the environment and WARNING for the defaults; and the
// validation of every value, each with the file and line or the variable to fix.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

// A paper run gets past its checks, plans, and connects to the harness's closed loopback ports:
// no stream starts, exit 1 with the seed's message.
constexpr int kPaperRunExit = 1;

EnvMap with_exchanges(EnvMap env) {
  env.emplace("EXCHANGES", "binance");
  return env;
}

std::vector<std::string> run_args(const std::string& config) { return {"--live", "--paper", "--config", config}; }

TEST(SymbolPriority, FileSymbolsAreUsedAndLoggedAtInfo) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({{"TRADING_SYMBOLS", "XRP/USDT:USDT"}}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Loaded 2 symbols from " + f.string() + ":2"}), 1) << r.err;
  // TRADING_SYMBOLS is not consulted (the seed's fix for "No WebSocket streams" names it, though).
  EXPECT_EQ(count_lines_with(r.err, {"TRADING_SYMBOLS"}) - count_lines_with(r.err, {"TRADING_SYMBOLS", "Fix: check exchange credentials"}), 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "No WebSocket streams were started"}), 1) << r.err;
}

TEST(SymbolPriority, MissingFileLogsTheSeedsErrorThenFallsBackToTheEnvironmentAtInfo) {
  TempDir dir;
  const std::string missing = (dir.path() / "nope.yaml").string();
  auto r = tradehost({"--live", "--paper"},
                     with_exchanges({{"CONFIG_PATH", missing}, {"TRADING_SYMBOLS", "BTC/USDT:USDT, BNB/USDT:USDT"}}),
                     dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file not found: " + missing, "from env CONFIG_PATH"}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Falling back to environment: 2 symbols from TRADING_SYMBOLS"}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"default symbols"}), 0) << r.err;
}

TEST(SymbolPriority, TheDefaultConfigPathIsTriedAndNamed) {
  TempDir dir;
  auto r = tradehost({"--live", "--paper"}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file not found: config/config.example.yaml (from default)"}), 1)
      << r.err;
}

TEST(SymbolPriority, NothingValidFallsBackToTheDefaultsWithAWarning) {
  TempDir dir;
  auto r = tradehost({"--live", "--paper"}, with_exchanges({}), dir.path());
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "Using default symbols BTC/USDT:USDT, ETH/USDT:USDT, SOL/USDT:USDT"}),
            1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "3 symbols from default"}), 1) << r.err;
}

TEST(SymbolPriority, InvalidFileSymbolsAreNamedInTheErrorAndTheEnvironmentIsUsed) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols:\n    - BTCUSDT\n    - eth/usdt:usdt\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({{"TRADING_SYMBOLS", "SOL/USDT:USDT"}}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config step 1/3 (config file) failed", f.string() + ":2", "'BTCUSDT'",
                                     "did you mean 'ETH/USDT:USDT'"}),
            1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "1 symbols from TRADING_SYMBOLS"}), 1) << r.err;
}

TEST(SymbolPriority, AnEmptyFileListIsAFailedStep) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: []\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({}), dir.path());
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config step 1/3", "is empty"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "Using default symbols"}), 1) << r.err;
}

TEST(SymbolPriority, InvalidEnvironmentSymbolsAreAFailedStepBeforeTheDefaults) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 50\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({{"TRADING_SYMBOLS", "BTC/USDT:USDT,DOGE"}}), dir.path());
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "universe.fixed_symbols is not set in " + f.string()}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config step 2/3 (TRADING_SYMBOLS) failed", "'DOGE'"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "Using default symbols"}), 1) << r.err;
}

TEST(SymbolPriority, TomlFileGivesTheSameResultAsYaml) {
  TempDir dir;
  const auto f = dir.write("c.toml", "[universe]\nfixed_symbols = [\"BTC/USDT:USDT\", \"ETH/USDT:USDT\"]\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Loaded 2 symbols from " + f.string() + ":2"}), 1) << r.err;
}

TEST(ConfigFile, UnparsableYamlNamesFileLineAndFallsBack) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file could not be loaded", f.string() + ":", "invalid YAML"}), 1)
      << r.err;
}

TEST(ConfigFile, UnsupportedExtensionIsRefusedByName) {
  TempDir dir;
  const auto f = dir.write("c.json", "{}");
  auto r = tradehost({"validate", "--config", f.string()}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("unsupported extension '.json' (use .yaml, .yml or .toml)"), std::string::npos) << r.out;
}

TEST(ConfigFile, DuplicateYamlKeyIsAnError) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 10\nportfolio:\n  equity_usd: 20\n");
  auto r = tradehost({"validate", "--config", f.string()}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(f.string() + ":3: duplicate key 'portfolio'"), std::string::npos) << r.out;
}

TEST(UnknownKeys, AreAWarningWithASuggestionInPaperMode) {
  TempDir dir;
  const auto f = dir.write("config.yaml",
                           "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nwebsocket:\n  max_stream_per_exchange:\n"
                           "    bingx: 5\n");
  auto r = tradehost({"--live", "--paper", "--config", "config.yaml"}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "unknown key 'websocket.max_stream_per_exchange' at config.yaml:4; "
                                                "did you mean 'websocket.max_streams_per_exchange'?"}),
            1)
      << r.err;
}

TEST(UnknownKeys, FailValidateInPaperMode) {
  TempDir dir;
  dir.write("config.yaml", "universe:\n  fixed_symbol: [BTC/USDT:USDT]\n");
  auto r = tradehost({"validate", "--config", "config.yaml"}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "unknown key 'universe.fixed_symbol' at config.yaml:2; did you mean "
                                             "'universe.fixed_symbols'?"}),
            1)
      << r.out;
}

TEST(UnknownKeys, TomlReportsTheSameKeyAndLine) {
  TempDir dir;
  dir.write("config.toml", "[universe]\nfixed_symbols = [\"BTC/USDT:USDT\"]\n\n[websocket.max_stream_per_exchange]\nbingx = 5\n");
  auto r = tradehost({"validate", "--config", "config.toml"}, with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "unknown key 'websocket.max_stream_per_exchange' at config.toml:4"}), 1)
      << r.out;
}

TEST(Timeframes, AreCheckedAgainstEachExchangeInUse) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nwebsocket:\n  stream_timeframes: [1m, 3m]\n");
  auto ok = tradehost(run_args(f.string()), {{"EXCHANGES", "binance"}}, dir.path());
  EXPECT_EQ(ok.exit_code, kPaperRunExit) << ok.err;
  auto r = tradehost(run_args(f.string()), {{"EXCHANGES", "binance,kucoinfutures"}}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "kucoinfutures does not support timeframe 3m", f.string() + ":4"}), 1)
      << r.err;
}

TEST(Timeframes, UnknownNamesAreAnError) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "websocket:\n  stream_timeframes: [1m, 1x]\n");
  auto r = tradehost(run_args(f.string()), with_exchanges({}), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "websocket.stream_timeframes at " + f.string() + ":2", "'1x'"}), 1)
      << r.err;
}

struct BadEnv {
  std::string name;
  std::string value;
  std::string expected;
};

class InvalidEnvironment : public ::testing::TestWithParam<BadEnv> {};

TEST_P(InvalidEnvironment, IsAClearErrorAndExit2) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n");
  auto r = tradehost({"--live", "--config", f.string()}, with_exchanges({{GetParam().name, GetParam().value}}),
                     dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", GetParam().name + "='" + GetParam().value + "'", GetParam().expected}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"streams wanted"}), 0) << "must stop before planning: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Variables, InvalidEnvironment,
    ::testing::Values(BadEnv{"EQUITY_USD", "abc", "is not a positive number"},
                      BadEnv{"EQUITY_USD", "-10", "is not a positive number"},
                      BadEnv{"TRADING_DURATION", "-5", "a duration cannot be negative"},
                      BadEnv{"TRADING_DURATION", "1h", "expected whole seconds"},
                      BadEnv{"TRADING_MODE", "foo", "set TRADING_MODE to paper or live"},
                      BadEnv{"EXCHANGES", "binance,,bingx", "an empty name between commas"}),
    [](const auto& param_info) { return param_info.param.name.substr(0, param_info.param.name.find('_')) + std::to_string(param_info.index); });

TEST(ConfigCommand, ShowsEachValueWithItsSource) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nwebsocket:\n"
                                     "  max_streams_per_exchange:\n    bingx: 5\n");
  auto r = tradehost({"config", "--json", "--config", f.string()},
                     {{"EQUITY_USD", "250"}, {"EXCHANGES", "bingx"}, {"TRADING_DURATION", "60"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = nlohmann::json::parse(r.out);
  auto find = [&](const std::string& key) {
    for (const auto& row : rows) {
      if (row.at("key") == key) return row;
    }
    return nlohmann::json(nullptr);
  };
  EXPECT_EQ(find("portfolio.equity_usd").at("source"), "env EQUITY_USD");
  EXPECT_EQ(find("portfolio.equity_usd").at("value"), "250");
  EXPECT_EQ(find("universe.fixed_symbols").at("source"), f.string() + ":2");
  EXPECT_EQ(find("websocket.max_streams_per_exchange.bingx").at("source"), f.string() + ":5");
  EXPECT_EQ(find("websocket.max_streams_per_exchange.binance").at("source"), "plugin default");
  EXPECT_EQ(find("duration_s").at("source"), "env TRADING_DURATION");
  EXPECT_EQ(find("mode").at("source"), "default");
  EXPECT_EQ(find("exchanges.bingx.api_key").at("value"), "(not set)");
}

TEST(ConfigCommand, FileValuesWinOverTheEnvironment) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 75\n");
  auto r = tradehost({"config", "--config", f.string()}, {{"EQUITY_USD", "250"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines_with(r.out, {"portfolio.equity_usd", "75", f.string() + ":2"}), 1) << r.out;
}

TEST(Validate, PassesOnTheShippedExampleConfigs) {
  for (const char* name : {"config.example.yaml", "config.example.toml"}) {
    const std::string path = std::string(kSourceDir) + "/config/" + name;
    auto r = tradehost({"validate", "--config", path}, {{"EXCHANGES", "binance,bingx,kucoinfutures"}});
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    EXPECT_EQ(count_lines_with(r.out, {"FAIL"}), 0) << r.out;
    EXPECT_NE(r.out.find("validate: "), std::string::npos);
  }
}

TEST(Validate, FailsAStreamPlanOverTheCap) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT, SOL/USDT:USDT]\n"
                                     "websocket:\n  stream_timeframes: [1m, 5m]\n  max_streams_per_exchange:\n"
                                     "    bingx: 5\n");
  auto r = tradehost({"validate", "--config", f.string()}, {{"EXCHANGES", "bingx"}}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL stream plan bingx: 6 streams wanted, cap 5", "1 would be left out",
                                     "websocket.max_streams_per_exchange.bingx"}),
            1)
      << r.out;
}

TEST(Validate, FailsWithNoExchangesConfiguredAndTheSeedsFix) {
  TempDir dir;
  auto r = tradehost({"validate"}, {}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "No exchange clients configured", "export EXCHANGES="}), 1) << r.out;
}

TEST(Validate, FailsAnExchangeWithoutAPlugin) {
  TempDir dir;
  auto r = tradehost({"validate", "--exchanges", "binance,okx"}, {}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "No plugin for exchange 'okx'", "cli --exchanges"}), 1) << r.out;
}

TEST(RunPlan, StreamsOverTheCapAreNamedInAWarning) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]\n"
                                     "websocket:\n  max_streams_per_exchange:\n    bingx: 1\n");
  auto r = tradehost(run_args(f.string()), {{"EXCHANGES", "bingx"}}, dir.path());
  EXPECT_EQ(r.exit_code, kPaperRunExit) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "Stream limit exceeded on bingx: 2 streams wanted, cap 1",
                                     "left out: ETH/USDT:USDT kline 1m"}),
            1)
      << r.err;
}

}  // namespace
}  // namespace tradehost::test

namespace tradehost::test {
namespace {

TEST(Validate, ShowsEachSymbolAsTheVenueSpellsIt) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, 1000PEPE/USDT:USDT]\n");
  auto r = tradehost({"validate", "--config", f.string()}, {{"EXCHANGES", "binance,bingx,kucoinfutures"}}, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(count_lines_with(r.out, {"PASS symbols binance: BTC/USDT:USDT = BTCUSDT, 1000PEPE/USDT:USDT = 1000PEPEUSDT"}), 1)
      << r.out;
  EXPECT_EQ(count_lines_with(r.out, {"PASS symbols bingx: BTC/USDT:USDT = BTC-USDT"}), 1) << r.out;
  EXPECT_EQ(count_lines_with(r.out, {"PASS symbols kucoinfutures: BTC/USDT:USDT = XBTUSDTM"}), 1) << r.out;
}

TEST(Validate, FailsASymbolAnExchangeCannotTrade) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, BTC/USDC:USDC]\n");
  auto ok = tradehost({"validate", "--config", f.string()}, {{"EXCHANGES", "binance"}}, dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  auto r = tradehost({"validate", "--config", f.string()}, {{"EXCHANGES", "binance,bingx"}}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "bingx cannot trade every symbol", "BTC/USDC:USDC"}), 1) << r.out;
}

}  // namespace
}  // namespace tradehost::test
