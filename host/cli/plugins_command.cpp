// `tradehost plugins [--json]`: what was loaded, with declared and effective limits.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/startup.hpp"
#include "coordinator/exchange_setup.hpp"

namespace tradehost::cli {

int plugins_command(const CliArgs& args, Startup& s) {
  if (!s.plugins_dir) {
    log::error("plugins_dir_missing", s.plugins_dir_error);
    return kExitUsage;
  }
  log_refusals(s.refusals);
  // Only wrong values matter here (a bad cap changes the listing); symbol fallbacks do not.
  for (const auto& d : s.settings.diagnostics) {
    if (d.severity == config::Diagnostic::Severity::error) log::error(d.event, d.message);
  }
  log_diagnostics(coordinator::check_override_names(s.settings, s.registry), s.settings.mode.value);

  if (args.json) {
    nlohmann::json out;
    out["plugins_dir"] = s.plugins_dir->path.string();
    out["plugins_dir_source"] = s.plugins_dir->source;
    out["plugins"] = nlohmann::json::array();
    for (const auto& p : s.registry.plugins()) {
      const auto& info = p.info();
      const auto setup = coordinator::setup_for(s.settings, p, s.env);
      nlohmann::json j;
      j["name"] = info.name;
      j["version"] = info.version;
      j["abi"] = info.abi_version;
      j["file"] = info.file.string();
      j["default_limit"] = info.default_stream_limit();
      j["declared_limit"] = info.declared_stream_limit == sdk::kUndeclaredStreamLimit
                                ? nlohmann::json(nullptr)
                                : nlohmann::json(info.declared_stream_limit);
      j["effective_limit"] = setup.stream_limit.value;
      j["effective_limit_source"] = setup.stream_limit.source.to_string();
      j["env_prefix"] = info.env_prefix;
      j["needs_passphrase"] = info.needs_passphrase;
      j["rest_url"] = setup.rest_url.value;
      j["rest_url_source"] = setup.rest_url.source.to_string();
      j["ws_url"] = setup.ws_url.value;
      j["ws_url_source"] = setup.ws_url.source.to_string();
      j["timeframes"] = timeframe_names(info.timeframes);
      j["compression"] = sdk::to_string(info.compression);
      j["kline_close"] = sdk::to_string(info.kline_close);
      j["trade_ids"] = sdk::to_string(info.trade_ids);
      j["connection_limits"] = {{"streams_per_connection", info.limits.streams_per_connection},
                                {"streams_per_message", info.limits.streams_per_message},
                                {"client_messages_per_10s", info.limits.client_messages_per_10s}};
      out["plugins"].push_back(std::move(j));
    }
    out["refused"] = nlohmann::json::array();
    for (const auto& r : s.refusals) out["refused"].push_back({{"file", r.file.string()}, {"reason", r.reason}});
    std::cout << log::scrub(out.dump(2)) << "\n";
  } else {
    std::string text = fmt::format("Plugins in {} ({}): {} loaded, {} refused\n", s.plugins_dir->path.string(),
                                   s.plugins_dir->source, s.registry.plugins().size(), s.refusals.size());
    for (const auto& p : s.registry.plugins()) {
      const auto& info = p.info();
      const auto setup = coordinator::setup_for(s.settings, p, s.env);
      text += fmt::format("\n{} {} (ABI {})  {}\n", info.name, info.version, info.abi_version, info.file.string());
      text += fmt::format("  stream limit  default {}{}, effective {} ({})\n", info.default_stream_limit(),
                          info.declared_stream_limit == sdk::kUndeclaredStreamLimit ? " (not declared)" : "",
                          setup.stream_limit.value, setup.stream_limit.source.to_string());
      text += fmt::format("  credentials   {}_API_KEY, {}_SECRET{}\n", info.env_prefix, info.env_prefix,
                          info.needs_passphrase ? ", " + info.env_prefix + "_PASSPHRASE" : "");
      text += fmt::format("  rest          {} ({})\n", setup.rest_url.value, setup.rest_url.source.to_string());
      text += fmt::format("  websocket     {} ({})\n", setup.ws_url.value, setup.ws_url.source.to_string());
      text += fmt::format("  timeframes    {}\n", join(timeframe_names(info.timeframes), " "));
      text += fmt::format("  frames        compression {}; per connection {} streams, {} per subscribe, {} messages/10s\n",
                          sdk::to_string(info.compression), info.limits.streams_per_connection,
                          info.limits.streams_per_message, info.limits.client_messages_per_10s);
      text += fmt::format("  events        klines close by {}; trade ids {}\n", sdk::to_string(info.kline_close),
                          sdk::to_string(info.trade_ids));
    }
    std::cout << log::scrub(text);
  }
  return has_errors(s.settings.diagnostics) ? kExitUsage : kExitOk;
}

}  // namespace tradehost::cli
