// Shared by the integration tests: run tradehost from a clean temp directory with a clean env.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/process.hpp"

namespace tradehost::test {

// Runs tradehost in `cwd` with only `env` (no CONFIG_PATH, EXCHANGES... from the runner).
inline ProcessResult tradehost(const std::vector<std::string>& args, const EnvMap& env = {},
                               const std::filesystem::path& cwd = {}) {
  return run_process(kTradehostBin, args, env, cwd.empty() ? std::filesystem::temp_directory_path() : cwd);
}

inline nlohmann::json plugin_entry(const nlohmann::json& listing, const std::string& name) {
  for (const auto& p : listing.at("plugins")) {
    if (p.at("name") == name) return p;
  }
  return nullptr;
}

}  // namespace tradehost::test
