// Startup: the steps every command shares — find and load the plugins, resolve the settings —
// done once, without logging, so each command decides what to print and how to exit.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "config/settings.hpp"
#include "log/log.hpp"
#include "registry/plugin_registry.hpp"

namespace tradehost::cli {

enum ExitCode : int { kExitOk = 0, kExitRuntime = 1, kExitUsage = 2 };

struct Startup {
  config::Env env;
  std::filesystem::path executable;  // this tradehost binary (exchange-sim is looked up beside it)
  config::Settings settings;
  std::optional<registry::PluginsDir> plugins_dir;
  std::string plugins_dir_error;  // set when no directory could be used
  registry::PluginRegistry registry;
  std::vector<registry::Refusal> refusals;
};

Startup prepare(const CliArgs& args, config::Env env, const std::filesystem::path& executable);

// The level a diagnostic is logged at in `mode`.
log::Level level_of(const config::Diagnostic& d, config::Mode mode);
// Logs each diagnostic at or above `min`.
void log_diagnostics(const std::vector<config::Diagnostic>& diagnostics, config::Mode mode,
                     log::Level min = log::Level::debug);
void log_refusals(const std::vector<registry::Refusal>& refusals);
bool has_errors(const std::vector<config::Diagnostic>& diagnostics);

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");
std::vector<std::string> symbol_names(const std::vector<sdk::UnifiedSymbol>& symbols);
std::vector<std::string> timeframe_names(const std::vector<sdk::Timeframe>& timeframes);

int run_command(const CliArgs& args, Startup& startup);
int plugins_command(const CliArgs& args, Startup& startup);
int config_command(const CliArgs& args, Startup& startup);
int validate_command(const CliArgs& args, Startup& startup);
int decode_command(const CliArgs& args, Startup& startup);
int plan_command(const CliArgs& args, Startup& startup);
int conformance_command(const CliArgs& args, Startup& startup);

}  // namespace tradehost::cli
