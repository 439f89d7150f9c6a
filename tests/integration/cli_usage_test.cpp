// The command line: help for each command, and a one-line reason plus usage (exit 2) for
// anything it does not understand.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

TEST(CliUsage, NoArgumentsIsAUsageError) {
  auto r = tradehost({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nothing to do: pass --live to run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Usage: tradehost --live"), std::string::npos);
}

TEST(CliUsage, HelpForTheCommandAndEachSubcommandExitsZero) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--help"}, "Usage: tradehost --live"},
      {{"help"}, "Usage: tradehost --live"},
      {{"plugins", "--help"}, "Usage: tradehost plugins"},
      {{"config", "-h"}, "Usage: tradehost config"},
      {{"validate", "--help"}, "Usage: tradehost validate"}};
  for (const auto& [args, expected] : cases) {
    auto r = tradehost(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_EQ(r.out.rfind(expected, 0), 0u) << r.out;
  }
}

TEST(CliUsage, UnknownOptionsAndCommandsAreRefusedWithTheReason) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--live", "--bogus"}, "tradehost: unknown option '--bogus'"},
      {{"frobnicate"}, "tradehost: unknown command 'frobnicate'"},
      {{"plugins", "--paper"}, "tradehost plugins: unknown option '--paper'"},
      {{"--live", "--duration", "soon"}, "tradehost: --duration 'soon': expected whole seconds"},
      {{"--live", "--duration"}, "tradehost: option --duration needs a value"},
      {{"--live", "--exchanges", "Bin ance"}, "tradehost: --exchanges 'Bin ance'"},
      {{"--live", "--paper=yes"}, "tradehost: option --paper takes no value"},
      {{"validate", "extra"}, "tradehost validate: unexpected argument 'extra'"}};
  for (const auto& [args, expected] : cases) {
    auto r = tradehost(args);
    EXPECT_EQ(r.exit_code, 2) << expected;
    EXPECT_EQ(r.err.rfind(expected, 0), 0u) << "first line should be the reason: " << r.err;
    EXPECT_NE(r.err.find("Usage:"), std::string::npos);
  }
}

TEST(CliUsage, BadLogLevelAndFormatAreUsageErrors) {
  auto level = tradehost({"--live", "--paper", "--log-level", "loud"});
  EXPECT_EQ(level.exit_code, 2);
  EXPECT_NE(level.err.find("invalid log level 'loud'"), std::string::npos) << level.err;
  auto format = tradehost({"--live", "--paper", "--log-format", "xml"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("invalid log format 'xml'"), std::string::npos) << format.err;
}

TEST(CliUsage, JsonLogsAreOneObjectPerLine) {
  TempDir dir;
  auto r = tradehost({"--live", "--paper", "--log-format", "json"}, {{"EXCHANGES", "bingx"}}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::istringstream lines(r.err);
  std::string line;
  int parsed = 0;
  bool saw_warning = false;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);  // throws, failing the test, on a non-JSON line
    EXPECT_TRUE(j.contains("ts") && j.contains("level") && j.contains("event") && j.contains("msg")) << line;
    saw_warning = saw_warning || (j["level"] == "WARNING" && j["event"] == "symbols_from_defaults");
    ++parsed;
  }
  EXPECT_GT(parsed, 3);
  EXPECT_TRUE(saw_warning) << r.err;
}

TEST(CliUsage, LogLevelErrorHidesInfoAndWarnings) {
  TempDir dir;
  auto r = tradehost({"--live", "--paper", "--log-level", "error"}, {{"EXCHANGES", "bingx"}}, dir.path());
  EXPECT_EQ(count_lines_with(r.err, {"INFO"}), 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING"}), 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "No WebSocket streams were started"}), 1) << r.err;
}

TEST(CliUsage, ReportIsWrittenAtExit) {
  TempDir dir;
  const auto report = dir.path() / "report.json";
  auto r = tradehost({"--live", "--paper", "--report", report.string()}, {{"EXCHANGES", "bingx,binance"}}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::ifstream in(report);
  ASSERT_TRUE(in) << "no report at " << report;
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j.at("exit_code"), 1);
  EXPECT_EQ(j.at("mode"), "paper");
  EXPECT_EQ(j.at("exchanges").size(), 2u);
  EXPECT_EQ(j.at("exchanges")[0].at("name"), "bingx");
  EXPECT_EQ(j.at("exchanges")[0].at("streams_planned"), 3);
}

}  // namespace
}  // namespace tradehost::test
