// `tradehost conformance`: the three bundled adapters and the template pass; adapters broken one
// way each fail with the check, what was expected, what came, and the guide section.
#include <gtest/gtest.h>

#include <tradehost/sdk/abi.hpp>

#include "harness.hpp"

namespace tradehost::test {
namespace {

const std::string kBroken = std::string(kTestPluginDir) + "/conformance/";
const std::string kTemplateFrames = std::string(kSourceDir) + "/examples/adapter-template/frames";

TEST(Conformance, TheBundledAdaptersPassOnTheirRecordedFrames) {
  for (const char* venue : {"binance", "bingx", "kucoinfutures"}) {
    auto r = tradehost({"conformance", "--plugin", std::string(kPluginDir) + "/" + venue + ".so", "--frames",
                        std::string(kSourceDir) + "/tests/data/" + venue});
    EXPECT_EQ(r.exit_code, 0) << venue << "\n" << r.out << r.err;
    EXPECT_EQ(count_lines_with(r.out, {"FAIL"}), 0) << r.out;
    EXPECT_EQ(count_lines_with(r.out, {"PASS decode.allocations (0 over"}), 1) << r.out;
    EXPECT_EQ(count_lines_with(r.out, {"PASS decode.fuzzed"}), 1) << r.out;
    EXPECT_EQ(count_lines_with(r.out, {"PASS decode.instances", "a second adapter"}), 1) << r.out;
  }
}

TEST(Conformance, TheTemplateAdapterPasses) {
  auto r = tradehost({"conformance", "--plugin", kBroken + "examplex.so", "--frames", kTemplateFrames});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count_lines_with(r.out, {"conformance examplex: 16 checks, 0 failed"}), 1) << r.out;
}

struct BrokenCase {
  std::string file;
  std::vector<std::string> line;  // parts of the FAIL line
};

class BrokenAdapter : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenAdapter, FailsWithWhatWasExpectedWhatCameAndWhereToRead) {
  auto r = tradehost({"conformance", "--plugin", kBroken + GetParam().file, "--frames", kTemplateFrames});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_GE(count_lines_with(r.out, GetParam().line), 1) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenAdapter,
    ::testing::Values(
        BrokenCase{"broken_roundtrip.so",
                   {"FAIL names.symbols: expected BTC/USDT:USDT back from 'BTC-USDT'; got ETH/USDT:USDT",
                    "docs/adapter-guide.md#names"}},
        BrokenCase{"broken_frames.so",
                   {"FAIL connections group 0: expected at most 10 streams per frame; got", "in frame 1",
                    "docs/adapter-guide.md#connections"}},
        BrokenCase{"broken_error_with_event.so",
                   {"FAIL decode.malformed malformed.jsonl:1: expected DecodeStatus::error and no event; got 1 events",
                    "docs/adapter-guide.md#decoding"}},
        BrokenCase{"broken_trade_ids.so",
                   {"FAIL decode.recorded trade.jsonl:3: expected a trade_id above 0, the one before it for "
                    "BTC/USDT:USDT (the manifest declares trade_ids increasing); got trade_id 0: the host would drop "
                    "this trade",
                    "docs/adapter-guide.md#events"}},
        BrokenCase{"broken_trades_without_ids.so",
                   {"FAIL rest.trades: expected trade_ids increasing in the manifest (trades are fetched by id); "
                    "got trade_ids none",
                    "docs/adapter-guide.md#rest"}},
        BrokenCase{"broken_global_state.so",
                   {"FAIL decode.instances trade.jsonl:1: expected what the first adapter decoded",
                    "(decode state shared between adapters?)", "docs/adapter-guide.md#decoding"}},
        BrokenCase{"broken_allocates.so",
                   {"FAIL decode.allocations: expected 0 heap allocations per frame in steady state; got",
                    "docs/adapter-guide.md#decoding"}}),
    [](const auto& param_info) { return param_info.param.file.substr(0, param_info.param.file.find('.')); });

TEST(Conformance, APluginForAnotherAbiIsNotLoadedAndSaysBothVersions) {
  auto r = tradehost({"conformance", "--plugin", std::string(kTestPluginDir) + "/abi_older.so"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(count_lines_with(r.out, {"FAIL load", "built for ABI version " + std::to_string(sdk::kAbiVersion - 1),
                                     "this host needs ABI version " + std::to_string(sdk::kAbiVersion)}),
            1)
      << r.out;
}

TEST(Conformance, PluginsExportTheAbiVersionAndTheFactoryOnly) {
  for (const std::string& file : {std::string(kPluginDir) + "/binance.so", std::string(kPluginDir) + "/bingx.so",
                                 std::string(kPluginDir) + "/kucoinfutures.so", kBroken + "examplex.so"}) {
    auto r = run_process("/usr/bin/nm", {"-D", "--defined-only", "--format=just-symbols", file},
                         {{"PATH", "/usr/bin:/bin"}});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "tradehost_abi_version\ntradehost_create_adapter\n") << file;
  }
}

TEST(Conformance, PluginIsRequired) {
  auto r = tradehost({"conformance"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.err, {"--plugin FILE is required"}), 1) << r.err;
}

}  // namespace
}  // namespace tradehost::test
