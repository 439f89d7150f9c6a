// `tradehost --live`: validate everything, plan the streams, then run. Live mode is fail-closed:
// any config error, fallback symbols or missing credentials stop it before anything connects.
#include <chrono>
#include <fstream>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"
#include "coordinator/stream_plan.hpp"

namespace tradehost::cli {
namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

// The --report summary; written at every exit after the arguments were accepted.
class Report {
 public:
  explicit Report(std::optional<std::string> path) : path_(std::move(path)) { j_["started_at"] = utc_now(); }
  nlohmann::json& json() { return j_; }

  int finish(int exit_code, std::string outcome) {
    if (!path_) return exit_code;
    j_["exit_code"] = exit_code;
    j_["outcome"] = std::move(outcome);
    j_["finished_at"] = utc_now();
    std::ofstream out(*path_);
    out << log::scrub(j_.dump(2)) << "\n";
    if (!out) {
      log::error("report_write_failed", "Could not write the report to " + *path_ + ". Fix: check the path is writable");
      return exit_code == kExitOk ? kExitRuntime : exit_code;
    }
    log::info("report_written", "Report written to " + *path_);
    return exit_code;
  }

 private:
  std::optional<std::string> path_;
  nlohmann::json j_;
};

}  // namespace

int run_command(const CliArgs& args, Startup& s) {
  Report report(args.report_path);
  auto& st = s.settings;
  const auto mode = st.mode.value;
  report.json()["mode"] = config::to_string(mode);

  log_diagnostics(st.diagnostics, mode, log::Level::info);
  if (!s.plugins_dir) {
    log::error("plugins_dir_missing", s.plugins_dir_error);
    return report.finish(kExitUsage, "no plugins directory");
  }
  log_refusals(s.refusals);
  log::info("plugins_loaded", fmt::format("Loaded {} plugins from {} ({}): {}", s.registry.plugins().size(),
                                          s.plugins_dir->path.string(), s.plugins_dir->source,
                                          join(s.registry.names())));
  if (args.sim && st.exchanges.value.empty()) {
    // An offline rehearsal with nothing named rehearses every venue we have.
    st.exchanges = {s.registry.names(), {config::Source::Kind::cli, "--sim (all loaded plugins)"}};
  }
  log_diagnostics(coordinator::check_override_names(st, s.registry), mode);
  auto resolution = coordinator::resolve_exchanges(st, s.registry, s.env);
  log_diagnostics(resolution.diagnostics, mode);

  if (st.blocks_start() || resolution.blocks_start) {
    if (mode == config::Mode::live) {
      log::error("live_refused",
                 "Live mode refuses to start: fix every ERROR above (fail closed: no real money on fallbacks or "
                 "defaults). Check with `tradehost validate`");
    } else {
      log::error("start_refused", "Not starting: fix every ERROR above. Check with `tradehost validate`");
    }
    return report.finish(kExitUsage, "config error");
  }

  log::info("run_starting",
            fmt::format("Starting in {} mode: exchanges {}; {} symbols from {}; timeframes {}; equity {} USD; {}",
                        config::to_string(mode), join(st.exchanges.value), st.symbols.value.size(),
                        st.symbols.source.to_string(), join(timeframe_names(st.timeframes.value)),
                        st.equity_usd.value,
                        st.duration_s.value == 0 ? std::string("until stopped")
                                                 : fmt::format("for {} s", st.duration_s.value)),
            {{"mode", std::string(config::to_string(mode))}, {"sim", args.sim ? "true" : "false"}});
  report.json()["symbols"] = symbol_names(st.symbols.value);
  report.json()["symbols_source"] = st.symbols.source.to_string();
  report.json()["exchanges"] = nlohmann::json::array();

  coordinator::StreamRequest request{st.symbols.value, st.timeframes.value, st.trade_streams.value,
                                     st.book_ticker_streams.value};
  for (const auto& setup : resolution.exchanges) {
    const auto& name = setup.plugin->info().name;
    const auto plan = coordinator::plan_streams(name, request, setup.stream_limit.value);
    log::info("streams_planned",
              fmt::format("{}: {} streams wanted, {} within cap {} ({})", name, plan.wanted.size(),
                          plan.subscribed.size(), plan.cap, setup.stream_limit.source.to_string()),
              {{"exchange", name}});
    if (!plan.left_out.empty()) {
      std::vector<std::string> left;
      for (const auto& k : plan.left_out) left.push_back(k.to_string());
      log::warn("stream_limit_exceeded",
                fmt::format("Stream limit exceeded on {}: {} streams wanted, cap {}; left out: {}. Fix: reduce symbols "
                            "or timeframes, or raise websocket.max_streams_per_exchange.{} (trade and book-ticker streams count too)",
                            name, plan.wanted.size(), plan.cap, join(left), name),
                {{"exchange", name}});
    }
    report.json()["exchanges"].push_back({{"name", name},
                                          {"stream_limit", plan.cap},
                                          {"streams_wanted", plan.wanted.size()},
                                          {"streams_planned", plan.subscribed.size()},
                                          {"streams_left_out", plan.left_out.size()}});
  }

  // The coordinator that starts these streams arrives with the market-data work (issue 4).
  log::error("market_data_unavailable",
             "Market data is not yet available in this build: the streams above were planned but none was started, "
             "and nothing was traded. Use `tradehost validate` to check a setup until then");
  return report.finish(kExitRuntime, "market data not yet available");
}

}  // namespace tradehost::cli
