// Unified symbols: `BASE/QUOTE:SETTLE`, e.g. `BTC/USDT:USDT` for the USDT-margined perpetual.
//
// This is the spelling operators write in config files and TRADING_SYMBOLS and the one every
// report uses; adapters translate it to and from their venue's form (BTCUSDT, BTC-USDT, XBTUSDTM).
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>

namespace tradehost::sdk {

struct UnifiedSymbol {
  std::string base;    // BTC, 1000PEPE
  std::string quote;   // USDT
  std::string settle;  // USDT (the margin asset)

  std::string to_string() const { return base + "/" + quote + ":" + settle; }
  friend bool operator==(const UnifiedSymbol&, const UnifiedSymbol&) = default;
};

namespace detail {
constexpr bool is_upper_alnum(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}
constexpr bool is_upper_alpha(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}
inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}
}  // namespace detail

// Parses `BASE/QUOTE:SETTLE`. Surrounding spaces are trimmed; anything else that is not the
// canonical uppercase form is refused with the reason and, where it helps, the likely intent.
inline Result<UnifiedSymbol> parse_unified_symbol(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) {
    return fail(ErrorCode::invalid_config, "empty symbol (expected BASE/QUOTE:SETTLE such as BTC/USDT:USDT)");
  }
  const auto slash = text.find('/');
  const auto colon = text.find(':');
  if (slash == std::string_view::npos || colon == std::string_view::npos || colon < slash) {
    std::string hint;
    if (slash != std::string_view::npos && colon == std::string_view::npos) {
      hint = "; for a perpetual add the settle asset: " + detail::to_upper(text) + ":" +
             detail::to_upper(text.substr(slash + 1));
    }
    return fail(ErrorCode::invalid_config,
                quoted + " is not a unified symbol (expected BASE/QUOTE:SETTLE such as BTC/USDT:USDT" +
                    hint + ")");
  }
  UnifiedSymbol s{std::string(text.substr(0, slash)), std::string(text.substr(slash + 1, colon - slash - 1)),
                  std::string(text.substr(colon + 1))};
  if (!detail::is_upper_alnum(s.base) || !detail::is_upper_alpha(s.quote) ||
      !detail::is_upper_alpha(s.settle) || s.base.size() > 24 || s.quote.size() > 12 ||
      s.settle.size() > 12) {
    const std::string upper = detail::to_upper(text);
    std::string hint;
    if (upper != text) hint = "; did you mean '" + upper + "'?";
    return fail(ErrorCode::invalid_config,
                quoted + " is not a unified symbol (BASE must be A-Z/0-9, QUOTE and SETTLE A-Z, all uppercase" +
                    hint + ")");
  }
  return s;
}

}  // namespace tradehost::sdk
