// `tradehost config [--json]`: every effective value with its source; credentials as ***.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"

namespace tradehost::cli {
namespace {

struct Row {
  std::string key;
  std::string value;
  std::string source;
};

template <typename T>
Row row(std::string key, std::string value, const config::Sourced<T>& s) {
  return {std::move(key), std::move(value), s.source.to_string()};
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

int config_command(const CliArgs& args, Startup& s) {
  log_refusals(s.refusals);
  log_diagnostics(s.settings.diagnostics, s.settings.mode.value);  // the logger filters by --log-level
  if (!s.plugins_dir) log::warn("plugins_dir_missing", s.plugins_dir_error + "; plugin settings are not shown");
  log_diagnostics(coordinator::check_override_names(s.settings, s.registry), s.settings.mode.value);

  const auto& st = s.settings;
  std::vector<Row> rows;
  rows.push_back(row("mode", std::string(config::to_string(st.mode.value)), st.mode));
  rows.push_back(row("duration_s", std::to_string(st.duration_s.value), st.duration_s));
  rows.push_back({"config_file", st.config_path.value + (st.config_loaded ? "" : " (not loaded)"),
                  st.config_path.source.to_string()});
  rows.push_back(row("universe.fixed_symbols", join(symbol_names(st.symbols.value)), st.symbols));
  rows.push_back(row("websocket.stream_timeframes", join(timeframe_names(st.timeframes.value)), st.timeframes));
  rows.push_back(row("exchanges", st.exchanges.value.empty() ? "(none)" : join(st.exchanges.value), st.exchanges));
  rows.push_back(row("portfolio.equity_usd", number(st.equity_usd.value), st.equity_usd));
  rows.push_back(row("strategy.trade_streams", st.trade_streams.value ? "true" : "false", st.trade_streams));
  rows.push_back(row("strategy.book_ticker_streams", st.book_ticker_streams.value ? "true" : "false",
                     st.book_ticker_streams));
  for (const auto& p : s.registry.plugins()) {
    const auto setup = coordinator::setup_for(st, p, s.env);
    const std::string& name = p.info().name;
    rows.push_back(row("websocket.max_streams_per_exchange." + name, std::to_string(setup.stream_limit.value),
                       setup.stream_limit));
    rows.push_back(row("exchanges." + name + ".rest_url", setup.rest_url.value, setup.rest_url));
    rows.push_back(row("exchanges." + name + ".ws_url", setup.ws_url.value, setup.ws_url));
    auto secret_row = [&](const std::string& field, const Secret& secret, const std::string& env_suffix) {
      const std::string env_name = p.info().env_prefix + env_suffix;
      rows.push_back({"exchanges." + name + "." + field, secret.empty() ? "(not set)" : fmt::format("{}", secret),
                      "env " + env_name});
    };
    secret_row("api_key", setup.credentials.api_key, "_API_KEY");
    secret_row("secret", setup.credentials.secret, "_SECRET");
    if (p.info().needs_passphrase) secret_row("passphrase", setup.credentials.passphrase, "_PASSPHRASE");
  }
  for (const auto& [name, limit] : st.stream_limit_overrides) {
    if (s.registry.find(name) == nullptr) {
      rows.push_back(row("websocket.max_streams_per_exchange." + name, std::to_string(limit.value) + " (no such plugin)",
                         limit));
    }
  }

  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) out.push_back({{"key", r.key}, {"value", r.value}, {"source", r.source}});
    std::cout << log::scrub(out.dump(2)) << "\n";
  } else {
    std::size_t key_width = 0, value_width = 0;
    for (const auto& r : rows) {
      key_width = std::max(key_width, r.key.size());
      value_width = std::max(value_width, r.value.size());
    }
    std::string text;
    for (const auto& r : rows) text += fmt::format("{:<{}}  {:<{}}  {}\n", r.key, key_width, r.value, value_width, r.source);
    std::cout << log::scrub(text);
  }
  return has_errors(st.diagnostics) ? kExitUsage : kExitOk;
}

}  // namespace tradehost::cli
