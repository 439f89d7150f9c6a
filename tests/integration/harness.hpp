// Shared by the integration tests: run tradehost from a clean temp directory with a clean env.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace tradehost::test {

// Endpoints nothing listens on (port 1 on loopback refuses at once): a run that gets past its
// checks connects here, never to a real venue, and ends with "No WebSocket streams were started".
inline EnvMap offline_endpoints(EnvMap env) {
  for (const char* prefix : {"BINANCE", "BINGX", "KUCOIN_FUTURES"}) {
    env.emplace(std::string(prefix) + "_WS_URL", "ws://127.0.0.1:1");
    env.emplace(std::string(prefix) + "_REST_URL", "http://127.0.0.1:1");
  }
  return env;
}

// Runs tradehost in `cwd` with only `env` (no CONFIG_PATH, EXCHANGES... from the runner); a run
// (--live without --sim) gets every venue endpoint that `env` does not set pointed at a closed
// loopback port.
inline ProcessResult tradehost(const std::vector<std::string>& args, const EnvMap& env = {},
                               const std::filesystem::path& cwd = {}) {
  const auto has = [&](const char* flag) { return std::find(args.begin(), args.end(), flag) != args.end(); };
  const bool connects = has("--live") && !has("--sim");
  return run_process(kTradehostBin, args, connects ? offline_endpoints(env) : env,
                     cwd.empty() ? std::filesystem::temp_directory_path() : cwd);
}

inline nlohmann::json plugin_entry(const nlohmann::json& listing, const std::string& name) {
  for (const auto& p : listing.at("plugins")) {
    if (p.at("name") == name) return p;
  }
  return nullptr;
}

}  // namespace tradehost::test
