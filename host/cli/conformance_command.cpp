// `tradehost conformance --plugin F.so [--frames DIR] [--json]`: the conformance kit on one built
// plugin, loaded exactly as the host loads plugins (ABI check first).
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <tradehost/conformance/check.hpp>

#include "cli/startup.hpp"

namespace tradehost::cli {

int conformance_command(const CliArgs& args, Startup& /*startup*/) {
  const std::filesystem::path file = *args.plugin_file;
  registry::PluginRegistry registry;
  if (auto loaded = registry.load_file(file); !loaded) {
    std::cout << "FAIL load " << file.string() << ": " << loaded.error().message
              << ". See docs/adapter-guide.md#abi-versions\n";
    log::error("plugin_refused", fmt::format("Plugin {} refused: {}", file.string(), loaded.error().message));
    return kExitUsage;
  }
  auto& plugin = registry.plugins().front();
  auto* handle = registry.find(plugin.info().name);
  conformance::Options options;
  if (args.frames_dir) options.frames_dir = *args.frames_dir;
  options.abi_version = plugin.info().abi_version;
  options.new_instance = [handle] { return handle->new_instance(); };
  const auto report = conformance::check_adapter(handle->adapter(), options);

  if (args.json) {
    nlohmann::json out;
    out["plugin"] = file.string();
    out["name"] = plugin.info().name;
    out["passed"] = report.passed();
    out["checks"] = nlohmann::json::array();
    for (const auto& f : report.findings) {
      const char* outcome = f.outcome == conformance::Finding::Outcome::pass   ? "pass"
                            : f.outcome == conformance::Finding::Outcome::fail ? "fail"
                                                                                : "n/a";
      out["checks"].push_back(
          {{"check", f.check}, {"outcome", outcome}, {"expected", f.expected}, {"got", f.got}, {"guide", f.guide}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& f : report.findings) std::cout << conformance::format(f) << "\n";
    std::cout << fmt::format("conformance {}: {} checks, {} failed\n", plugin.info().name, report.findings.size(),
                             report.failures());
  }
  return report.passed() ? kExitOk : kExitRuntime;
}

}  // namespace tradehost::cli
