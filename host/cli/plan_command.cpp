// `tradehost plan [--json]`: per exchange, the streams a run would open, the connections (shards)
// carrying them within the venue's limits, and what the cap left out. Connects to nothing.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"
#include "coordinator/stream_plan.hpp"
#include "feed/shard_plan.hpp"

namespace tradehost::cli {

int plan_command(const CliArgs& args, Startup& s) {
  if (!s.plugins_dir) {
    log::error("plugins_dir_missing", s.plugins_dir_error);
    return kExitUsage;
  }
  log_refusals(s.refusals);
  auto& st = s.settings;
  if (st.exchanges.value.empty()) {
    // Like --sim: with nothing named, show what every loaded plugin would do.
    st.exchanges = {s.registry.names(), {config::Source::Kind::default_value, "all loaded plugins"}};
  }
  const auto resolution = coordinator::resolve_exchanges(st, s.registry, s.env);
  for (const auto& d : st.diagnostics) {
    if (d.severity == config::Diagnostic::Severity::error) log::error(d.event, d.message);
  }
  for (const auto& d : resolution.diagnostics) {
    if (d.severity == config::Diagnostic::Severity::error) log::error(d.event, d.message);
  }
  if (has_errors(st.diagnostics) || has_errors(resolution.diagnostics)) return kExitUsage;

  const coordinator::StreamRequest request{st.symbols.value, st.timeframes.value, st.trade_streams.value,
                                           st.book_ticker_streams.value};
  nlohmann::json out;
  out["symbols"] = symbol_names(st.symbols.value);
  out["symbols_source"] = st.symbols.source.to_string();
  out["exchanges"] = nlohmann::json::array();
  std::string text;
  for (const auto& setup : resolution.exchanges) {
    const auto& name = setup.plugin->info().name;
    auto& adapter = s.registry.find(name)->adapter();
    const auto plan = coordinator::plan_streams(name, request, setup.stream_limit.value);
    const auto& limits = adapter.manifest().limits;
    const auto shards = feed::shard_streams(
        plan.subscribed, [&](const sdk::StreamKey& k) { return adapter.stream_group(k); }, limits);

    nlohmann::json ex;
    ex["name"] = name;
    ex["cap"] = plan.cap;
    ex["cap_source"] = setup.stream_limit.source.to_string();
    ex["streams_wanted"] = plan.wanted.size();
    ex["streams_planned"] = plan.subscribed.size();
    ex["limits"] = {{"streams_per_connection", limits.streams_per_connection},
                    {"streams_per_message", limits.streams_per_message},
                    {"client_messages_per_10s", limits.client_messages_per_10s}};
    ex["connections"] = nlohmann::json::array();
    text += fmt::format("{}: {} streams wanted, {} planned (cap {} from {}) on {} connection{} (at most {} streams "
                        "each, {} per subscribe frame)\n",
                        name, plan.wanted.size(), plan.subscribed.size(), plan.cap,
                        setup.stream_limit.source.to_string(), shards.size(), shards.size() == 1 ? "" : "s",
                        limits.streams_per_connection, limits.streams_per_message);
    std::uint64_t request_id = 1;
    for (std::size_t i = 0; i < shards.size(); ++i) {
      const auto& shard = shards[i];
      std::vector<std::string> names;
      for (const auto& k : shard.streams) names.push_back(k.to_string());
      // The frames the adapter would send (KuCoin's real URL needs a token: the base stands in).
      auto conn = adapter.connection_plan(setup.ws_url.value, shard.group, shard.streams, request_id);
      nlohmann::json j{{"group", shard.group}, {"streams", names}};
      if (conn) {
        request_id += conn->frames.size() + 1;
        j["url"] = conn->url;
        j["subscribe_frames"] = conn->frames.size();
      } else {
        j["error"] = conn.error().message;
      }
      ex["connections"].push_back(j);
      text += fmt::format("  connection {} (group {}, {} streams{}): {}\n", i + 1, shard.group, shard.streams.size(),
                          conn ? fmt::format(", {} subscribe frame{}", conn->frames.size(),
                                             conn->frames.size() == 1 ? "" : "s")
                               : ", cannot be planned: " + conn.error().message,
                          join(names));
    }
    std::vector<std::string> left;
    for (const auto& k : plan.left_out) left.push_back(k.to_string());
    ex["left_out"] = left;
    if (!left.empty()) {
      ex["left_out_reason"] = fmt::format("stream cap {} ({})", plan.cap, setup.stream_limit.source.to_string());
      text += fmt::format("  left out by the cap of {} ({}): {}. Fix: raise websocket.max_streams_per_exchange.{} "
                          "or list fewer symbols or timeframes\n",
                          plan.cap, setup.stream_limit.source.to_string(), join(left), name);
    }
    out["exchanges"].push_back(std::move(ex));
  }
  if (args.json) {
    std::cout << log::scrub(out.dump(2)) << "\n";
  } else {
    std::cout << log::scrub(text);
  }
  return kExitOk;
}

}  // namespace tradehost::cli
