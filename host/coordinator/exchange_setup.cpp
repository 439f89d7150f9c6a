#include "coordinator/exchange_setup.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "net/url.hpp"

namespace tradehost::coordinator {
namespace {

using config::Diagnostic;
using config::Source;
using Severity = Diagnostic::Severity;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

config::Sourced<std::string> endpoint(const std::map<std::string, config::Sourced<std::string>>& from_file,
                                      const std::string& name, const config::Env& env, const std::string& env_name,
                                      const std::string& plugin_default) {
  if (auto it = from_file.find(name); it != from_file.end()) return it->second;
  if (auto v = env.get(env_name); v && !v->empty()) return {*v, {Source::Kind::env, env_name}};
  return {plugin_default, config::default_source("plugin default")};
}

}  // namespace

config::Sourced<std::int32_t> effective_stream_limit(const config::Settings& settings,
                                                     const registry::PluginInfo& plugin) {
  if (auto it = settings.stream_limit_overrides.find(plugin.name); it != settings.stream_limit_overrides.end()) {
    return it->second;
  }
  if (plugin.declared_stream_limit != sdk::kUndeclaredStreamLimit) {
    return {plugin.declared_stream_limit, config::default_source("plugin default")};
  }
  return {sdk::kFallbackStreamLimit, config::default_source("host default (plugin declares none)")};
}

ExchangeSetup setup_for(const config::Settings& settings, const registry::AdapterHandle& plugin,
                        const config::Env& env) {
  const auto& info = plugin.info();
  ExchangeSetup setup;
  setup.plugin = &plugin;
  setup.stream_limit = effective_stream_limit(settings, info);
  setup.rest_url = endpoint(settings.rest_urls, info.name, env, info.env_prefix + "_REST_URL", info.rest_url);
  setup.ws_url = endpoint(settings.ws_urls, info.name, env, info.env_prefix + "_WS_URL", info.ws_url);
  auto credential = [&](const std::string& suffix, Secret& out) {
    const std::string name = info.env_prefix + suffix;
    if (auto v = env.get(name); v && !v->empty()) {
      out = Secret(std::move(*v));
      wipe(*v);  // a short value was copied out of the small-string buffer, not moved
    } else {
      setup.credentials.missing.push_back(name);
    }
  };
  credential("_API_KEY", setup.credentials.api_key);
  credential("_SECRET", setup.credentials.secret);
  if (info.needs_passphrase) credential("_PASSPHRASE", setup.credentials.passphrase);
  return setup;
}

std::vector<Diagnostic> check_override_names(const config::Settings& settings,
                                             const registry::PluginRegistry& registry) {
  std::vector<Diagnostic> out;
  for (const auto& [name, limit] : settings.stream_limit_overrides) {
    if (registry.find(name) != nullptr) continue;
    out.push_back({Severity::warning, false, false, "stream_cap_unknown_exchange",
                   fmt::format("websocket.max_streams_per_exchange.{} at {} names no loaded plugin (loaded: {}); the "
                               "cap of {} is kept for a plugin of that name dropped in later",
                               name, limit.source.to_string(), join(registry.names()), limit.value)});
  }
  for (const auto* urls : {&settings.rest_urls, &settings.ws_urls}) {
    for (const auto& [name, url] : *urls) {
      if (registry.find(name) != nullptr) continue;
      out.push_back({Severity::warning, false, false, "endpoint_unknown_exchange",
                     fmt::format("exchanges.{} at {} names no loaded plugin (loaded: {}); the endpoint is kept for a "
                                 "plugin of that name dropped in later",
                                 name, url.source.to_string(), join(registry.names()))});
    }
  }
  return out;
}

ExchangeResolution resolve_exchanges(const config::Settings& settings, const registry::PluginRegistry& registry,
                                     const config::Env& env) {
  ExchangeResolution r;
  const bool live = settings.mode.value == config::Mode::live;
  auto add = [&](Severity severity, std::string event, std::string message) {
    r.diagnostics.push_back({severity, false, false, std::move(event), std::move(message)});
    if (severity == Severity::error) r.blocks_start = true;
  };

  if (settings.exchanges.value.empty()) {
    add(Severity::error, "no_exchanges",
        "No exchange clients configured: neither --exchanges nor EXCHANGES names an exchange. Fix: export "
        "EXCHANGES=\"bingx,kucoinfutures\" (loaded plugins: " + join(registry.names()) + ")");
    return r;
  }
  for (const auto& name : settings.exchanges.value) {
    const registry::AdapterHandle* plugin = registry.find(name);
    if (plugin == nullptr) {
      add(Severity::error, "exchange_plugin_missing",
          fmt::format("No plugin for exchange '{}' (from {}); loaded plugins: {}. Fix: correct the name, or drop "
                      "{}.so into the plugins directory",
                      name, settings.exchanges.source.to_string(), join(registry.names()), name));
      continue;
    }
    ExchangeSetup setup = setup_for(settings, *plugin, env);
    const auto& info = plugin->info();

    // Ask the adapter itself: a symbol it cannot map is a symbol it cannot stream or trade.
    std::vector<std::string> unmapped;
    for (const auto& symbol : settings.symbols.value) {
      auto venue = plugin->adapter().venue_symbol(symbol);
      if (venue) {
        setup.venue_symbols.push_back(*venue);
      } else {
        unmapped.push_back(venue.error().message);
      }
    }
    if (!unmapped.empty()) {
      add(Severity::error, "symbol_unsupported",
          fmt::format("{} cannot trade every symbol (from {}): {}. Fix: remove those symbols, or drop {} from the "
                      "exchanges in use",
                      name, settings.symbols.source.to_string(), join(unmapped), name));
    }

    std::vector<std::string> unsupported;
    for (auto tf : settings.timeframes.value) {
      if (!info.supports(tf)) unsupported.emplace_back(sdk::to_string(tf));
    }
    if (!unsupported.empty()) {
      std::vector<std::string> supported;
      for (auto tf : info.timeframes) supported.emplace_back(sdk::to_string(tf));
      add(Severity::error, "timeframe_unsupported",
          fmt::format("{} does not support timeframe {} (websocket.stream_timeframes from {}); it supports {}. Fix: "
                      "remove it from websocket.stream_timeframes or drop {} from EXCHANGES",
                      name, join(unsupported), settings.timeframes.source.to_string(), join(supported), name));
    }

    for (const auto* url : {&setup.rest_url, &setup.ws_url}) {
      const bool is_rest = url == &setup.rest_url;
      const std::string kind = is_rest ? "REST" : "WebSocket";
      const std::string example = is_rest ? info.rest_url : info.ws_url;
      // The parser the run dials with, so that validate refuses what a run would (issue 13).
      auto parsed = net::parse_endpoint(url->value, is_rest ? net::Endpoint::rest : net::Endpoint::websocket);
      if (!parsed) {
        add(Severity::error, "endpoint_invalid",
            fmt::format("{} endpoint for {} (from {}) is not a usable {} URL: {}. Fix: e.g. {}", kind, name,
                        url->source.to_string(), kind, parsed.error().message, example));
        continue;
      }
      // The adapter puts its own path and query on the REST base; a query in the base would end up
      // in the middle of every request (and of what gets signed). Shown redacted: a query is
      // where a token would sit.
      if (is_rest && parsed->target.find('?') != std::string::npos) {
        add(Severity::error, "endpoint_invalid",
            fmt::format("REST endpoint '{}' for {} (from {}) carries a query; the adapter adds its own to every "
                        "request. Fix: give the base only, e.g. {}",
                        parsed->to_string(), name, url->source.to_string(), info.rest_url));
        continue;
      }
      if (live && parsed->plaintext_off_loopback()) {
        add(Severity::error, "endpoint_plaintext_live",
            fmt::format("Live mode refuses the unencrypted endpoint '{}' for {} (from {}). Fix: use https:// or wss://",
                        parsed->to_string(), name, url->source.to_string()));
      }
    }

    if (live && !setup.credentials.missing.empty()) {
      add(Severity::error, "credentials_missing",
          fmt::format("Live mode needs credentials for {}: {} not set. Fix: export them, or run with --paper", name,
                      join(setup.credentials.missing)));
    }
    r.exchanges.push_back(std::move(setup));
  }
  return r;
}

}  // namespace tradehost::coordinator
