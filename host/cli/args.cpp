#include "cli/args.hpp"

#include <algorithm>
#include <array>

#include "config/settings.hpp"

namespace tradehost::cli {
namespace {

struct OptionSpec {
  std::string_view name;
  bool takes_value;
};

// Options each command accepts; anything else is a usage error, never silently ignored.
constexpr std::array<OptionSpec, 17> kRunOptions = {{{"--live", false}, {"--paper", false}, {"--sim", false},
                                                     {"--tls", false}, {"--ca-file", true}, {"--events", true},
                                                     {"--trades", true}, {"--quotes", true}, {"--config", true},
                                                     {"--duration", true}, {"--exchanges", true}, {"--plugins-dir", true},
                                                     {"--report", true}, {"--log-level", true}, {"--log-format", true},
                                                     {"--help", false}, {"-h", false}}};
constexpr std::array<OptionSpec, 8> kInspectOptions = {{{"--json", false}, {"--config", true}, {"--exchanges", true},
                                                        {"--plugins-dir", true}, {"--log-level", true},
                                                        {"--log-format", true}, {"--help", false}, {"-h", false}}};
constexpr std::array<OptionSpec, 7> kDecodeOptions = {{{"--exchange", true}, {"--config", true},
                                                       {"--plugins-dir", true}, {"--log-level", true},
                                                       {"--log-format", true}, {"--help", false}, {"-h", false}}};
constexpr std::array<OptionSpec, 9> kPlanOptions = {{{"--json", false}, {"--paper", false}, {"--config", true},
                                                     {"--exchanges", true}, {"--plugins-dir", true},
                                                     {"--log-level", true}, {"--log-format", true},
                                                     {"--help", false}, {"-h", false}}};
constexpr std::array<OptionSpec, 7> kConformanceOptions = {{{"--plugin", true}, {"--frames", true},
                                                            {"--json", false}, {"--log-level", true},
                                                            {"--log-format", true}, {"--help", false}, {"-h", false}}};
constexpr std::array<OptionSpec, 8> kValidateOptions = {{{"--paper", false}, {"--config", true},
                                                         {"--exchanges", true}, {"--plugins-dir", true},
                                                         {"--log-level", true}, {"--log-format", true},
                                                         {"--help", false}, {"-h", false}}};

std::span<const OptionSpec> options_of(Command c) {
  switch (c) {
    case Command::run: return kRunOptions;
    case Command::plugins:
    case Command::config: return kInspectOptions;
    case Command::validate: return kValidateOptions;
    case Command::decode: return kDecodeOptions;
    case Command::plan: return kPlanOptions;
    case Command::conformance: return kConformanceOptions;
  }
  return kRunOptions;
}

sdk::Failure usage_error(Command c, const std::string& reason) {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "tradehost" + (c == Command::run ? std::string() : " " + std::string(command_name(c))) + ": " +
                       reason);
}

}  // namespace

std::string_view command_name(Command command) {
  switch (command) {
    case Command::run: return "run";
    case Command::plugins: return "plugins";
    case Command::config: return "config";
    case Command::validate: return "validate";
    case Command::decode: return "decode";
    case Command::plan: return "plan";
    case Command::conformance: return "conformance";
  }
  return "run";
}

sdk::Result<CliArgs> parse_args(std::span<const std::string> args) {
  CliArgs out;
  std::size_t i = 0;
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    const std::string& word = args[0];
    if (word == "plugins") out.command = Command::plugins;
    else if (word == "config") out.command = Command::config;
    else if (word == "validate") out.command = Command::validate;
    else if (word == "decode") out.command = Command::decode;
    else if (word == "plan") out.command = Command::plan;
    else if (word == "conformance") out.command = Command::conformance;
    else if (word == "help") {
      out.help = true;
      return out;
    } else {
      return usage_error(Command::run, "unknown command '" + word + "' (commands: plugins, config, validate, plan, decode, conformance; run with --live)");
    }
    i = 1;
  }
  const auto specs = options_of(out.command);
  for (; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> value;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      if (out.command == Command::decode && !out.input_path && !name.empty() && name[0] != '-') {
        out.input_path = name;  // decode's one positional argument: the file of frames
        continue;
      }
      if (name.empty() || name[0] != '-') return usage_error(out.command, "unexpected argument '" + name + "'");
      return usage_error(out.command, "unknown option '" + name + "'");
    }
    if (spec->takes_value && !value) {
      if (i + 1 >= args.size()) return usage_error(out.command, "option " + name + " needs a value");
      value = args[++i];
    }
    if (!spec->takes_value && value) return usage_error(out.command, "option " + name + " takes no value");

    if (name == "--help" || name == "-h") out.help = true;
    else if (name == "--live") out.live = true;
    else if (name == "--paper") out.paper = true;
    else if (name == "--sim") out.sim = true;
    else if (name == "--tls") out.tls = true;
    else if (name == "--ca-file") out.ca_file = *value;
    else if (name == "--events") out.events_path = *value;
    else if (name == "--trades") out.trades_path = *value;
    else if (name == "--quotes") out.quotes_path = *value;
    else if (name == "--plugin") out.plugin_file = *value;
    else if (name == "--frames") out.frames_dir = *value;
    else if (name == "--json") out.json = true;
    else if (name == "--config") out.config_path = *value;
    else if (name == "--plugins-dir") out.plugins_dir = *value;
    else if (name == "--report") out.report_path = *value;
    else if (name == "--log-level") out.log_level = *value;
    else if (name == "--log-format") out.log_format = *value;
    else if (name == "--exchange") out.exchange = *value;
    else if (name == "--duration") {
      auto d = config::parse_duration_seconds(*value);
      if (!d) return usage_error(out.command, "--duration '" + *value + "': " + d.error().message + " (e.g. --duration 3600)");
      out.duration_s = *d;
    } else if (name == "--exchanges") {
      auto list = config::parse_exchange_list(*value);
      if (!list) return usage_error(out.command, "--exchanges '" + *value + "': " + list.error().message);
      out.exchanges = std::move(*list);
    }
    if (value && value->empty()) {
      return usage_error(out.command, "option " + name + " needs a non-empty value");
    }
  }
  if (out.command == Command::decode && !out.exchange && !out.help) {
    return usage_error(Command::decode, "--exchange NAME is required (e.g. --exchange binance)");
  }
  if (out.command == Command::conformance && !out.plugin_file && !out.help) {
    return usage_error(Command::conformance, "--plugin FILE is required (e.g. --plugin build/plugins/binance.so)");
  }
  if (out.tls && !out.sim && !out.help) {
    return usage_error(Command::run, "--tls only applies to --sim (live venues are always TLS)");
  }
  if (out.command == Command::run && !out.live && !out.help) {
    return usage_error(Command::run, "nothing to do: pass --live to run, or a command (plugins, config, validate)");
  }
  return out;
}

std::string usage(Command command) {
  switch (command) {
    case Command::run:
      return R"(Usage: tradehost --live [--paper] [--sim [--tls]] [--config F] [--duration S] [--exchanges a,b]
                 [--plugins-dir D] [--report F] [--events F] [--trades F] [--quotes F]
                 [--ca-file F] [--log-level L] [--log-format text|json]
       tradehost plugins [--json]     loaded plugins, their limits and endpoints
       tradehost config [--json]      effective config, each value with its source
       tradehost validate             check config, plugins, credentials and the stream plan
       tradehost plan [--json]        the streams and connections each exchange would open
       tradehost conformance --plugin F.so [--frames DIR]   check an adapter as the host uses it
       tradehost decode --exchange N [FILE]   recorded frames to normalized events (JSON lines)
       tradehost <command> --help     help for one command

Run options:
  --live             run the trading engine (paper unless TRADING_MODE=live)
  --paper            paper trading, whatever TRADING_MODE says
  --sim              offline rehearsal: starts exchange-sim on a free loopback port (speed 60: a
                     1m kline closes every second) and points every exchange at it; with no
                     exchanges named it uses every loaded plugin
  --tls              with --sim: the simulator serves wss:// and https:// with its own CA, which
                     the host trusts for this run (peer verification stays on)
  --ca-file F        also trust the CAs in PEM file F (besides the system store)
  --events F         write every closed kline delivered to the strategy to F as JSON lines
  --trades F         write every trade delivered to the strategy to F as JSON lines
  --quotes F         write every book ticker delivered to the strategy to F as JSON lines
  --config F         config file, .yaml/.yml or .toml (else CONFIG_PATH, else config/config.example.yaml)
  --duration S       stop after S seconds, at most 31622400 (366 days) (else TRADING_DURATION;
                     0 = until stopped)
  --exchanges a,b    exchanges to use (else EXCHANGES)
  --plugins-dir D    where the adapter .so files are (else TRADEHOST_PLUGINS_DIR, <exe>/../plugins,
                     <exe>/../lib/tradehost/plugins)
  --report F         write a JSON summary to F at exit
  --log-level L      debug, info (default), warning (or warn) or error
  --log-format F     text (default) or json

Exit codes: 0 done, 1 runtime failure, 2 usage or config error. See docs/operator-guide.md.
)";
    case Command::plugins:
      return R"(Usage: tradehost plugins [--json] [--config F] [--exchanges a,b] [--plugins-dir D]

Lists every loaded plugin: name, version, ABI, file, default and effective stream limit (and where
the effective one comes from), credential env prefix, endpoints, timeframes. Plugins that were
refused are logged as WARNING with the file and the reason.
)";
    case Command::config:
      return R"(Usage: tradehost config [--json] [--config F] [--exchanges a,b] [--plugins-dir D]

Prints every effective setting with its source: file:line, env NAME, cli --flag, or default.
Credentials are shown only as *** (or "not set").
)";
    case Command::decode:
      return R"(Usage: tradehost decode --exchange NAME [FILE] [--config F] [--plugins-dir D]

Reads raw frames of one exchange, one per line (text as received; a binary frame as
"b64:<base64>"), from FILE or standard input, and prints each normalized event as one JSON line
(kline, trade, book_ticker). Control frames (acks, pings, welcome) print nothing. The symbols
are the configured ones (universe.fixed_symbols, TRADING_SYMBOLS, else BTC, ETH, SOL). A frame
that cannot be decoded is reported on stderr with its line number; the exit code is then 1.
)";
    case Command::conformance:
      return R"(Usage: tradehost conformance --plugin FILE.so [--frames DIR] [--json]

Loads one adapter plugin and checks it the way the host will use it: ABI version and manifest,
symbol, timeframe and stream names both ways, subscribe frames within the declared limits,
heartbeats, REST kline requests, and with --frames DIR (recorded frames, <kind>.jsonl, one per
line, binary as "b64:<base64>"; malformed*.jsonl must be refused; <kind>.expected.jsonl holds
the events as `tradehost decode` prints them) decoding into valid events, damaged frames giving
no event, and zero allocations per frame. One line per check: PASS, FAIL with what was expected,
what came and the section of docs/adapter-guide.md, or N/A. Exit 0 when nothing failed, 1 when
a check failed, 2 for usage errors or a plugin that cannot be loaded.
)";
    case Command::plan:
      return R"(Usage: tradehost plan [--json] [--paper] [--config F] [--exchanges a,b] [--plugins-dir D]

Prints, per exchange, the streams the run would open (symbols x websocket.stream_timeframes,
plus trade and book-ticker streams when the strategy asks), the connections (shards) they are
spread over within the venue's per-connection and per-message limits, and what the stream cap
left out and why. Connects to nothing. Exit 2 on a config error, else 0.
)";
    case Command::validate:
      return R"(Usage: tradehost validate [--paper] [--config F] [--exchanges a,b] [--plugins-dir D]

Runs every check of config, symbols, plugins, credentials (live mode) and the stream plan, one
line each: PASS, or FAIL with the reason and the fix. Exits 0 only when all pass. Unknown config
keys fail here in any mode.
)";
  }
  return {};
}

}  // namespace tradehost::cli
