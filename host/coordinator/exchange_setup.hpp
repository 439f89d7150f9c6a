// ExchangeSetup: what the host will use for one exchange, each value with its source: the
// plugin, the stream cap, the endpoints and the credentials.
//
// resolve_exchanges() joins the resolved Settings with the loaded plugins. Like
// resolve_settings() it does not log: problems come back as Diagnostics for the caller.
#pragma once

#include <string>
#include <vector>

#include "config/settings.hpp"
#include "log/secret.hpp"
#include "registry/plugin_registry.hpp"

namespace tradehost::coordinator {

struct Credentials {
  Secret api_key;
  Secret secret;
  Secret passphrase;
  std::vector<std::string> missing;  // env names that a live run would need
};

struct ExchangeSetup {
  const registry::AdapterHandle* plugin = nullptr;
  config::Sourced<std::int32_t> stream_limit;
  config::Sourced<std::string> rest_url;
  config::Sourced<std::string> ws_url;
  Credentials credentials;
  std::vector<std::string> venue_symbols;  // the symbols as this exchange spells them, in order
};

// The cap for a plugin: the file's override, else the plugin's declared default, else 10.
config::Sourced<std::int32_t> effective_stream_limit(const config::Settings& settings,
                                                     const registry::PluginInfo& plugin);

// One setup per plugin (for `plugins` and `config`), not checked against the exchanges in use.
ExchangeSetup setup_for(const config::Settings& settings, const registry::AdapterHandle& plugin,
                        const config::Env& env);

struct ExchangeResolution {
  std::vector<ExchangeSetup> exchanges;  // the exchanges in use, in the order given
  std::vector<config::Diagnostic> diagnostics;
  bool blocks_start = false;  // an error, or (live) anything that must not be run on
};

// Plain ws:// and http:// endpoints are allowed in live mode only when they point at 127.0.0.1,
// localhost or [::1] (the simulator).
ExchangeResolution resolve_exchanges(const config::Settings& settings, const registry::PluginRegistry& registry,
                                     const config::Env& env);

// Warnings for cap overrides that name no loaded plugin (kept for a plugin dropped in later).
std::vector<config::Diagnostic> check_override_names(const config::Settings& settings,
                                                     const registry::PluginRegistry& registry);

}  // namespace tradehost::coordinator
