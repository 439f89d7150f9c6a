// Secrets never appear in anything the process prints or writes: recognisable values are planted
// in every credential variable and in a config file, then every output is scanned for them.
#include <chrono>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/sim_process.hpp"

namespace tradehost::test {
namespace {

const std::vector<std::string> kPlanted = {"PLANTED-binance-key-7f3a", "PLANTED-binance-secret-91cc",
                                           "PLANTED-bingx-key-22de",   "PLANTED-bingx-secret-5b10",
                                           "PLANTED-kucoin-key-0a9e",  "PLANTED-kucoin-secret-e4d1",
                                           "PLANTED-kucoin-pass-77f0", "PLANTED-file-secret-c0de"};

EnvMap planted_env() {
  return {{"BINANCE_API_KEY", kPlanted[0]},        {"BINANCE_SECRET", kPlanted[1]},
          {"BINGX_API_KEY", kPlanted[2]},          {"BINGX_SECRET", kPlanted[3]},
          {"KUCOIN_FUTURES_API_KEY", kPlanted[4]}, {"KUCOIN_FUTURES_SECRET", kPlanted[5]},
          {"KUCOIN_FUTURES_PASSPHRASE", kPlanted[6]}, {"EXCHANGES", "binance,bingx,kucoinfutures"},
          {"TRADING_MODE", "live"}};
}

void expect_no_secret(const std::string& text, const std::string& what) {
  for (const auto& s : kPlanted) EXPECT_EQ(text.find(s), std::string::npos) << what << " leaked " << s;
  EXPECT_EQ(text.find("PLANTED"), std::string::npos) << what << " leaked part of a secret:\n" << text;
}

TEST(Secrets, NeverAppearInAnyCommandsOutputLogsOrReport) {
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n");
  const auto report = dir.path() / "report.json";
  const std::vector<std::vector<std::string>> commands = {
      {"config"},
      {"config", "--json", "--log-level", "debug"},
      {"plugins", "--json", "--log-level", "debug"},
      {"validate"},
      {"--live", "--log-level", "debug", "--report", report.string()},
      {"--live", "--log-format", "json", "--log-level", "debug"}};
  for (const auto& args : commands) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--config", config.string()});
    auto r = tradehost(full, planted_env(), dir.path());
    expect_no_secret(r.out + r.err, args[0]);
  }
  std::ifstream in(report);
  ASSERT_TRUE(in);
  std::stringstream content;
  content << in.rdbuf();
  expect_no_secret(content.str(), "report");
}

TEST(Secrets, ConfigShowsThatCredentialsAreSetOnlyAsStars) {
  TempDir dir;
  auto r = tradehost({"config"}, planted_env(), dir.path());
  EXPECT_EQ(count_lines_with(r.out, {"exchanges.kucoinfutures.passphrase", "***", "env KUCOIN_FUTURES_PASSPHRASE"}), 1)
      << r.out;
}

TEST(Secrets, ACredentialWrittenIntoTheConfigFileIsRefusedWithoutEchoingIt) {
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nexchanges:\n  binance:\n"
                                          "    api_key: " + kPlanted[7] + "\n");
  for (const std::vector<std::string>& args : {std::vector<std::string>{"validate"},
                                               std::vector<std::string>{"config", "--json"},
                                               std::vector<std::string>{"--live", "--paper"}}) {
    std::vector<std::string> full = args;
    full.insert(full.end(), {"--config", config.string()});
    auto r = tradehost(full, {{"EXCHANGES", "binance"}}, dir.path());
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.out << r.err;
    expect_no_secret(r.out + r.err, args[0]);
    EXPECT_NE((r.out + r.err).find("credential key 'exchanges.binance.api_key' at " + config.string() + ":5"),
              std::string::npos)
        << r.out << r.err;
  }
}

}  // namespace
}  // namespace tradehost::test

namespace tradehost::test {
namespace {

TEST(Secrets, ACredentialPastedIntoAnotherVariableIsMaskedToo) {
  TempDir dir;
  // An operator who pastes the key into the wrong variable must not see it echoed in the ERROR.
  auto r = tradehost({"--live", "--paper"},
                     {{"BINANCE_API_KEY", "PLANTED-pasted-key-4242"}, {"TRADING_SYMBOLS", "PLANTED-pasted-key-4242"},
                      {"EXCHANGES", "binance"}},
                     dir.path());
  EXPECT_EQ((r.out + r.err).find("PLANTED"), std::string::npos) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config step 2/3 (TRADING_SYMBOLS) failed", "'***'"}), 1) << r.err;
}

}  // namespace
}  // namespace tradehost::test

namespace tradehost::test {
namespace {

using namespace std::chrono_literals;

TEST(Secrets, ACredentialWithQuotesAndBackslashesIsMaskedInJsonLogs) {
  // JSON escapes " and \ in a value; a scrubber that ran on the escaped line no longer found the
  // secret's registered text in it. The pasted key reaches an ERROR through TRADING_SYMBOLS.
  const std::string planted = R"(PLANTED"quoted\back-31f7)";
  TempDir dir;
  for (const char* format : {"json", "text"}) {
    auto r = tradehost({"--live", "--paper", "--log-format", format},
                       {{"BINANCE_API_KEY", planted}, {"TRADING_SYMBOLS", planted}, {"EXCHANGES", "binance"}},
                       dir.path());
    EXPECT_EQ((r.out + r.err).find("PLANTED"), std::string::npos) << format << ":\n" << r.err;
    EXPECT_GE(count_lines_with(r.err, {"TRADING_SYMBOLS", "***"}), 1) << format << ":\n" << r.err;
  }
}

TEST(Secrets, ALiveRunCannotWriteACoreFile) {
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nwebsocket:\n"
                                          "  stream_timeframes: [1m]\n");
  ChildProcess host(kTradehostBin, {"--live", "--config", config.string(), "--duration", "60"},
                    {{"TRADING_MODE", "live"},
                     {"EXCHANGES", "binance"},
                     {"BINANCE_API_KEY", "PLANTED-core-key-5e21"},
                     {"BINANCE_SECRET", "PLANTED-core-secret-08ab"},
                     {"BINANCE_WS_URL", "ws://127.0.0.1:1"},
                     {"BINANCE_REST_URL", "http://127.0.0.1:1"}});
  std::string err;
  const auto deadline = std::chrono::steady_clock::now() + 15s;
  while (err.find("streams wanted") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    err = host.stderr_text();  // all of it so far
  }
  ASSERT_NE(err.find("streams wanted"), std::string::npos) << err;
  // What the kernel holds for the running host, not what it says about itself.
  std::ifstream limits("/proc/" + std::to_string(host.pid()) + "/limits");
  ASSERT_TRUE(limits);
  std::string line;
  std::string core_line;
  while (std::getline(limits, line)) {
    if (line.rfind("Max core file size", 0) == 0) core_line = line;
  }
  std::istringstream fields(core_line.substr(std::string("Max core file size").size()));
  std::string soft;
  std::string hard;
  fields >> soft >> hard;
  EXPECT_EQ(soft, "0") << core_line;
  EXPECT_EQ(hard, "0") << core_line;
  host.stop(SIGTERM, 20s);
  err = host.stderr_text();
  EXPECT_EQ(count_lines_with(err, {"INFO", "core dumps are off", "rlimit_core_bytes=0", "dumpable=false"}), 1)
      << err;
  EXPECT_EQ(err.find("PLANTED"), std::string::npos) << err;
}

TEST(Secrets, KucoinsBulletTokenIsNotLoggedInARunAgainstTheSim) {
  // Every connection dials <endpoint>?token=<bullet token>; a logged URL shows no query.
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nwebsocket:\n"
                                          "  stream_timeframes: [1m]\n");
  for (const char* format : {"text", "json"}) {
    auto r = tradehost({"--live", "--paper", "--sim", "--config", config.string(), "--exchanges", "kucoinfutures",
                        "--duration", "3", "--log-level", "debug", "--log-format", format},
                       {}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GE(count_lines_with(r.err, {"kucoinfutures", "connected to ws://127.0.0.1:", "/?..."}), 1) << r.err;
    EXPECT_EQ(r.err.find("token="), std::string::npos) << format << ":\n" << r.err;
  }
}

}  // namespace
}  // namespace tradehost::test
