// PluginRegistry: finds adapter plugins (.so), loads them through Boost.DLL and keeps them.
//
// For each file: dlopen, then the ABI version check before any other call into the plugin, then
// the factory, then the manifest checks. A plugin that fails any step is refused with a reason
// and the others still load. The registry owns every adapter and its library; an AdapterHandle
// destroys the adapter before the library can be unloaded, so no code from a plugin outlives it.
// Used from the main thread at start-up; read-only afterwards.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/result.hpp>

#include "config/env.hpp"

namespace tradehost::registry {

// What the host keeps of a manifest: owned copies, valid after the plugin's views are gone.
struct PluginInfo {
  std::filesystem::path file;
  std::string name;
  std::string version;
  std::uint32_t abi_version = 0;
  std::int32_t declared_stream_limit = sdk::kUndeclaredStreamLimit;
  std::string env_prefix;
  bool needs_passphrase = false;
  std::string rest_url;
  std::string ws_url;
  std::vector<sdk::Timeframe> timeframes;
  sdk::FrameCompression compression = sdk::FrameCompression::none;
  sdk::KlineClose kline_close = sdk::KlineClose::flag;
  sdk::TradeIds trade_ids = sdk::TradeIds::none;
  sdk::ConnectionLimits limits{};

  // The declared default, or the host's 10 for a plugin that declares none.
  std::int32_t default_stream_limit() const {
    return declared_stream_limit == sdk::kUndeclaredStreamLimit ? sdk::kFallbackStreamLimit : declared_stream_limit;
  }
  bool supports(sdk::Timeframe tf) const;
};

class AdapterHandle {
 public:
  AdapterHandle(std::shared_ptr<void> library, sdk::AdapterFactory* factory, std::unique_ptr<sdk::Adapter> adapter,
                PluginInfo info);
  AdapterHandle(AdapterHandle&&) noexcept = default;
  // Written by hand: a defaulted one assigns the members in order, so the old library would be
  // released (maybe unloaded) while the old adapter, whose code lives in it, still exists.
  AdapterHandle& operator=(AdapterHandle&& other) noexcept;
  ~AdapterHandle();

  const PluginInfo& info() const { return info_; }
  const sdk::Adapter& adapter() const { return *adapter_; }
  sdk::Adapter& adapter() { return *adapter_; }
  // Another adapter from the plugin's factory (each market-data connection decodes with its own,
  // so per-stream decode state is never shared between two connections), or the reason it could
  // not be made. It keeps the plugin loaded for as long as it lives.
  sdk::Result<std::shared_ptr<sdk::Adapter>> new_instance() const;

 private:
  // Declared first so that it is destroyed last: the adapter's code lives in the library.
  std::shared_ptr<void> library_;
  sdk::AdapterFactory* factory_;
  std::unique_ptr<sdk::Adapter> adapter_;
  PluginInfo info_;
};

struct Refusal {
  std::filesystem::path file;
  std::string reason;
};

struct PluginsDir {
  std::filesystem::path path;
  std::string source;  // "--plugins-dir", "TRADEHOST_PLUGINS_DIR", "<exe>/../plugins", ...
};

// DESIGN.md: --plugins-dir, TRADEHOST_PLUGINS_DIR, <exe>/../plugins, <exe>/../lib/tradehost/plugins.
// An explicit directory that does not exist is an error, not a reason to look elsewhere.
sdk::Result<PluginsDir> find_plugins_dir(const std::optional<std::string>& cli_dir, const config::Env& env,
                                         const std::filesystem::path& executable);

class PluginRegistry {
 public:
  // Loads every *.so in `dir`, in file-name order. Refusals are returned, not logged.
  static PluginRegistry load_directory(const std::filesystem::path& dir, std::vector<Refusal>& refusals);

  // Loads one file; on refusal returns the reason and keeps what it had.
  sdk::Status load_file(const std::filesystem::path& file);

  const std::vector<AdapterHandle>& plugins() const { return plugins_; }
  const AdapterHandle* find(std::string_view name) const;
  AdapterHandle* find(std::string_view name);  // for the one caller that drives the adapter
  std::vector<std::string> names() const;

 private:
  std::vector<AdapterHandle> plugins_;
};

}  // namespace tradehost::registry
