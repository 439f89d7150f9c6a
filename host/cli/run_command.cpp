// `tradehost --live`: validate everything, plan the streams, then run. Live mode is fail-closed:
// any config error, fallback symbols or missing credentials stop it before anything connects.
#include <chrono>
#include <fstream>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"
#include "cli/sim_launcher.hpp"
#include "log/secret.hpp"
#include "coordinator/market_session.hpp"
#include "coordinator/stream_plan.hpp"

namespace tradehost::cli {
namespace {

// --sim runs the simulator 60x: a 1m kline closes every real second.
constexpr double kSimSpeed = 60;

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
  if (mode == config::Mode::live) {
    // Before anything is planned or connected: live credentials must not end up in a core file.
    const CoreDumps dumps = disable_core_dumps();
    if (dumps.error.empty() && dumps.rlimit_core == 0 && !dumps.dumpable) {
      log::info("core_dumps_disabled",
                "Live mode: core dumps are off for this process (RLIMIT_CORE 0, not dumpable), so no core file "
                "can hold the credentials",
                {{"rlimit_core_bytes", std::to_string(dumps.rlimit_core)}, {"dumpable", "false"}});
    } else {
      log::warn("core_dumps_not_disabled",
                fmt::format("Live mode: could not turn core dumps off ({}); a crash may write the credentials "
                            "into a core file. Fix: run with `ulimit -c 0`",
                            dumps.error.empty() ? "the kernel still reports them on" : dumps.error),
                {{"rlimit_core_bytes", std::to_string(dumps.rlimit_core)},
                 {"dumpable", dumps.dumpable ? "true" : "false"}});
    }
  }

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

  // --sim: the simulator on free loopback ports, and every exchange pointed at it.
  std::unique_ptr<RunningSim> sim;
  feed::VenueClock clock;
  std::string ca_file = args.ca_file.value_or("");
  if (args.sim) {
    auto exe = find_sim(s.executable);
    if (!exe) {
      log::error("sim_not_found", exe.error().message);
      return report.finish(kExitRuntime, "exchange-sim not found");
    }
    SimOptions sim_options{*exe, args.tls, kSimSpeed, {}};
    for (const auto& symbol : st.symbols.value) sim_options.bases.push_back(symbol.base);
    auto launched = launch_sim(sim_options);
    if (!launched) {
      log::error("sim_failed", launched.error().message + ". Fix: run build/bin/exchange-sim by hand to see why");
      return report.finish(kExitRuntime, "exchange-sim failed to start");
    }
    sim = std::move(*launched);
    // The sim's venue clock when it printed its ready line (start_ms is when it began, before its
    // listeners and certificates were set up: seconds of venue time earlier at speed 60).
    clock = feed::VenueClock(sim->ready().value("venue_ms", sim->ready().value("start_ms", std::int64_t{0})),
                             sim->ready().value("speed", kSimSpeed));
    if (args.tls) ca_file = sim->ca_file();
    log::info("sim_started",
              fmt::format("exchange-sim is serving on loopback at speed {} ({}); control {}; its log: {}", kSimSpeed,
                          args.tls ? "TLS with its own CA, verified" : "plain ws:// and http://",
                          sim->ready().value("control", std::string("?")), sim->log_file().string()),
              {{"control", sim->ready().value("control", std::string())}});
    report.json()["sim"] = {{"speed", kSimSpeed}, {"tls", args.tls}};
  }

  coordinator::StreamRequest request{st.symbols.value, st.timeframes.value, st.trade_streams.value,
                                     st.book_ticker_streams.value};
  std::vector<coordinator::SessionExchange> session;
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
    registry::AdapterHandle& plugin = *s.registry.find(name);
    coordinator::SessionExchange ex{name,
                                    &plugin.adapter(),
                                    [&plugin] { return plugin.new_instance(); },
                                    setup.ws_url.value,
                                    setup.rest_url.value,
                                    st.symbols.value,
                                    plan.subscribed,
                                    static_cast<std::uint32_t>(plan.wanted.size())};
    if (sim) {
      ex.ws_url = sim->ws_url(name);
      ex.rest_url = sim->rest_url(name);
      if (ex.ws_url.empty()) {
        log::error("sim_venue_missing", fmt::format("{} is not served by exchange-sim (it speaks binance, bingx and "
                                                    "kucoinfutures); it is left out of this rehearsal",
                                                    name),
                   {{"exchange", name}});
        ex.streams.clear();
      }
    }
    session.push_back(std::move(ex));
  }

  coordinator::SessionOptions options;
  options.duration_s = st.duration_s.value;
  options.status_interval_s = st.status_interval_s.value;
  options.tuning.stale_after_ms = st.stale_after_ms.value;
  options.tuning.reconnect_initial_ms = st.reconnect_initial_ms.value;
  options.tuning.reconnect_max_ms = st.reconnect_max_ms.value;
  options.tuning.rotate_after_ms = st.rotate_after_ms.value;
  options.ca_file = ca_file;
  options.busy_poll = st.busy_poll.value;
  options.live = mode == config::Mode::live;
  options.clock = clock;
  if (args.events_path) options.events_path = *args.events_path;
  if (args.trades_path) options.trades_path = *args.trades_path;
  if (args.quotes_path) options.quotes_path = *args.quotes_path;

  const auto result = coordinator::run_market_session(session, options);
  report.json()["seconds"] = result.seconds;
  report.json()["stop_reason"] = result.stop_reason;
  for (const auto& ex : result.exchanges) {
    const auto& f = ex.stats;
    log::info("run_summary", coordinator::status_text(ex.name, f, result.seconds, 0, true), {{"exchange", ex.name}});
    report.json()["exchanges"].push_back({
        {"name", ex.name},
        {"error", ex.error},
        {"streams_wanted", ex.streams_wanted},
        {"streams_planned", f.streams_planned},
        {"streams_left_out", ex.streams_wanted - std::min(ex.streams_wanted, f.streams_planned)},
        {"streams_subscribed", f.streams_subscribed},
        {"streams_acknowledged", f.streams_acknowledged},
        {"streams_refused", f.streams_refused},
        {"streams_live_at_exit", f.streams_live},
        {"connections", f.connections_planned},
        {"messages", f.frames},
        {"events", f.events},
        {"closed_klines", f.closed_klines},
        {"trades", f.trades},
        {"trade_repeats_dropped", f.handoff.repeats_dropped},
        {"trade_handoffs", f.handoff.handoffs},
        {"trade_handoffs_unmatched", f.handoff.handoffs_unmatched},
        {"trade_gaps_found", f.trade_gaps.gaps_found},
        {"trade_gaps_filled", f.trade_gaps.gaps_filled},
        {"trade_gaps_unfilled", f.trade_gaps.gaps_unfilled},
        {"trades_backfilled", f.trade_gaps.trades_backfilled},
        {"trades_missed", f.trade_gaps.trades_missed},
        {"book_tickers", f.book_tickers},
        {"book_tickers_stale_dropped", f.book_tickers_stale_dropped},
        {"decode_errors", f.decode_errors},
        {"reconnects", f.reconnects},
        {"stale_reconnects", f.stale_reconnects},
        {"rotations", f.rotations},
        {"rest_failures", f.rest_failures},
        {"gaps_found", f.gaps.gaps_found},
        {"gaps_filled", f.gaps.gaps_filled},
        {"gaps_unfilled", f.gaps.gaps_unfilled},
        {"klines_backfilled", f.gaps.klines_backfilled},
        {"duplicates_dropped", f.gaps.duplicates_dropped},
        {"lag_p50_ms", static_cast<double>(f.lag_total.quantile(0.5)) / 1000.0},
        {"lag_p99_ms", static_cast<double>(f.lag_total.quantile(0.99)) / 1000.0},
    });
  }
  if (!result.started) return report.finish(kExitRuntime, "no WebSocket streams were started");
  return report.finish(kExitOk, result.stop_reason);
}

}  // namespace tradehost::cli
