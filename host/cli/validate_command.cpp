// `tradehost validate`: every check, one line each, PASS or FAIL with the reason and the fix.
// Exits 0 only when all pass. Stricter than a paper run: unknown keys fail here in any mode.
#include <iostream>

#include <fmt/format.h>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"
#include "coordinator/stream_plan.hpp"

namespace tradehost::cli {
namespace {

class Checks {
 public:
  void pass(std::string_view what, std::string_view detail) { line(true, what, detail); }
  void fail(std::string_view what, std::string_view detail) { line(false, what, detail); }
  int exit_code() const {
    std::cout << log::scrub(fmt::format("validate: {} passed, {} failed\n", passed_, failed_));
    return failed_ == 0 ? kExitOk : kExitUsage;
  }

 private:
  void line(bool ok, std::string_view what, std::string_view detail) {
    (ok ? passed_ : failed_) += 1;
    std::cout << log::scrub(fmt::format("{} {}: {}\n", ok ? "PASS" : "FAIL", what, detail));
  }
  int passed_ = 0;
  int failed_ = 0;
};

bool fails_validation(const config::Diagnostic& d, config::Mode mode) {
  using Severity = config::Diagnostic::Severity;
  return d.severity == Severity::error || d.severity == Severity::fallback_error || d.error_in_validate ||
         (mode == config::Mode::live && d.error_in_live);
}

}  // namespace

int validate_command(const CliArgs&, Startup& s) {
  Checks checks;
  const auto& st = s.settings;
  const auto mode = st.mode.value;
  checks.pass("mode", fmt::format("{} (from {})", config::to_string(mode), st.mode.source.to_string()));

  // Config file and every value in it.
  if (st.config_loaded) {
    checks.pass("config file", fmt::format("{} loaded (from {})", st.config_path.value, st.config_path.source.to_string()));
  }
  int config_failures = 0;
  for (const auto& d : st.diagnostics) {
    if (!fails_validation(d, mode)) continue;
    ++config_failures;
    checks.fail("config", d.message);
  }
  if (config_failures == 0) checks.pass("config values", "every key known and every value valid");

  // Symbols and where they came from.
  const std::string symbols = join(symbol_names(st.symbols.value));
  // Live on defaults already failed above (the symbols_from_defaults diagnostic).
  if (!(st.symbol_source == config::Settings::SymbolSource::defaults && mode == config::Mode::live)) {
    checks.pass("symbols", fmt::format("{} from {}: {}", st.symbols.value.size(), st.symbols.source.to_string(), symbols));
  }

  // Plugins.
  if (!s.plugins_dir) {
    checks.fail("plugins", s.plugins_dir_error);
    return checks.exit_code();
  }
  checks.pass("plugins", fmt::format("{} loaded from {} ({}): {}", s.registry.plugins().size(),
                                     s.plugins_dir->path.string(), s.plugins_dir->source, join(s.registry.names())));
  for (const auto& r : s.refusals) {
    checks.fail("plugin " + r.file.filename().string(), "refused: " + r.reason);
  }
  for (const auto& d : coordinator::check_override_names(st, s.registry)) checks.pass("kept for later", d.message);

  // Exchanges in use: plugin, timeframes, endpoints, credentials, stream plan.
  auto resolution = coordinator::resolve_exchanges(st, s.registry, s.env);
  for (const auto& d : resolution.diagnostics) checks.fail("exchanges", d.message);
  for (const auto& setup : resolution.exchanges) {
    const auto& info = setup.plugin->info();
    checks.pass("exchange " + info.name, fmt::format("plugin {} {} ({})", info.name, info.version, info.file.string()));
    if (setup.venue_symbols.size() == st.symbols.value.size()) {
      std::vector<std::string> pairs;
      for (std::size_t i = 0; i < setup.venue_symbols.size(); ++i) {
        pairs.push_back(st.symbols.value[i].to_string() + " = " + setup.venue_symbols[i]);
      }
      checks.pass("symbols " + info.name, join(pairs));
    }
    if (mode == config::Mode::live) {
      if (setup.credentials.missing.empty()) checks.pass("credentials " + info.name, "set (values hidden)");
    } else {
      checks.pass("credentials " + info.name, "not needed in paper mode");
    }
    coordinator::StreamRequest request{st.symbols.value, st.timeframes.value, st.trade_streams.value,
                                       st.book_ticker_streams.value};
    const auto plan = coordinator::plan_streams(info.name, request, setup.stream_limit.value);
    const std::string detail = fmt::format("{} streams wanted, cap {} ({})", plan.wanted.size(), plan.cap,
                                           setup.stream_limit.source.to_string());
    if (plan.left_out.empty()) {
      checks.pass("stream plan " + info.name, detail);
    } else {
      checks.fail("stream plan " + info.name,
                  fmt::format("{}: {} would be left out. Fix: reduce symbols or timeframes, or raise "
                              "websocket.max_streams_per_exchange.{} (trade and book-ticker streams count too)",
                              detail, plan.left_out.size(), info.name));
    }
  }
  return checks.exit_code();
}

}  // namespace tradehost::cli
