#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include <tradehost/sdk/manifest.hpp>

#include "config/config_document.hpp"
#include "config/key_schema.hpp"
#include "config/limits.hpp"
#include "config/settings.hpp"
#include "config/text.hpp"
#include "log/log.hpp"
#include "net/url.hpp"

namespace tradehost::config {
namespace {

using Severity = Diagnostic::Severity;

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

Source file_source(const ConfigDocument& doc, const ConfigEntry& e) { return {Source::Kind::file, doc.where(e)}; }

class Resolver {
 public:
  Resolver(const CliOverrides& cli, const Env& env) : cli_(cli), env_(env) {}

  Settings run() {
    resolve_mode();
    resolve_duration();
    load_file();
    resolve_symbols();
    resolve_timeframes();
    resolve_stream_caps();
    resolve_endpoints();
    resolve_equity();
    resolve_exchanges();
    resolve_strategy_flags();
    resolve_connection_tuning();
    return std::move(s_);
  }

 private:
  void add(Severity severity, std::string event, std::string message, bool error_in_live = false,
           bool error_in_validate = false) {
    s_.diagnostics.push_back({severity, error_in_live, error_in_validate, std::move(event), std::move(message)});
  }

  void resolve_mode() {
    s_.mode = {Mode::paper, {}};
    if (cli_.paper) {
      s_.mode = {Mode::paper, {Source::Kind::cli, "--paper"}};
      return;
    }
    auto raw = env_.get("TRADING_MODE");
    if (!raw || trim(*raw).empty()) return;
    const std::string v = lower(trim(*raw));
    if (v == "paper" || v == "live") {
      s_.mode = {v == "live" ? Mode::live : Mode::paper, {Source::Kind::env, "TRADING_MODE"}};
      return;
    }
    add(Severity::error, "invalid_trading_mode",
        fmt::format("TRADING_MODE='{}' is not a trading mode. Fix: set TRADING_MODE to paper or live (default paper)",
                    *raw));
  }

  void resolve_duration() {
    s_.duration_s = {0, {}};
    if (cli_.duration_s) {
      s_.duration_s = {*cli_.duration_s, {Source::Kind::cli, "--duration"}};
      return;
    }
    auto raw = env_.get("TRADING_DURATION");
    if (!raw || trim(*raw).empty()) return;
    auto d = parse_duration_seconds(*raw);
    if (!d) {
      add(Severity::error, "invalid_trading_duration",
          fmt::format("TRADING_DURATION='{}' is refused: {}. Fix: set whole seconds, e.g. "
                      "TRADING_DURATION=3600 (0 or unset runs until stopped)",
                      *raw, d.error().message));
      return;
    }
    s_.duration_s = {*d, {Source::Kind::env, "TRADING_DURATION"}};
  }

  void load_file() {
    if (cli_.config_path) {
      s_.config_path = {*cli_.config_path, {Source::Kind::cli, "--config"}};
    } else if (auto p = env_.get("CONFIG_PATH"); p && !trim(*p).empty()) {
      s_.config_path = {trim(*p), {Source::Kind::env, "CONFIG_PATH"}};
    } else {
      s_.config_path = {kDefaultConfigPath, {}};
    }
    auto doc = load_config_document(s_.config_path.value);
    if (!doc) {
      if (doc.error().code == sdk::ErrorCode::not_found) {
        add(Severity::fallback_error, "config_file_not_found",
            fmt::format("Config file not found: {} (from {}). Fix: pass --config FILE or export CONFIG_PATH=FILE "
                        "(relative paths are from the current directory; the repository ships "
                        "config/config.example.yaml), or set TRADING_SYMBOLS=\"BTC/USDT:USDT,ETH/USDT:USDT\"",
                        s_.config_path.value, s_.config_path.source.to_string()));
      } else if (doc.error().code == sdk::ErrorCode::rejected) {
        // Over a limit of config/limits.hpp: not a typo to run past on fallbacks, in any mode.
        add(Severity::error, "config_file_refused",
            fmt::format("Config file refused: {}. Every command refuses such a file, in paper mode too; "
                        "docs/security.md lists the limits",
                        doc.error().message));
      } else {
        add(Severity::fallback_error, "config_file_invalid",
            fmt::format("Config file could not be loaded: {}. Fix: correct the file (compare with "
                        "config/config.example.yaml); until then none of its settings apply",
                        doc.error().message));
      }
      return;
    }
    doc_ = std::move(*doc);
    s_.config_loaded = true;
    check_key_names();
  }

  void check_key_names() {
    for (const auto& p : check_keys(*doc_)) {
      const std::string where = doc_->path + ":" + std::to_string(p.line);
      if (p.kind == KeyProblem::Kind::secret_in_file) {
        if (const auto* e = doc_->find(p.key)) log::register_secret(e->text);
        add(Severity::error, "config_secret_in_file",
            fmt::format("credential key '{}' at {}: credentials do not belong in the config file. Fix: remove the "
                        "line and set the exchange's <PREFIX>_API_KEY, <PREFIX>_SECRET and <PREFIX>_PASSPHRASE "
                        "environment variables (`tradehost plugins` shows each prefix)",
                        p.key, where));
        continue;
      }
      std::string message = fmt::format("unknown key '{}' at {}", p.key, where);
      if (p.suggestion) {
        message += fmt::format("; did you mean '{}'?", *p.suggestion);
      } else {
        message += "; paper mode ignores it, live mode and validate refuse it (docs/operator-guide.md lists every key)";
      }
      add(Severity::warning, "config_unknown_key", std::move(message), /*error_in_live=*/true,
          /*error_in_validate=*/true);
    }
    for (const auto& e : doc_->entries) {
      // max_streams_per_exchange has its own message with an example (resolve_stream_caps).
      if (e.key == "websocket.max_streams_per_exchange") continue;
      if (e.kind != ConfigEntry::Kind::null && !is_schema_leaf(e.key) && check_keys_known(e.key)) {
        add(Severity::error, "config_wrong_type",
            fmt::format("'{}' at {} must be a table of keys, not a value. Fix: compare with "
                        "config/config.example.yaml",
                        e.key, doc_->where(e)));
      }
    }
  }

  // A key that check_keys did not report (so its path is known) but that is not a leaf.
  bool check_keys_known(const std::string& key) const {
    ConfigDocument probe{doc_->path, {ConfigEntry{key, ConfigEntry::Kind::scalar, "", {}, 0}}, {}};
    return check_keys(probe).empty();
  }

  const ConfigEntry* file_entry(std::string_view key) const { return doc_ ? doc_->find(key) : nullptr; }

  void resolve_symbols() {
    // Step 1/3: the config file.
    if (doc_) {
      const ConfigEntry* e = file_entry("universe.fixed_symbols");
      if (e == nullptr) {
        add(Severity::info, "symbols_not_in_file",
            fmt::format("universe.fixed_symbols is not set in {}; trying TRADING_SYMBOLS", doc_->path));
      } else if (e->kind != ConfigEntry::Kind::list) {
        add(Severity::fallback_error, "symbols_file_invalid",
            fmt::format("Config step 1/3 (config file) failed: universe.fixed_symbols at {} must be a list of "
                        "symbols. Fix: write it as a list, e.g. fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]",
                        doc_->where(*e)));
      } else if (auto symbols = parse_symbol_list(e->items, "universe.fixed_symbols at " + doc_->where(*e),
                                                   "Config step 1/3 (config file) failed")) {
        s_.symbols = {std::move(*symbols), file_source(*doc_, *e)};
        s_.symbol_source = Settings::SymbolSource::file;
        add(Severity::info, "symbols_loaded",
            fmt::format("Loaded {} symbols from {} (universe.fixed_symbols)", s_.symbols.value.size(),
                        doc_->where(*e)));
        return;
      }
    }
    // Step 2/3: TRADING_SYMBOLS.
    if (auto raw = env_.get("TRADING_SYMBOLS")) {
      std::vector<std::string> items = trim(*raw).empty() ? std::vector<std::string>{} : split_commas(*raw);
      if (auto symbols = parse_symbol_list(items, "TRADING_SYMBOLS", "Config step 2/3 (TRADING_SYMBOLS) failed")) {
        s_.symbols = {std::move(*symbols), {Source::Kind::env, "TRADING_SYMBOLS"}};
        s_.symbol_source = Settings::SymbolSource::env;
        add(Severity::info, "symbols_from_env",
            fmt::format("Falling back to environment: {} symbols from TRADING_SYMBOLS", s_.symbols.value.size()));
        return;
      }
    } else {
      add(Severity::info, "symbols_env_unset", "TRADING_SYMBOLS is not set; trying the built-in defaults");
    }
    // Step 3/3: built-in defaults.
    std::vector<sdk::UnifiedSymbol> defaults;
    for (const auto& text : kDefaultSymbols) {
      auto parsed = sdk::parse_unified_symbol(text);
      if (parsed) defaults.push_back(std::move(*parsed));
    }
    s_.symbols = {std::move(defaults), {}};
    s_.symbol_source = Settings::SymbolSource::defaults;
    add(Severity::warning, "symbols_from_defaults",
        fmt::format("Using default symbols {}: neither universe.fixed_symbols nor TRADING_SYMBOLS gave a valid "
                    "list. Fix: set universe.fixed_symbols in the config file or "
                    "TRADING_SYMBOLS=\"BTC/USDT:USDT,ETH/USDT:USDT\" (live mode never trades on defaults)",
                    join(kDefaultSymbols)),
        /*error_in_live=*/true);
  }

  // A valid, non-empty list; on failure adds a fallback_error naming every bad item.
  std::optional<std::vector<sdk::UnifiedSymbol>> parse_symbol_list(const std::vector<std::string>& items,
                                                                   const std::string& where,
                                                                   const std::string& step) {
    if (items.empty()) {
      add(Severity::fallback_error, "symbols_empty",
          fmt::format("{}: {} is empty. Fix: list at least one symbol, e.g. BTC/USDT:USDT", step, where));
      return std::nullopt;
    }
    std::vector<sdk::UnifiedSymbol> out;
    std::vector<std::string> bad;
    std::set<std::string> seen;
    for (const auto& item : items) {
      auto parsed = sdk::parse_unified_symbol(item);
      if (!parsed) {
        bad.push_back(parsed.error().message);
        continue;
      }
      if (!seen.insert(parsed->to_string()).second) {
        add(Severity::warning, "symbol_listed_twice",
            fmt::format("{} lists {} twice; it is used once. Fix: remove the repeat", where, parsed->to_string()));
        continue;
      }
      out.push_back(std::move(*parsed));
    }
    if (!bad.empty()) {
      add(Severity::fallback_error, "symbols_invalid",
          fmt::format("{}: {} has invalid symbols: {}. Fix: write each as BASE/QUOTE:SETTLE, e.g. BTC/USDT:USDT",
                      step, where, join(bad, "; ")));
      return std::nullopt;
    }
    return out;
  }

  void resolve_timeframes() {
    s_.timeframes = {{sdk::Timeframe::m1}, {}};
    const ConfigEntry* e = file_entry("websocket.stream_timeframes");
    if (e == nullptr) return;
    const std::string where = doc_->where(*e);
    if (e->kind != ConfigEntry::Kind::list || e->items.empty()) {
      add(Severity::error, "timeframes_invalid",
          fmt::format("websocket.stream_timeframes at {} must be a non-empty list. Fix: e.g. stream_timeframes: "
                      "[1m, 5m]",
                      where));
      return;
    }
    std::vector<sdk::Timeframe> out;
    std::vector<std::string> bad;
    for (const auto& item : e->items) {
      auto tf = sdk::parse_timeframe(trim(item));
      if (!tf) {
        bad.push_back("'" + item + "'");
      } else if (std::find(out.begin(), out.end(), *tf) == out.end()) {
        out.push_back(*tf);
      } else {
        add(Severity::warning, "timeframe_listed_twice",
            fmt::format("websocket.stream_timeframes at {} lists {} twice; it is used once. Fix: remove the repeat",
                        where, item));
      }
    }
    if (!bad.empty()) {
      std::vector<std::string> all;
      for (auto tf : sdk::kAllTimeframes) all.emplace_back(sdk::to_string(tf));
      add(Severity::error, "timeframes_invalid",
          fmt::format("websocket.stream_timeframes at {} has unknown timeframes {}. Fix: use {} (1m is a minute, "
                      "1M a month)",
                      where, join(bad), join(all)));
      return;
    }
    s_.timeframes = {std::move(out), file_source(*doc_, *e)};
  }

  void resolve_stream_caps() {
    if (!doc_) return;
    constexpr std::string_view kPrefix = "websocket.max_streams_per_exchange";
    for (const auto& e : doc_->entries) {
      if (e.key == kPrefix && e.kind != ConfigEntry::Kind::null) {
        add(Severity::error, "stream_cap_invalid",
            fmt::format("websocket.max_streams_per_exchange at {} must map exchange names to caps. Fix: e.g. "
                        "max_streams_per_exchange: {{bingx: 5, binance: 30}}",
                        doc_->where(e)));
        continue;
      }
      if (e.key.size() <= kPrefix.size() + 1 || e.key.compare(0, kPrefix.size() + 1, std::string(kPrefix) + ".") != 0) {
        continue;
      }
      const std::string name = e.key.substr(kPrefix.size() + 1);
      if (name.find('.') != std::string::npos) continue;  // reported as an unknown key
      auto limit = e.kind == ConfigEntry::Kind::scalar ? parse_stream_limit(e.text)
                                                       : sdk::Result<std::int32_t>(sdk::fail(sdk::ErrorCode::invalid_config, "not a single value"));
      if (!limit) {
        add(Severity::error, "stream_cap_invalid",
            fmt::format("{} at {} is {}: a stream cap must be a positive integer. Fix: e.g. {}: 5", e.key,
                        doc_->where(e), e.kind == ConfigEntry::Kind::scalar ? "'" + e.text + "'" : "not a number",
                        name));
        continue;
      }
      s_.stream_limit_overrides[name] = {*limit, file_source(*doc_, e)};
    }
  }

  void resolve_endpoints() {
    if (!doc_) return;
    for (const auto& e : doc_->entries) {
      if (e.key.rfind("exchanges.", 0) != 0) continue;
      const std::string rest = e.key.substr(std::string_view("exchanges.").size());
      const auto dot = rest.find('.');
      if (dot == std::string::npos) continue;
      const std::string name = rest.substr(0, dot);
      const std::string field = rest.substr(dot + 1);
      const bool is_rest = field == "rest_url";
      if (!is_rest && field != "ws_url") continue;
      const std::string kind = is_rest ? "REST" : "WebSocket";
      const std::string example = is_rest ? "https://fapi.binance.com" : "wss://fstream.binance.com";
      if (e.kind != ConfigEntry::Kind::scalar) {
        add(Severity::error, "endpoint_invalid",
            fmt::format("{} at {} is not a {} URL. Fix: e.g. {}", e.key, doc_->where(e), kind, example));
        continue;
      }
      // The parser the run dials with: what passes here is what a run accepts (issue 13).
      auto parsed = net::parse_endpoint(e.text, is_rest ? net::Endpoint::rest : net::Endpoint::websocket);
      if (!parsed) {
        add(Severity::error, "endpoint_invalid",
            fmt::format("{} at {} is not a usable {} URL: {}. Fix: e.g. {}", e.key, doc_->where(e), kind,
                        parsed.error().message, example));
        continue;
      }
      (is_rest ? s_.rest_urls : s_.ws_urls)[name] = {e.text, file_source(*doc_, e)};
    }
  }

  void resolve_equity() {
    s_.equity_usd = {kDefaultEquityUsd, {}};
    if (const ConfigEntry* e = file_entry("portfolio.equity_usd")) {
      auto v = e->kind == ConfigEntry::Kind::scalar ? parse_positive_number(e->text)
                                                    : sdk::Result<double>(sdk::fail(sdk::ErrorCode::invalid_config, "not a number"));
      if (!v) {
        add(Severity::error, "equity_invalid",
            fmt::format("portfolio.equity_usd at {} is not a positive number. Fix: e.g. equity_usd: 100",
                        doc_->where(*e)));
        return;
      }
      if (*v > kMaxEquityUsd) {
        add(Severity::error, "equity_invalid",
            fmt::format("portfolio.equity_usd at {} is {}, above the limit of {} USD. Fix: e.g. equity_usd: 100",
                        doc_->where(*e), e->text, kMaxEquityUsd));
        return;
      }
      s_.equity_usd = {*v, file_source(*doc_, *e)};
      return;
    }
    auto raw = env_.get("EQUITY_USD");
    if (!raw || trim(*raw).empty()) return;
    auto v = parse_positive_number(*raw);
    if (!v) {
      add(Severity::error, "equity_invalid",
          fmt::format("EQUITY_USD='{}' is not a positive number of US dollars. Fix: e.g. EQUITY_USD=100", *raw));
      return;
    }
    if (*v > kMaxEquityUsd) {
      add(Severity::error, "equity_invalid",
          fmt::format("EQUITY_USD='{}' is above the limit of {} USD. Fix: e.g. EQUITY_USD=100", *raw, kMaxEquityUsd));
      return;
    }
    s_.equity_usd = {*v, {Source::Kind::env, "EQUITY_USD"}};
  }

  void resolve_exchanges() {
    s_.exchanges = {{}, {}};
    if (cli_.exchanges) {
      s_.exchanges = {*cli_.exchanges, {Source::Kind::cli, "--exchanges"}};
      return;
    }
    auto raw = env_.get("EXCHANGES");
    if (!raw || trim(*raw).empty()) return;
    auto list = parse_exchange_list(*raw);
    if (!list) {
      add(Severity::error, "exchanges_invalid",
          fmt::format("EXCHANGES='{}' is not a list of exchange names: {}. Fix: e.g. EXCHANGES=\"bingx,kucoinfutures\"",
                      *raw, list.error().message));
      return;
    }
    s_.exchanges = {std::move(*list), {Source::Kind::env, "EXCHANGES"}};
  }

  void resolve_strategy_flags() {
    s_.trade_streams = flag("strategy.trade_streams");
    s_.book_ticker_streams = flag("strategy.book_ticker_streams");
  }

  void resolve_connection_tuning() {
    s_.stale_after_ms = whole_number("websocket.stale_after_ms", 0, 0, 3600000);
    s_.reconnect_initial_ms = whole_number("websocket.reconnect_initial_ms", 500, 1, 600000);
    s_.reconnect_max_ms = whole_number("websocket.reconnect_max_ms", 30000, 1, 3600000);
    s_.rotate_after_ms = whole_number("websocket.rotate_after_ms", 0, 0, 7 * 86400000LL);
    s_.status_interval_s = whole_number("websocket.status_interval_s", 10, 0, 86400);
    s_.busy_poll = flag("websocket.busy_poll");
    if (s_.reconnect_max_ms.value < s_.reconnect_initial_ms.value) {
      add(Severity::error, "config_value_invalid",
          fmt::format("websocket.reconnect_max_ms ({}, {}) is below websocket.reconnect_initial_ms ({}, {}). Fix: "
                      "make the longest delay at least the first",
                      s_.reconnect_max_ms.value, s_.reconnect_max_ms.source.to_string(), s_.reconnect_initial_ms.value,
                      s_.reconnect_initial_ms.source.to_string()));
    }
  }

  Sourced<std::int64_t> whole_number(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max) {
    const ConfigEntry* e = file_entry(key);
    if (e == nullptr) return {fallback, {}};
    const std::string t = trim(e->text);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (e->kind == ConfigEntry::Kind::scalar && !t.empty() && ec == std::errc() && ptr == t.data() + t.size() &&
        v >= min && v <= max) {
      return {v, file_source(*doc_, *e)};
    }
    add(Severity::error, "config_value_invalid",
        fmt::format("{} at {} is '{}', not a whole number from {} to {}. Fix: e.g. {}: {}", key, doc_->where(*e),
                    e->kind == ConfigEntry::Kind::scalar ? e->text : std::string("a list or map"), min, max,
                    key.substr(key.rfind('.') + 1), fallback == 0 ? max / 1000 : fallback));
    return {fallback, {}};
  }

  Sourced<bool> flag(std::string_view key) {
    const ConfigEntry* e = file_entry(key);
    if (e == nullptr) return {false, {}};
    const std::string v = lower(trim(e->text));
    if (e->kind == ConfigEntry::Kind::scalar && (v == "true" || v == "false")) {
      return {v == "true", file_source(*doc_, *e)};
    }
    add(Severity::error, "config_flag_invalid",
        fmt::format("{} at {} must be true or false. Fix: e.g. {}: false", key, doc_->where(*e),
                    key.substr(key.rfind('.') + 1)));
    return {false, {}};
  }

  const CliOverrides& cli_;
  const Env& env_;
  std::optional<ConfigDocument> doc_;
  Settings s_;
};

}  // namespace

std::string_view to_string(Mode mode) noexcept { return mode == Mode::live ? "live" : "paper"; }

std::string Source::to_string() const {
  switch (kind) {
    case Kind::default_value: return where.empty() ? "default" : where;
    case Kind::file: return where;
    case Kind::env: return "env " + where;
    case Kind::cli: return "cli " + where;
  }
  return "default";
}

bool Settings::blocks_start() const {
  const bool live = mode.value == Mode::live;
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    if (d.severity == Severity::error) return true;
    if (!live) return false;
    return d.severity == Severity::fallback_error || d.error_in_live;
  });
}

Settings resolve_settings(const CliOverrides& cli, const Env& env) { return Resolver(cli, env).run(); }

}  // namespace tradehost::config
