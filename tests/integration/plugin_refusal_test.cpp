// The registry refuses each kind of broken plugin with one WARNING naming the file and the
// reason, and the good plugins beside it still load.
#include <filesystem>

#include <gtest/gtest.h>

#include <tradehost/sdk/abi.hpp>

#include "harness.hpp"

namespace tradehost::test {

// Both ABI versions are named: the plugin's and the host's (abi_older is built for the previous one).
const std::string kNewerAbiReason =
    "built for ABI version 999, this host needs ABI version " + std::to_string(sdk::kAbiVersion);
const std::string kOlderAbiReason = "built for ABI version " + std::to_string(sdk::kAbiVersion - 1) +
                                    ", this host needs ABI version " + std::to_string(sdk::kAbiVersion);
namespace {

namespace fs = std::filesystem;

// A plugins directory holding copies of the three bundled plugins plus `extra` test plugins.
fs::path make_plugins_dir(const TempDir& dir, const std::vector<std::string>& extra) {
  const fs::path plugins = dir.path() / "plugins";
  fs::create_directories(plugins);
  for (const char* name : {"binance.so", "bingx.so", "kucoinfutures.so"}) {
    fs::copy_file(fs::path(kPluginDir) / name, plugins / name);
  }
  for (const auto& name : extra) fs::copy_file(fs::path(kTestPluginDir) / name, plugins / name);
  return plugins;
}

struct RefusalCase {
  std::string file;
  std::string reason;
};

class PluginRefusal : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(PluginRefusal, IsRefusedWithOneWarningWhileTheGoodOnesLoad) {
  TempDir dir;
  const auto plugins = make_plugins_dir(dir, {GetParam().file});
  auto r = tradehost({"plugins", "--json", "--plugins-dir", plugins.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", GetParam().file, "refused", GetParam().reason}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"refused"}), 1) << r.err;
  const auto listing = nlohmann::json::parse(r.out);
  EXPECT_EQ(listing.at("plugins").size(), 3u);
  EXPECT_FALSE(plugin_entry(listing, "binance").is_null());
  ASSERT_EQ(listing.at("refused").size(), 1u);
  EXPECT_NE(listing.at("refused")[0].at("reason").get<std::string>().find(GetParam().reason), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    BrokenPlugins, PluginRefusal,
    ::testing::Values(RefusalCase{"no_exports.so", "does not export tradehost_abi_version"},
                      RefusalCase{"no_factory.so", "does not export the factory tradehost_create_adapter"},
                      RefusalCase{"abi_newer.so", kNewerAbiReason},
                      RefusalCase{"abi_older.so", kOlderAbiReason},
                      RefusalCase{"null_factory.so", "factory returned no adapter"},
                      RefusalCase{"bad_name.so", "manifest invalid name 'Bad Name'"},
                      RefusalCase{"bad_limit.so", "manifest invalid default stream limit 0"},
                      RefusalCase{"duplicate_binance.so", "a plugin named 'binance' is already loaded"}),
    [](const auto& param_info) {
      std::string name = param_info.param.file.substr(0, param_info.param.file.find('.'));
      name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
      return name;
    });

TEST(PluginRefusal, AFileThatIsNotALibraryIsRefused) {
  TempDir dir;
  const auto plugins = make_plugins_dir(dir, {});
  dir.write("plugins/notes.so", "this is not an ELF file\n");
  auto r = tradehost({"plugins", "--json", "--plugins-dir", plugins.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "notes.so", "refused", "not a loadable library"}), 1) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("plugins").size(), 3u);
}

TEST(PluginRefusal, AllBrokenPluginsTogetherAreEachRefusedOnce) {
  TempDir dir;
  const std::vector<std::string> broken = {"no_exports.so", "no_factory.so", "abi_newer.so", "abi_older.so",
                                           "null_factory.so", "bad_name.so", "bad_limit.so", "duplicate_binance.so"};
  const auto plugins = make_plugins_dir(dir, broken);
  auto r = tradehost({"plugins", "--json", "--plugins-dir", plugins.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& b : broken) EXPECT_EQ(count_lines_with(r.err, {"WARNING", b, "refused"}), 1) << b;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("plugins").size(), 3u);
}

TEST(PluginDiscovery, ADroppedInPluginAppearsWithTheHostDefaultLimit) {
  TempDir dir;
  const auto plugins = make_plugins_dir(dir, {"undeclared_limit.so"});
  auto r = tradehost({"plugins", "--json", "--plugins-dir", plugins.string()}, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto venue = plugin_entry(nlohmann::json::parse(r.out), "testvenue");
  ASSERT_FALSE(venue.is_null()) << r.out;
  EXPECT_TRUE(venue.at("declared_limit").is_null());
  EXPECT_EQ(venue.at("effective_limit"), 10);
  EXPECT_EQ(venue.at("effective_limit_source"), "host default (plugin declares none)");
}

TEST(PluginDiscovery, AnOverrideKeptForALaterPluginAppliesOnceItIsDroppedIn) {
  TempDir dir;
  const auto config = dir.write("c.yaml", "websocket:\n  max_streams_per_exchange:\n    testvenue: 7\n");
  const auto plugins = make_plugins_dir(dir, {});
  auto before = tradehost({"plugins", "--json", "--plugins-dir", plugins.string(), "--config", config.string()}, {},
                          dir.path());
  EXPECT_EQ(count_lines_with(before.err, {"WARNING", "testvenue", "names no loaded plugin"}), 1) << before.err;
  fs::copy_file(fs::path(kTestPluginDir) / "undeclared_limit.so", plugins / "testvenue.so");
  auto after = tradehost({"plugins", "--json", "--plugins-dir", plugins.string(), "--config", config.string()}, {},
                         dir.path());
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(plugin_entry(nlohmann::json::parse(after.out), "testvenue").at("effective_limit"), 7);
  EXPECT_EQ(count_lines_with(after.err, {"names no loaded plugin"}), 0) << after.err;
}

TEST(PluginDiscovery, AnOutOfTreeCopyLoadsFromTheEnvironmentDirectory) {
  TempDir dir;
  fs::create_directories(dir.path() / "elsewhere");
  fs::copy_file(fs::path(kPluginDir) / "binance.so", dir.path() / "elsewhere" / "binance.so");
  auto r = tradehost({"plugins", "--json"}, {{"TRADEHOST_PLUGINS_DIR", (dir.path() / "elsewhere").string()}},
                     dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listing = nlohmann::json::parse(r.out);
  EXPECT_EQ(listing.at("plugins_dir_source"), "TRADEHOST_PLUGINS_DIR");
  ASSERT_EQ(listing.at("plugins").size(), 1u);
  EXPECT_EQ(listing.at("plugins")[0].at("effective_limit"), 20);
}

TEST(PluginDiscovery, TheCommandLineDirectoryWinsOverTheEnvironment) {
  TempDir dir;
  const auto plugins = make_plugins_dir(dir, {});
  auto r = tradehost({"plugins", "--json", "--plugins-dir", plugins.string()},
                     {{"TRADEHOST_PLUGINS_DIR", "/nonexistent"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("plugins_dir_source"), "--plugins-dir");
}

TEST(PluginDiscovery, AMissingExplicitDirectoryIsAnError) {
  TempDir dir;
  auto r = tradehost({"plugins", "--plugins-dir", (dir.path() / "nope").string()}, {}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "--plugins-dir", "is not a directory"}), 1) << r.err;
}

}  // namespace
}  // namespace tradehost::test
