// Live mode is fail-closed: any config error, fallback or default symbols, or missing
// credentials for an exchange in use stop it with exit 2 before anything is planned or connected.
#include <string>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

constexpr const char* kGoodConfig = "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n";

EnvMap live_env(EnvMap extra = {}) {
  EnvMap env{{"TRADING_MODE", "live"},
             {"EXCHANGES", "binance,kucoinfutures"},
             {"BINANCE_API_KEY", "k1"},
             {"BINANCE_SECRET", "s1"},
             {"KUCOIN_FUTURES_API_KEY", "k2"},
             {"KUCOIN_FUTURES_SECRET", "s2"},
             {"KUCOIN_FUTURES_PASSPHRASE", "p2"}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

void expect_refused_before_planning(const ProcessResult& r) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Live mode refuses to start"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"streams wanted"}), 0) << r.err;
}

TEST(LiveFailClosed, AGoodLiveSetupGetsAsFarAsPlanning) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in live mode"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "kucoinfutures: 1 streams wanted"}), 1) << r.err;
}

TEST(LiveFailClosed, RefusesAMissingConfigFileEvenWithEnvironmentSymbols) {
  TempDir dir;
  auto r = tradehost({"--live", "--config", (dir.path() / "missing.yaml").string()},
                     live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file not found"}), 1) << r.err;
}

TEST(LiveFailClosed, AcceptsEnvironmentSymbolsWhenTheFileDoesNotListAny) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 500\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in live mode", "1 symbols from env TRADING_SYMBOLS"}), 1)
      << r.err;
}

TEST(LiveFailClosed, RefusesTheDefaultSymbols) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 500\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Using default symbols", "live mode never trades on defaults"}), 1)
      << r.err;
}

TEST(LiveFailClosed, RefusesInvalidSymbolsInsteadOfFallingBack) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTCUSDT]\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  expect_refused_before_planning(r);
}

TEST(LiveFailClosed, TreatsAnUnknownKeyAsAnError) {
  TempDir dir;
  const auto f = dir.write("config.yaml", std::string(kGoodConfig) + "risk:\n  max_leverag: 3\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "unknown key 'risk'"}), 1) << r.err;
}

TEST(LiveFailClosed, NamesEveryMissingCredential) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("KUCOIN_FUTURES_PASSPHRASE");
  env.erase("BINANCE_SECRET");
  auto r = tradehost({"--live", "--config", f.string()}, env, dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Live mode needs credentials for binance: BINANCE_SECRET not set"}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "kucoinfutures: KUCOIN_FUTURES_PASSPHRASE not set"}), 1) << r.err;
}

TEST(LiveFailClosed, RefusesARestBaseWithAQueryNamingWhereItCameFrom) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()},
                     live_env({{"BINANCE_REST_URL", "https://fapi.example.com/api?token=abc"}}), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "REST endpoint 'https://fapi.example.com/api?...' for binance",
                                     "BINANCE_REST_URL", "carries a query", "Fix: give the base only"}),
            1)
      << r.err;
  EXPECT_EQ(r.err.find("token=abc"), std::string::npos) << "the query is not echoed: " << r.err;
}

TEST(LiveFailClosed, RefusesPlaintextEndpointsOffLoopback) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"BINANCE_REST_URL", "http://fapi.example.com"}}),
                     dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "refuses the unencrypted endpoint 'http://fapi.example.com'"}), 1)
      << r.err;
  auto loopback = tradehost({"--live", "--config", f.string()},
                            live_env({{"BINANCE_REST_URL", "http://127.0.0.1:8080"}}), dir.path());
  EXPECT_EQ(loopback.exit_code, 1) << loopback.err;
}

TEST(LiveFailClosed, PaperFlagAlwaysMeansPaper) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("BINANCE_API_KEY");
  auto r = tradehost({"--live", "--paper", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in paper mode"}), 1) << r.err;
}

TEST(LiveFailClosed, ValidateFailsMissingCredentialsInLiveMode) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("BINANCE_API_KEY");
  auto r = tradehost({"validate", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "BINANCE_API_KEY not set"}), 1) << r.out;
  EXPECT_EQ(count_lines_with(r.out, {"PASS credentials kucoinfutures: set (values hidden)"}), 1) << r.out;
}

TEST(LiveFailClosed, ValidateAndARunRefuseTheSameBadUrlWithExit2) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  const std::string message =
      "WebSocket endpoint for binance (from env BINANCE_WS_URL) is not a usable WebSocket URL: invalid URL "
      "'wss://h:99999': the port must be a number from 1 to 65535. Fix: e.g. wss://";
  const EnvMap env = live_env({{"BINANCE_WS_URL", "wss://h:99999"}});
  auto validate = tradehost({"validate", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(validate.exit_code, 2) << validate.out;
  EXPECT_EQ(count_lines_with(validate.out, {"FAIL", message}), 1) << validate.out;
  for (const std::vector<std::string>& run : {std::vector<std::string>{"--live", "--config", f.string()},
                                              std::vector<std::string>{"--live", "--paper", "--config", f.string()}}) {
    auto r = tradehost(run, env, dir.path());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(count_lines_with(r.err, {"ERROR", message}), 1) << r.err;
  }
}

TEST(LiveFailClosed, ABadUrlInTheFileIsRefusedAtItsLineByValidateAndARun) {
  TempDir dir;
  const auto f = dir.write("c.yaml", std::string(kGoodConfig) + "exchanges:\n  binance:\n    ws_url: wss://h:99999\n");
  const std::string message = "exchanges.binance.ws_url at " + f.string() +
                              ":5 is not a usable WebSocket URL: invalid URL 'wss://h:99999': the port must be a "
                              "number from 1 to 65535";
  auto validate = tradehost({"validate", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(validate.exit_code, 2) << validate.out;
  EXPECT_EQ(count_lines_with(validate.out, {"FAIL", message}), 1) << validate.out;
  auto r = tradehost({"--live", "--paper", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", message}), 1) << r.err;
}

}  // namespace
}  // namespace tradehost::test
