#include "config/key_schema.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace tradehost::config {
namespace {

constexpr std::array<KeySpec, 14> kKeys = {{
    {"universe.fixed_symbols", "a non-empty list of unified symbols such as BTC/USDT:USDT",
     "symbols to trade; first source of the symbol priority (file > TRADING_SYMBOLS > defaults)"},
    {"websocket.stream_timeframes", "a non-empty list of timeframes such as [1m, 5m]",
     "kline timeframes streamed for every symbol (default [1m])"},
    {"websocket.max_streams_per_exchange.*", "a positive integer",
     "stream cap per exchange; overrides the plugin's declared default (else 10)"},
    {"exchanges.*.rest_url", "an https:// URL", "REST base of the exchange (over <PREFIX>_REST_URL and the plugin default)"},
    {"exchanges.*.ws_url", "a wss:// URL", "WebSocket base of the exchange (over <PREFIX>_WS_URL and the plugin default)"},
    {"portfolio.equity_usd", "a positive number", "equity the risk layer sizes against (over EQUITY_USD; default 100)"},
    {"strategy.trade_streams", "true or false", "also stream trades for every symbol (default false)"},
    {"strategy.book_ticker_streams", "true or false", "also stream best bid/ask for every symbol (default false)"},
    {"websocket.stale_after_ms", "a whole number of milliseconds (0 = the plugin's)",
     "a connection silent this long is stale and reconnected (default: the venue's expectation)"},
    {"websocket.reconnect_initial_ms", "a whole number of milliseconds",
     "first reconnect delay; doubles per failure, jittered (default 500)"},
    {"websocket.reconnect_max_ms", "a whole number of milliseconds", "longest reconnect delay (default 30000)"},
    {"websocket.rotate_after_ms", "a whole number of milliseconds (0 = the plugin's)",
     "replace a connection this long after it opened, make-before-break (default: the venue's lifetime rule)"},
    {"websocket.status_interval_s", "a whole number of seconds (0 = off)",
     "how often the status line is logged (default 10)"},
    {"websocket.busy_poll", "true or false",
     "spin the network thread instead of sleeping between frames: lower tail latency, one core busy (default false)"},
}};

constexpr std::array<std::string_view, 4> kSecretNames = {"api_key", "secret", "passphrase", "api_secret"};

std::vector<std::string> split(std::string_view key) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto dot = key.find('.', start);
    out.emplace_back(key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& segments, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < segments.size(); ++i) {
    if (i) out += '.';
    out += segments[i];
  }
  return out;
}

// Does the first `count` segments of `key` match the first `count` segments of a pattern?
bool prefix_matches(const std::vector<std::string>& pattern, const std::vector<std::string>& key, std::size_t count) {
  if (pattern.size() < count) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (pattern[i] != "*" && pattern[i] != key[i]) return false;
  }
  return true;
}

}  // namespace

std::span<const KeySpec> known_keys() { return kKeys; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool is_schema_leaf(std::string_view key) {
  const auto segments = split(key);
  for (const auto& spec : kKeys) {
    const auto pattern = split(spec.pattern);
    if (pattern.size() == segments.size() && prefix_matches(pattern, segments, segments.size())) return true;
  }
  return false;
}

std::vector<KeyProblem> check_keys(const ConfigDocument& doc) {
  std::vector<std::vector<std::string>> patterns;
  for (const auto& spec : kKeys) patterns.push_back(split(spec.pattern));

  std::vector<KeyProblem> problems;
  std::set<std::string> reported;
  for (const auto& entry : doc.entries) {
    const auto segments = split(entry.key);
    if (segments.size() == 3 && segments[0] == "exchanges" &&
        std::find(kSecretNames.begin(), kSecretNames.end(), segments[2]) != kSecretNames.end()) {
      problems.push_back({KeyProblem::Kind::secret_in_file, entry.key, entry.line, std::nullopt});
      continue;
    }
    // Shortest prefix that no pattern knows.
    std::size_t known = 0;
    while (known < segments.size()) {
      const std::size_t next = known + 1;
      bool any = std::any_of(patterns.begin(), patterns.end(),
                             [&](const auto& p) { return prefix_matches(p, segments, next); });
      if (!any) break;
      known = next;
    }
    if (known == segments.size()) continue;  // a known key or a known table (type checked later)
    const std::string unknown = join(segments, known + 1);
    if (!reported.insert(unknown).second) continue;

    // Closest known key at the same depth, with `*` standing for what the operator wrote.
    std::optional<std::string> suggestion;
    std::size_t best = std::max<std::size_t>(3, unknown.size() / 5) + 1;
    for (const auto& p : patterns) {
      if (p.size() < known + 1) continue;
      std::vector<std::string> candidate(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(known + 1));
      for (std::size_t i = 0; i < candidate.size(); ++i) {
        if (candidate[i] == "*") candidate[i] = segments[i];
      }
      const std::string text = join(candidate, candidate.size());
      const std::size_t d = edit_distance(unknown, text);
      if (d < best) {
        best = d;
        suggestion = text;
      }
    }
    const int line = doc.line_of(unknown) > 0 ? doc.line_of(unknown) : entry.line;
    problems.push_back({KeyProblem::Kind::unknown, unknown, line, suggestion});
  }
  return problems;
}

}  // namespace tradehost::config
