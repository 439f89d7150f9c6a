// Issue 13, findings 3 and 4: config files and numbers an attacker (or an accident) could hand
// the host. Each hostile file goes through every command that reads a config, via the real binary:
// it must be refused with file:line and the limit, exit 2, and quickly. On c07ef5d the TOML header
// crashed (SIGSEGV), the aliases took seconds and hundreds of MB before any check, the 2 MiB file
// was read whole, and --duration 10000000000 overflowed and ended the run at once.
#include <algorithm>
#include <chrono>
#include <functional>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

std::string repeat(std::string_view text, std::size_t n) {
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

// The finding's TOML: a table header of 20,000 dotted parts.
std::string deep_toml_header() {
  return "[universe]\nfixed_symbols = [\"BTC/USDT:USDT\"]\n[a" + repeat(".a", 19999) + "]\n";
}

// Six levels of ten aliases of the level below: a million leaves from 600 bytes.
std::string yaml_alias_bomb() {
  std::string text = "universe:\n  fixed_symbols: [BTC/USDT:USDT]\nl0: &l0 {k: v}\n";
  for (int i = 1; i <= 6; ++i) {
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " {";
    for (int j = 0; j < 10; ++j) text += (j ? ", k" : "k") + std::to_string(j) + ": *l" + std::to_string(i - 1);
    text += "}\n";
  }
  return text;
}

// 2 MiB of comment lines of 64 bytes after a valid config: only the size is wrong.
std::string two_mebibytes() {
  return "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n" + repeat("# " + std::string(61, 'x') + "\n", 32768);
}

struct HostileFile {
  std::string name;  // file name, and the test's
  std::function<std::string()> text;
  std::string refusal;  // after "<path>:<line>: "
  int line;
};

const HostileFile kFiles[] = {
    {"header.toml", deep_toml_header, "nested deeper than 32 levels (limit 32)", 3},
    {"aliases.yaml", yaml_alias_bomb, "more than 10000 keys, values and list items (limit 10000", 3},
    // 43 bytes of config, then 64-byte lines: 1 MiB is reached on line 2 + (1 MiB - 43) / 64 + 1.
    {"big.yaml", two_mebibytes, "the file is 2097195 bytes, over the limit of 1048576 bytes (1 MiB)", 16386},
};

void PrintTo(const HostileFile& file, std::ostream* os) { *os << file.name; }

struct Command {
  std::string name;
  std::vector<std::string> args;  // --config FILE is appended
};

void PrintTo(const Command& command, std::ostream* os) { *os << command.name; }

const Command kCommands[] = {
    {"paper_run", {"--live", "--paper"}},
    {"validate", {"validate"}},
    {"config", {"config"}},
    {"plan", {"plan"}},
    {"plugins", {"plugins"}},
    {"decode", {"decode", "--exchange", "binance"}},
};

class HostileConfig : public ::testing::TestWithParam<std::tuple<HostileFile, Command>> {};

TEST_P(HostileConfig, IsRefusedWithFileLineAndLimitAndExit2Quickly) {
  const auto& [file, command] = GetParam();
  TempDir dir;
  const auto path = dir.write(file.name, file.text());
  auto args = command.args;
  args.insert(args.end(), {"--config", path.string()});
  if (command.name == "decode") args.push_back(dir.write("frames.jsonl", "").string());

  const auto start = std::chrono::steady_clock::now();
  auto r = tradehost(args, {{"EXCHANGES", "binance"}}, dir.path());
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 2) << r.all();
  const std::string where = path.string() + ":" + std::to_string(file.line) + ": ";
  EXPECT_EQ(count_lines_with(r.all(), {"Config file refused: " + where + file.refusal}), 1) << r.all();
  EXPECT_LT(seconds, 10.0) << "a refusal reads at most 1 MiB and 10,000 nodes";
}

INSTANTIATE_TEST_SUITE_P(EveryCommand, HostileConfig, ::testing::Combine(::testing::ValuesIn(kFiles),
                                                                         ::testing::ValuesIn(kCommands)),
                         [](const auto& param_info) {
                           std::string name = std::get<0>(param_info.param).name;
                           name += "_" + std::get<1>(param_info.param).name;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

TEST(HostileConfigPath, FromConfigPathIsRefusedInAPaperRunToo) {
  TempDir dir;
  const auto path = dir.write("c.toml", deep_toml_header());
  auto r = tradehost({"--live", "--paper"}, {{"EXCHANGES", "binance"}, {"CONFIG_PATH", path.string()}}, dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file refused: " + path.string() + ":3: nested deeper"}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"streams wanted"}), 0) << "must stop before planning: " << r.err;
}

TEST(DurationLimit, ACommandLineDurationBeyond366DaysIsAUsageError) {
  for (const std::string value : {"10000000000", "31622401", "99999999999999999999999"}) {
    auto r = tradehost({"--live", "--paper", "--duration", value}, {{"EXCHANGES", "binance"}});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err.rfind("tradehost: --duration '" + value +
                              "': longer than 366 days (limit 31622400 s); to run until stopped, use 0",
                          0),
              0u)
        << r.err;
  }
}

TEST(DurationLimit, ExactlyTheLimitIsAccepted) {
  TempDir dir;
  auto r = tradehost({"--live", "--paper", "--duration", "31622400"}, {{"EXCHANGES", "binance"}}, dir.path());
  // Past the checks, the run meets the harness's closed ports: exit 1, not 2.
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "for 31622400 s"}), 1) << r.err;
}

TEST(DurationLimit, TradingDurationBeyond366DaysIsAConfigErrorInEveryCommand) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--live", "--paper"},
                                               {"validate"}, {"config"}, {"plan"}}) {
    TempDir dir;
    auto r = tradehost(args, {{"EXCHANGES", "binance"}, {"TRADING_DURATION", "10000000000"}}, dir.path());
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.all();
    EXPECT_EQ(count_lines_with(r.all(), {"TRADING_DURATION='10000000000' is refused: longer than 366 days "
                                         "(limit 31622400 s); to run until stopped, use 0"}),
              1)
        << args[0] << ": " << r.all();
  }
}

TEST(EquityLimit, AnEquityAboveATrillionUsdIsRefused) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 1e300\n");
  auto file = tradehost({"validate", "--config", f.string()}, {{"EXCHANGES", "binance"}}, dir.path());
  EXPECT_EQ(file.exit_code, 2) << file.all();
  const std::string refusal =
      "portfolio.equity_usd at " + f.string() + ":2 is 1e300, above the limit of 1000000000000 USD";
  EXPECT_EQ(count_lines_with(file.out, {"FAIL config", refusal}), 1) << file.out;
  auto env = tradehost({"--live", "--paper"}, {{"EXCHANGES", "binance"}, {"EQUITY_USD", "1e300"}}, dir.path());
  EXPECT_EQ(env.exit_code, 2) << env.err;
  EXPECT_EQ(count_lines_with(env.err, {"ERROR", "EQUITY_USD='1e300' is above the limit of 1000000000000 USD"}), 1)
      << env.err;
}

}  // namespace
}  // namespace tradehost::test
