// Settings: every effective value of a run, each with the source it came from.
//
// resolve_settings() applies the priorities of DESIGN.md "Configuration": command line, then the
// config file (--config, else CONFIG_PATH, else config/config.example.yaml), then environment
// variables, then built-in defaults; symbols take the first source that yields a valid non-empty
// list. It never logs and never fails: what went wrong is returned as Diagnostics, in the order
// an operator should read them, and the caller logs them and decides (exit 2, fall back, FAIL).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

#include "config/env.hpp"

namespace tradehost::config {

enum class Mode { paper, live };
std::string_view to_string(Mode mode) noexcept;

struct Source {
  enum class Kind { default_value, file, env, cli };
  Kind kind = Kind::default_value;
  std::string where;  // "config.yaml:12", "EQUITY_USD", "--duration"; empty for defaults

  // "config.yaml:12", "env EQUITY_USD", "cli --duration", "default"
  std::string to_string() const;
};
inline Source default_source(std::string what = {}) { return {Source::Kind::default_value, std::move(what)}; }

template <typename T>
struct Sourced {
  T value{};
  Source source;
};

struct Diagnostic {
  enum class Severity {
    info,            // a choice the operator should see (fallback to the environment)
    warning,         // running on a fallback or ignoring something
    fallback_error,  // a step failed; paper mode falls back, live mode refuses to start
    error,           // a value is wrong; nothing starts in any mode (exit 2)
  };
  Severity severity = Severity::info;
  bool error_in_live = false;      // warnings that live mode treats as errors
  bool error_in_validate = false;  // warnings that `validate` reports as FAIL in any mode
  std::string event;           // snake_case name, e.g. config_file_not_found
  std::string message;         // what happened, why, and the fix
};

struct CliOverrides {
  bool paper = false;                                  // --paper
  std::optional<std::string> config_path;              // --config
  std::optional<std::int64_t> duration_s;              // --duration
  std::optional<std::vector<std::string>> exchanges;   // --exchanges
};

inline const std::vector<std::string> kDefaultSymbols = {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"};
inline constexpr const char* kDefaultConfigPath = "config/config.example.yaml";
inline constexpr double kDefaultEquityUsd = 100.0;

struct Settings {
  Sourced<std::string> config_path;
  bool config_loaded = false;
  enum class SymbolSource { file, env, defaults };
  SymbolSource symbol_source = SymbolSource::defaults;

  Sourced<Mode> mode;
  Sourced<std::int64_t> duration_s;  // 0 = until stopped
  Sourced<double> equity_usd;
  Sourced<std::vector<sdk::UnifiedSymbol>> symbols;
  Sourced<std::vector<sdk::Timeframe>> timeframes;
  Sourced<std::vector<std::string>> exchanges;  // names of the exchanges in use
  Sourced<bool> trade_streams;
  Sourced<bool> book_ticker_streams;
  // Connection tuning (websocket.*); 0 for stale_after_ms and rotate_after_ms = the plugin's.
  Sourced<std::int64_t> stale_after_ms;
  Sourced<std::int64_t> reconnect_initial_ms;
  Sourced<std::int64_t> reconnect_max_ms;
  Sourced<std::int64_t> rotate_after_ms;
  Sourced<std::int64_t> status_interval_s;
  Sourced<bool> busy_poll;
  std::map<std::string, Sourced<std::int32_t>> stream_limit_overrides;  // from the file, by name
  std::map<std::string, Sourced<std::string>> rest_urls;                // from the file, by name
  std::map<std::string, Sourced<std::string>> ws_urls;                  // from the file, by name

  std::vector<Diagnostic> diagnostics;

  // True when a diagnostic forbids starting in this mode (errors always; in live mode also
  // fallback errors and the warnings marked error_in_live).
  bool blocks_start() const;
};

Settings resolve_settings(const CliOverrides& cli, const Env& env);

// Parsers for values that arrive as text from the environment or a file; exposed for tests.
sdk::Result<std::int64_t> parse_duration_seconds(std::string_view text);
sdk::Result<double> parse_positive_number(std::string_view text);
sdk::Result<std::int32_t> parse_stream_limit(std::string_view text);
sdk::Result<std::vector<std::string>> parse_exchange_list(std::string_view text);

}  // namespace tradehost::config
