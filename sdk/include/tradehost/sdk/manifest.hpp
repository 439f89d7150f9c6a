// What an adapter declares about its venue. The host reads it right after the ABI check, copies
// what it keeps, and validates it (validate_manifest below) before the plugin is listed.
//
// Ownership: every view points into storage of the plugin (string literals, static arrays) and
// stays valid while the plugin is loaded; the host copies the values out and keeps no view.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

// A plugin that declares no default stream limit gets this one (DESIGN.md "The plugin boundary").
inline constexpr std::int32_t kUndeclaredStreamLimit = -1;
inline constexpr std::int32_t kFallbackStreamLimit = 10;
inline constexpr std::int32_t kMaxStreamLimit = 100000;

enum class FrameCompression : std::uint8_t { none = 1, gzip, deflate };

// How the venue tells that a kline is final: a flag on its last update (Binance `x`), or only by
// the next kline opening (BingX, KuCoin). For the latter the adapter emits the previous kline as
// closed when the next one opens, and the host also closes it when its end passes on the venue
// clock without a successor (a quiet market).
enum class KlineClose : std::uint8_t { flag = 1, next_open };

constexpr std::string_view to_string(KlineClose k) noexcept { return k == KlineClose::flag ? "flag" : "next_open"; }

// What a trade's `trade_id` promises. `increasing`: ids rise with every trade of a symbol (gaps
// allowed), so the host hands a symbol from one connection to the next where their trades meet
// and drops repeats: no trade doubled or skipped at a make-before-break switch or a replay after
// a reconnect. `none`: the venue sends no usable id (BingX USDT-M); trades come from one
// connection at a time and a switch may double or skip one.
enum class TradeIds : std::uint8_t { none = 1, increasing };

constexpr std::string_view to_string(TradeIds t) noexcept { return t == TradeIds::increasing ? "increasing" : "none"; }

constexpr std::string_view to_string(FrameCompression c) noexcept {
  switch (c) {
    case FrameCompression::none: return "none";
    case FrameCompression::gzip: return "gzip";
    case FrameCompression::deflate: return "deflate";
  }
  return "?";
}

// Per-connection rules of the venue's WebSocket, from its documentation; the host shards streams
// across connections so that none of these is exceeded.
struct ConnectionLimits {
  std::uint32_t streams_per_connection;      // topics one connection may carry
  std::uint32_t streams_per_message;         // topics one subscribe frame may name
  std::uint32_t client_messages_per_10s;     // frames the client may send per 10 s, pings included
};

struct Manifest {
  std::string_view name;          // [a-z][a-z0-9_]{0,31}: binance, bingx, kucoinfutures
  std::string_view version;       // the adapter's own version, e.g. "0.1.0"
  std::int32_t default_stream_limit;  // 1..kMaxStreamLimit, or kUndeclaredStreamLimit
  std::string_view env_prefix;    // credentials are <PREFIX>_API_KEY, _SECRET, _PASSPHRASE
  bool needs_passphrase;          // KuCoin: API keys carry a passphrase
  std::string_view rest_url;      // production REST base, https://
  std::string_view ws_url;        // production WebSocket base, wss://
  std::span<const Timeframe> timeframes;  // kline timeframes the venue streams and backfills
  FrameCompression compression;   // how server frames arrive
  KlineClose kline_close;         // how a closed kline is recognised
  TradeIds trade_ids;             // whether trade ids rise per symbol (see TradeIds)
  ConnectionLimits limits;
};

static_assert(sizeof(ConnectionLimits) == 12, "layout changed: bump kAbiVersion");
static_assert(sizeof(Manifest) == 128, "layout changed: bump kAbiVersion");

namespace detail {
constexpr bool is_valid_plugin_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 32) return false;
  if (!(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}
constexpr bool is_valid_env_prefix(std::string_view p) noexcept {
  if (p.empty() || p.size() > 32 || !(p[0] >= 'A' && p[0] <= 'Z')) return false;
  for (char c : p) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}
}  // namespace detail

// The checks the host applies to every manifest; the conformance kit applies the same.
inline Status validate_manifest(const Manifest& m) {
  if (!detail::is_valid_plugin_name(m.name)) {
    return fail(ErrorCode::invalid_config,
                "invalid name '" + std::string(m.name) +
                    "' (must be 1-32 characters of a-z, 0-9 or _, starting with a letter)");
  }
  if (m.default_stream_limit != kUndeclaredStreamLimit &&
      (m.default_stream_limit < 1 || m.default_stream_limit > kMaxStreamLimit)) {
    return fail(ErrorCode::invalid_config,
                "invalid default stream limit " + std::to_string(m.default_stream_limit) +
                    " (must be 1.." + std::to_string(kMaxStreamLimit) +
                    ", or kUndeclaredStreamLimit for the host default of 10)");
  }
  if (!detail::is_valid_env_prefix(m.env_prefix)) {
    return fail(ErrorCode::invalid_config,
                "invalid env prefix '" + std::string(m.env_prefix) + "' (must be A-Z, 0-9 or _, e.g. BINANCE)");
  }
  if (m.timeframes.empty()) {
    return fail(ErrorCode::invalid_config, "declares no timeframes");
  }
  if (m.trade_ids != TradeIds::none && m.trade_ids != TradeIds::increasing) {
    return fail(ErrorCode::invalid_config, "trade_ids must be TradeIds::none or TradeIds::increasing");
  }
  if (m.limits.streams_per_connection == 0 || m.limits.streams_per_message == 0 ||
      m.limits.client_messages_per_10s == 0) {
    return fail(ErrorCode::invalid_config, "connection limits must all be positive");
  }
  return ok();
}

}  // namespace tradehost::sdk
