#include "cli/startup.hpp"

#include <algorithm>

namespace tradehost::cli {

Startup prepare(const CliArgs& args, config::Env env, const std::filesystem::path& executable) {
  Startup s;
  s.env = std::move(env);
  s.executable = executable;
  // Credentials are masked in every line from the very start, whichever plugin they belong to
  // and wherever else an operator may have pasted them.
  for (const auto& [name, value] : s.env.all()) {
    for (std::string_view suffix : {"_API_KEY", "_SECRET", "_PASSPHRASE"}) {
      if (name.size() > suffix.size() && name.ends_with(suffix)) log::register_secret(value);
    }
  }
  config::CliOverrides overrides;
  overrides.paper = args.paper;
  overrides.config_path = args.config_path;
  overrides.duration_s = args.duration_s;
  overrides.exchanges = args.exchanges;
  s.settings = config::resolve_settings(overrides, s.env);

  auto dir = registry::find_plugins_dir(args.plugins_dir, s.env, executable);
  if (!dir) {
    s.plugins_dir_error = dir.error().message;
    return s;
  }
  s.plugins_dir = *dir;
  s.registry = registry::PluginRegistry::load_directory(dir->path, s.refusals);
  return s;
}

log::Level level_of(const config::Diagnostic& d, config::Mode mode) {
  using Severity = config::Diagnostic::Severity;
  switch (d.severity) {
    case Severity::info: return log::Level::info;
    case Severity::warning:
      return (mode == config::Mode::live && d.error_in_live) ? log::Level::error : log::Level::warning;
    case Severity::fallback_error:
    case Severity::error: return log::Level::error;
  }
  return log::Level::error;
}

void log_diagnostics(const std::vector<config::Diagnostic>& diagnostics, config::Mode mode, log::Level min) {
  for (const auto& d : diagnostics) {
    const log::Level level = level_of(d, mode);
    if (level >= min) log::write(level, d.event, d.message);
  }
}

void log_refusals(const std::vector<registry::Refusal>& refusals) {
  for (const auto& r : refusals) {
    log::warn("plugin_refused", "Plugin " + r.file.string() + " refused: " + r.reason,
              {{"file", r.file.string()}});
  }
}

bool has_errors(const std::vector<config::Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const auto& d) { return d.severity == config::Diagnostic::Severity::error; });
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::vector<std::string> symbol_names(const std::vector<sdk::UnifiedSymbol>& symbols) {
  std::vector<std::string> out;
  for (const auto& s : symbols) out.push_back(s.to_string());
  return out;
}

std::vector<std::string> timeframe_names(const std::vector<sdk::Timeframe>& timeframes) {
  std::vector<std::string> out;
  for (auto tf : timeframes) out.emplace_back(sdk::to_string(tf));
  return out;
}

}  // namespace tradehost::cli
