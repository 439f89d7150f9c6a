// `tradehost decode --exchange N [FILE]`: recorded frames through the real adapter, printed as
// normalized events. The same decode path as live data: padded frames, one EventBuffer, the
// adapter's bind_symbols with the configured symbols.
#include <fstream>
#include <iostream>
#include <vector>

#include <fmt/format.h>

#include "cli/startup.hpp"
#include <tradehost/conformance/event_json.hpp>
#include <tradehost/conformance/frame_source.hpp>

namespace tradehost::cli {

int decode_command(const CliArgs& args, Startup& s) {
  if (!s.plugins_dir) {
    log::error("plugins_dir_missing", s.plugins_dir_error);
    return kExitUsage;
  }
  log_refusals(s.refusals);
  // The symbols come from the config: a config error (a file over a limit, a wrong value) is
  // exit 2 here as in every command that reads one; fallbacks only warn.
  if (has_errors(s.settings.diagnostics)) {
    for (const auto& d : s.settings.diagnostics) {
      if (d.severity == config::Diagnostic::Severity::error) log::error(d.event, d.message);
    }
    return kExitUsage;
  }
  const std::string& name = *args.exchange;
  registry::AdapterHandle* plugin = s.registry.find(name);
  if (plugin == nullptr) {
    log::error("exchange_plugin_missing", fmt::format("No plugin for exchange '{}'; loaded plugins: {}. Fix: pass one "
                                                      "of those to --exchange",
                                                      name, join(s.registry.names())));
    return kExitUsage;
  }
  std::vector<sdk::SymbolBinding> bindings;
  for (const auto& symbol : s.settings.symbols.value) {
    bindings.push_back({static_cast<sdk::SymbolId>(bindings.size()), symbol, {}});
  }
  if (auto bound = plugin->adapter().bind_symbols(bindings); !bound) {
    log::error("bind_symbols_failed", fmt::format("{} cannot stream the configured symbols: {}", name, bound.error().message));
    return kExitUsage;
  }

  std::ifstream file;
  if (args.input_path) {
    file.open(*args.input_path);
    if (!file) {
      log::error("decode_input_missing", "Cannot read " + *args.input_path + ". Fix: pass a file of frames, or none to "
                                         "read standard input");
      return kExitUsage;
    }
  }
  std::istream& in = args.input_path ? static_cast<std::istream&>(file) : std::cin;
  conformance::FrameSource source(in);
  std::vector<sdk::Event> storage(1024);
  sdk::EventBuffer events(storage.data(), storage.size());
  std::size_t frames = 0, printed = 0, control = 0, errors = 0;
  std::string out;
  while (auto frame = source.next()) {
    ++frames;
    if (!*frame) {
      ++errors;
      std::cerr << fmt::format("decode: line {}: {}\n", source.line(), frame->error().message);
      continue;
    }
    events.clear();
    const sdk::DecodeResult r = plugin->adapter().decode(**frame, events);
    if (r.status == sdk::DecodeStatus::error) {
      ++errors;
      std::cerr << fmt::format("decode: line {}: {}\n", source.line(), r.detail);
      continue;
    }
    if (r.status == sdk::DecodeStatus::control) ++control;
    for (const auto& e : events) {
      const sdk::SymbolId id = e.kind == sdk::EventKind::kline   ? e.kline.symbol
                               : e.kind == sdk::EventKind::trade ? e.trade.symbol
                                                                 : e.book_ticker.symbol;
      const std::string symbol = id < bindings.size() ? bindings[id].symbol.to_string() : "?";
      out += conformance::event_json(e, name, symbol);
      out += '\n';
      ++printed;
    }
    std::cout << out;
    out.clear();
  }
  std::cout.flush();
  log::info("decode_done", fmt::format("{} frames: {} events, {} control, {} errors", frames, printed, control, errors));
  return errors == 0 ? kExitOk : kExitRuntime;
}

}  // namespace tradehost::cli
