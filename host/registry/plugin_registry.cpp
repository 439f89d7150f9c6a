#include "registry/plugin_registry.hpp"

#include <algorithm>
#include <system_error>

#include <boost/dll/shared_library.hpp>

namespace tradehost::registry {
namespace {

namespace dll = boost::dll;
namespace fs = std::filesystem;

sdk::Failure refuse(std::string reason) { return sdk::fail(sdk::ErrorCode::rejected, std::move(reason)); }

PluginInfo copy_manifest(const sdk::Manifest& m, const fs::path& file, std::uint32_t abi) {
  PluginInfo info;
  info.file = file;
  info.name = std::string(m.name);
  info.version = std::string(m.version);
  info.abi_version = abi;
  info.declared_stream_limit = m.default_stream_limit;
  info.env_prefix = std::string(m.env_prefix);
  info.needs_passphrase = m.needs_passphrase;
  info.rest_url = std::string(m.rest_url);
  info.ws_url = std::string(m.ws_url);
  info.timeframes.assign(m.timeframes.begin(), m.timeframes.end());
  info.compression = m.compression;
  info.kline_close = m.kline_close;
  info.trade_ids = m.trade_ids;
  info.limits = m.limits;
  return info;
}

}  // namespace

bool PluginInfo::supports(sdk::Timeframe tf) const {
  return std::find(timeframes.begin(), timeframes.end(), tf) != timeframes.end();
}

AdapterHandle::AdapterHandle(std::shared_ptr<void> library, sdk::AdapterFactory* factory,
                             std::unique_ptr<sdk::Adapter> adapter, PluginInfo info)
    : library_(std::move(library)), factory_(factory), adapter_(std::move(adapter)), info_(std::move(info)) {}

AdapterHandle::~AdapterHandle() { adapter_.reset(); }  // before library_ may unload the code

AdapterHandle& AdapterHandle::operator=(AdapterHandle&& other) noexcept {
  if (this == &other) return *this;
  adapter_ = std::move(other.adapter_);  // the old adapter goes while its library is still held
  library_ = std::move(other.library_);  // then the old library may go
  factory_ = other.factory_;
  info_ = std::move(other.info_);
  return *this;
}

sdk::Result<std::shared_ptr<sdk::Adapter>> AdapterHandle::new_instance() const {
  std::unique_ptr<sdk::Adapter> made;
  try {
    made = factory_();
  } catch (const std::exception& e) {
    return sdk::fail(sdk::ErrorCode::internal, info_.name + ": its factory threw: " + e.what());
  } catch (...) {
    return sdk::fail(sdk::ErrorCode::internal, info_.name + ": its factory threw an unknown exception");
  }
  if (!made) return sdk::fail(sdk::ErrorCode::internal, info_.name + ": its factory returned no adapter");
  // The deleter holds the library: the adapter's code stays loaded until the adapter is gone.
  return std::shared_ptr<sdk::Adapter>(made.release(), [library = library_](sdk::Adapter* a) { delete a; });
}

sdk::Result<PluginsDir> find_plugins_dir(const std::optional<std::string>& cli_dir, const config::Env& env,
                                         const fs::path& executable) {
  std::error_code ec;
  if (cli_dir) {
    if (!fs::is_directory(*cli_dir, ec)) {
      return sdk::fail(sdk::ErrorCode::not_found,
                       "--plugins-dir " + *cli_dir + " is not a directory. Fix: pass the directory that holds the .so files");
    }
    return PluginsDir{*cli_dir, "--plugins-dir"};
  }
  if (auto dir = env.get("TRADEHOST_PLUGINS_DIR"); dir && !dir->empty()) {
    if (!fs::is_directory(*dir, ec)) {
      return sdk::fail(sdk::ErrorCode::not_found,
                       "TRADEHOST_PLUGINS_DIR=" + *dir + " is not a directory. Fix: unset it or point it at the plugins");
    }
    return PluginsDir{*dir, "TRADEHOST_PLUGINS_DIR"};
  }
  const fs::path exe_dir = executable.parent_path();
  const fs::path candidates[] = {exe_dir / ".." / "plugins", exe_dir / ".." / "lib" / "tradehost" / "plugins"};
  const char* labels[] = {"<exe>/../plugins", "<exe>/../lib/tradehost/plugins"};
  for (std::size_t i = 0; i < 2; ++i) {
    if (fs::is_directory(candidates[i], ec)) return PluginsDir{fs::weakly_canonical(candidates[i], ec), labels[i]};
  }
  return sdk::fail(sdk::ErrorCode::not_found,
                   "no plugins directory found (tried " + candidates[0].string() + " and " + candidates[1].string() +
                       "). Fix: pass --plugins-dir DIR or set TRADEHOST_PLUGINS_DIR");
}

PluginRegistry PluginRegistry::load_directory(const fs::path& dir, std::vector<Refusal>& refusals) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".so" && !entry.is_directory(ec)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  PluginRegistry registry;
  for (const auto& file : files) {
    auto status = registry.load_file(file);
    if (!status) refusals.push_back({file, status.error().message});
  }
  return registry;
}

sdk::Status PluginRegistry::load_file(const fs::path& file) {
  std::shared_ptr<dll::shared_library> library;
  try {
    // rtld_local: two plugins' internal symbols never bind to each other.
    library = std::make_shared<dll::shared_library>(file, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return refuse(std::string("not a loadable library: ") + e.what());
  }
  if (!library->has(sdk::kAbiVersionSymbol)) {
    return refuse(std::string("not a tradehost plugin: it does not export ") + sdk::kAbiVersionSymbol +
                  " (build it with TRADEHOST_EXPORT_ADAPTER from <tradehost/sdk/plugin_export.hpp>)");
  }
  std::uint32_t abi = 0;
  try {
    abi = library->get_alias<sdk::AbiVersionFunction>(sdk::kAbiVersionSymbol)();
  } catch (const std::exception& e) {
    return refuse(std::string("cannot read its ABI version: ") + e.what());
  }
  if (abi != sdk::kAbiVersion) {
    return refuse("built for ABI version " + std::to_string(abi) + ", this host needs ABI version " +
                  std::to_string(sdk::kAbiVersion) + ". Fix: rebuild the plugin against this host's SDK");
  }
  if (!library->has(sdk::kFactorySymbol)) {
    return refuse(std::string("it does not export the factory ") + sdk::kFactorySymbol +
                  " (use TRADEHOST_EXPORT_ADAPTER from <tradehost/sdk/plugin_export.hpp>)");
  }
  std::unique_ptr<sdk::Adapter> adapter;
  sdk::AdapterFactory* factory = nullptr;
  try {
    factory = &library->get_alias<sdk::AdapterFactory>(sdk::kFactorySymbol);
    adapter = factory();
  } catch (const std::exception& e) {
    return refuse(std::string("its factory threw: ") + e.what());
  } catch (...) {
    return refuse("its factory threw an unknown exception");
  }
  if (!adapter) return refuse("its factory returned no adapter");

  const sdk::Manifest& manifest = adapter->manifest();
  if (auto valid = sdk::validate_manifest(manifest); !valid) {
    return refuse("manifest " + valid.error().message);
  }
  PluginInfo info = copy_manifest(manifest, file, abi);
  if (const AdapterHandle* existing = find(info.name)) {
    return refuse("a plugin named '" + info.name + "' is already loaded from " + existing->info().file.string() +
                  ". Fix: remove one of the two files");
  }
  plugins_.emplace_back(std::shared_ptr<void>(library), factory, std::move(adapter), std::move(info));
  return sdk::ok();
}

const AdapterHandle* PluginRegistry::find(std::string_view name) const {
  for (const auto& p : plugins_) {
    if (p.info().name == name) return &p;
  }
  return nullptr;
}

AdapterHandle* PluginRegistry::find(std::string_view name) {
  for (auto& p : plugins_) {
    if (p.info().name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> PluginRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& p : plugins_) out.push_back(p.info().name);
  return out;
}

}  // namespace tradehost::registry
