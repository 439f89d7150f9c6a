// Every recorded frame file tests/data/<venue>/<kind>.jsonl goes through `tradehost decode` with
// the real plugin, and what it prints must equal <kind>.expected.jsonl byte for byte. A new
// venue quirk is new data here, not new code (STYLE.md "Tests").
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace tradehost::test {
namespace {

namespace fs = std::filesystem;

struct GoldenFile {
  std::string venue;
  fs::path frames;
  fs::path expected;
};

std::vector<GoldenFile> golden_files() {
  std::vector<GoldenFile> out;
  const fs::path root = fs::path(kSourceDir) / "tests" / "data";
  std::error_code ec;
  for (const auto& venue : fs::directory_iterator(root, ec)) {
    if (!venue.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(venue.path())) {
      const std::string name = f.path().filename().string();
      if (f.path().extension() != ".jsonl" || name.find(".expected.") != std::string::npos) continue;
      fs::path expected = f.path();
      expected.replace_extension(".expected.jsonl");
      out.push_back({venue.path().filename().string(), f.path(), expected});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.frames < b.frames; });
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class GoldenDecode : public ::testing::TestWithParam<GoldenFile> {};

TEST_P(GoldenDecode, PrintsExactlyTheExpectedEvents) {
  const GoldenFile& g = GetParam();
  ASSERT_TRUE(fs::exists(g.expected)) << "missing " << g.expected;
  TempDir dir;
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT, SOL/USDT:USDT]\n");
  auto r = run_process(kTradehostBin, {"decode", "--exchange", g.venue, "--config", config.string(), g.frames.string()},
                       {}, dir.path());
  EXPECT_EQ(r.out, read_all(g.expected)) << "stderr:\n" << r.err;
  const bool malformed = g.frames.filename().string().find("malformed") != std::string::npos;
  EXPECT_EQ(r.exit_code, malformed ? 1 : 0) << r.err;
  if (malformed) {
    EXPECT_NE(r.err.find("decode: line "), std::string::npos) << "each bad frame is reported";
  }
}

INSTANTIATE_TEST_SUITE_P(RecordedFrames, GoldenDecode, ::testing::ValuesIn(golden_files()), [](const auto& param_info) {
  std::string name = param_info.param.venue + "_" + param_info.param.frames.stem().string();
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  }
  return out;
});

TEST(GoldenDecodeFiles, EveryVenueHasRecordedFrames) {
  std::set<std::string> venues;
  for (const auto& g : golden_files()) venues.insert(g.venue);
  for (const char* v : {"binance", "bingx", "kucoinfutures"}) EXPECT_TRUE(venues.count(v)) << v;
}

}  // namespace
}  // namespace tradehost::test
