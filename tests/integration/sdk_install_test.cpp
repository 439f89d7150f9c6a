// The adapter guide, step by step: install tradehost to a prefix, build the installed adapter
// template out of tree against it (no path into this source tree), run its own tests, drop the
// .so into a plugins directory, and see the installed host list it with its declared limit, apply
// a YAML override, and pass it through `tradehost conformance`.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness.hpp"

namespace tradehost::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A build needs the usual tools on PATH, and ccache a home.
EnvMap build_env() {
  EnvMap env;
  for (const char* name : {"PATH", "HOME", "CCACHE_DIR", "TMPDIR"}) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  if (!env.count("PATH")) env["PATH"] = "/usr/local/bin:/usr/bin:/bin";
  return env;
}

ProcessResult step(const fs::path& program, const std::vector<std::string>& args, const fs::path& cwd,
                   std::chrono::milliseconds timeout = 60s) {
  return run_process(program, args, build_env(), cwd, timeout);
}

TEST(SdkInstall, TheTemplateBuildsAgainstTheInstalledSdkAndLoadsIntoTheInstalledHost) {
  TempDir dir;
  const fs::path prefix = dir.path() / "prefix";
  // Step 1: install.
  auto install = step(kCmakeBin, {"--install", kBuildDir, "--prefix", prefix.string()}, dir.path());
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  const fs::path host = prefix / "bin" / "tradehost";
  const fs::path templ = prefix / "share" / "tradehost" / "examples" / "adapter-template";
  ASSERT_TRUE(fs::exists(prefix / "lib" / "cmake" / "TradehostSDK" / "TradehostSDKConfig.cmake"));
  ASSERT_TRUE(fs::exists(templ / "CMakeLists.txt"));

  // The installed host finds the bundled plugins with no flags.
  auto bundled = run_process(host, {"plugins", "--json"}, {}, dir.path());
  ASSERT_EQ(bundled.exit_code, 0) << bundled.err;
  const auto listing = nlohmann::json::parse(bundled.out);
  EXPECT_EQ(listing.at("plugins_dir"), (prefix / "lib" / "tradehost" / "plugins").string());
  EXPECT_EQ(listing.at("plugins").size(), 3u);

  // Step 2: configure and build the template against the prefix only.
  std::vector<std::string> configure = {"-S", templ.string(), "-B", (dir.path() / "build").string(), "-G", "Ninja",
                                        "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_BUILD_TYPE=Release",
                                        std::string("-DCMAKE_CXX_FLAGS=") + kSanitizeFlags};
  if (fs::exists("/usr/bin/ccache")) configure.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=/usr/bin/ccache");
  auto configured = step(kCmakeBin, configure, dir.path());
  ASSERT_EQ(configured.exit_code, 0) << configured.out << configured.err;
  EXPECT_EQ(configured.out.find(kSourceDir), std::string::npos) << "the template must not reach into our source tree";
  auto built = step(kCmakeBin, {"--build", (dir.path() / "build").string(), "-j2"}, dir.path(), 600s);
  ASSERT_EQ(built.exit_code, 0) << built.out << built.err;

  // Step 3: its own tests (the conformance kit through GoogleTest).
  auto tested = step(kCtestBin, {"--test-dir", (dir.path() / "build").string(), "--output-on-failure"}, dir.path(), 120s);
  ASSERT_EQ(tested.exit_code, 0) << tested.out << tested.err;

  // Step 4: drop the .so into a plugins directory; the host lists it with its declared limit.
  const fs::path plugins = dir.path() / "plugins";
  fs::create_directories(plugins);
  fs::copy_file(dir.path() / "build" / "examplex.so", plugins / "examplex.so");
  auto listed = run_process(host, {"plugins", "--json", "--plugins-dir", plugins.string()}, {}, dir.path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto ex = plugin_entry(nlohmann::json::parse(listed.out), "examplex");
  ASSERT_FALSE(ex.is_null()) << listed.out;
  EXPECT_EQ(ex.at("declared_limit"), 25);
  EXPECT_EQ(ex.at("effective_limit"), 25);

  // Step 5: a YAML override of its limit takes effect.
  const auto config = dir.write("c.yaml", "websocket:\n  max_streams_per_exchange:\n    examplex: 7\n");
  auto overridden =
      run_process(host, {"plugins", "--json", "--plugins-dir", plugins.string(), "--config", config.string()}, {}, dir.path());
  ASSERT_EQ(overridden.exit_code, 0) << overridden.err;
  const auto ex7 = plugin_entry(nlohmann::json::parse(overridden.out), "examplex");
  EXPECT_EQ(ex7.at("effective_limit"), 7);
  EXPECT_EQ(ex7.at("effective_limit_source"), config.string() + ":3");

  // Step 6: the installed host's conformance command passes it on the template's frames.
  auto conformance = run_process(host, {"conformance", "--plugin", (plugins / "examplex.so").string(), "--frames",
                                        (templ / "frames").string()},
                                 {}, dir.path());
  EXPECT_EQ(conformance.exit_code, 0) << conformance.out << conformance.err;
  EXPECT_EQ(count_lines_with(conformance.out, {"conformance examplex:", "0 failed"}), 1) << conformance.out;
}

}  // namespace
}  // namespace tradehost::test
