// The command line of DESIGN.md "Command line": parsed into CliArgs, or refused with a one-line
// reason (exit 2 with usage). Parsing only: nothing here reads files or the environment.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::cli {

enum class Command { run, plugins, config, validate, decode, plan, conformance };

struct CliArgs {
  Command command = Command::run;
  bool help = false;
  bool live = false;   // --live: run the trading engine (the mode is paper unless TRADING_MODE=live)
  bool paper = false;  // --paper: always paper
  bool sim = false;
  bool tls = false;  // --sim --tls
  bool json = false;
  std::optional<std::string> config_path;
  std::optional<std::int64_t> duration_s;
  std::optional<std::vector<std::string>> exchanges;
  std::optional<std::string> plugins_dir;
  std::optional<std::string> report_path;
  std::optional<std::string> events_path;
  std::optional<std::string> trades_path;
  std::optional<std::string> quotes_path;
  std::optional<std::string> ca_file;
  std::optional<std::string> plugin_file;  // conformance --plugin
  std::optional<std::string> frames_dir;   // conformance --frames
  std::optional<std::string> log_level;
  std::optional<std::string> log_format;
  std::optional<std::string> exchange;    // decode --exchange
  std::optional<std::string> input_path;  // decode FILE (stdin when absent)
};

// argv without the program name.
sdk::Result<CliArgs> parse_args(std::span<const std::string> args);

// The usage text of a command (Command::run is the top-level one).
std::string usage(Command command);
std::string_view command_name(Command command);

}  // namespace tradehost::cli
