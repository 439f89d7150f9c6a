#include "cli/args.hpp"

#include <gtest/gtest.h>

namespace tradehost::cli {
namespace {

sdk::Result<CliArgs> parse(std::vector<std::string> args) { return parse_args(args); }

TEST(CliArgs, RunTakesFlagsWithSeparateOrJoinedValues) {
  auto a = parse({"--live", "--paper", "--sim", "--config=c.yaml", "--duration", "30", "--exchanges", "bingx,binance"});
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->command, Command::run);
  EXPECT_TRUE(a->live && a->paper && a->sim);
  EXPECT_EQ(a->config_path, "c.yaml");
  EXPECT_EQ(a->duration_s, 30);
  EXPECT_EQ(a->exchanges, (std::vector<std::string>{"bingx", "binance"}));
}

TEST(CliArgs, SubcommandsAcceptOnlyTheirOwnOptions) {
  EXPECT_TRUE(parse({"plugins", "--json"}).has_value());
  EXPECT_TRUE(parse({"validate", "--paper"}).has_value());
  EXPECT_FALSE(parse({"validate", "--json"}).has_value());
  EXPECT_FALSE(parse({"config", "--report", "r.json"}).has_value());
}

TEST(CliArgs, RunWithoutLiveIsRefused) {
  auto a = parse({"--paper"});
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().message.find("pass --live"), std::string::npos);
}

TEST(CliArgs, ADurationIsCappedAt366Days) {
  auto most = parse({"--live", "--duration", "31622400"});
  ASSERT_TRUE(most.has_value()) << most.error().message;
  EXPECT_EQ(most->duration_s, 31622400);
  // 10^10 s used to overflow the run's timer and end the run at once (issue 13, finding 4).
  auto more = parse({"--live", "--duration=10000000000"});
  ASSERT_FALSE(more.has_value());
  EXPECT_EQ(more.error().message,
            "tradehost: --duration '10000000000': longer than 366 days (limit 31622400 s); to run until stopped, "
            "use 0 (e.g. --duration 3600)");
}

TEST(CliArgs, HelpNeedsNothingElse) {
  auto a = parse({"config", "--help"});
  ASSERT_TRUE(a.has_value());
  EXPECT_TRUE(a->help);
  EXPECT_EQ(a->command, Command::config);
  EXPECT_NE(usage(Command::config).find("tradehost config"), std::string::npos);
}

TEST(CliArgs, EmptyValuesAreRefused) {
  EXPECT_FALSE(parse({"--live", "--config="}).has_value());
  EXPECT_FALSE(parse({"--live", "--report", ""}).has_value());
}

}  // namespace
}  // namespace tradehost::cli
