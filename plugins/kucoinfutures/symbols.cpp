#include "kucoinfutures/symbols.hpp"

#include "kucoinfutures/manifest.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

#include <tradehost/sdk/timeframe_names.hpp>

namespace tradehost::kucoinfutures {
namespace {

// protocols/kucoinfutures.md §2: USDT- and USDC-margined perpetuals share the contract list;
// the symbol is base + quote + "M".
constexpr std::array<std::string_view, 2> kQuotes = {"USDT", "USDC"};
constexpr char kPerpetualSuffix = 'M';
// protocols/kucoinfutures.md §2: KuCoin calls bitcoin XBT, in `symbol` and `baseCurrency`.
constexpr std::string_view kUnifiedBitcoin = "BTC";
constexpr std::string_view kVenueBitcoin = "XBT";

// Same bound as sdk::parse_unified_symbol, so whatever we return parses back.
constexpr std::size_t kMaxBaseLength = 24;

// protocols/kucoinfutures.md §3: the `<symbol>_<type>` suffix of /contractMarket/limitCandle.
constexpr std::array<sdk::TimeframeSpelling, 11> kCandleTypes = {{
    {sdk::Timeframe::m1, "1min"},
    {sdk::Timeframe::m5, "5min"},
    {sdk::Timeframe::m15, "15min"},
    {sdk::Timeframe::m30, "30min"},
    {sdk::Timeframe::h1, "1hour"},
    {sdk::Timeframe::h2, "2hour"},
    {sdk::Timeframe::h4, "4hour"},
    {sdk::Timeframe::h8, "8hour"},
    {sdk::Timeframe::h12, "12hour"},
    {sdk::Timeframe::d1, "1day"},
    {sdk::Timeframe::w1, "1week"},
}};

// The manifest promises exactly what this table can spell; keep them in step.
constexpr bool matches_manifest() {
  if (kCandleTypes.size() != kTimeframes.size()) return false;
  for (std::size_t i = 0; i < kTimeframes.size(); ++i) {
    if (kCandleTypes[i].timeframe != kTimeframes[i]) return false;
  }
  return true;
}
static_assert(matches_manifest(), "kCandleTypes and kTimeframes list different timeframes");

bool is_supported_quote(std::string_view quote) {
  return std::find(kQuotes.begin(), kQuotes.end(), quote) != kQuotes.end();
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

sdk::Failure not_linear(const std::string& name) {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "kucoinfutures: " + name + " is not a USDT- or USDC-margined perpetual");
}

}  // namespace

sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) {
  const std::string name = quoted(symbol.to_string());
  // The host hands us parsed symbols, but the struct itself accepts anything.
  if (!sdk::detail::is_upper_alnum(symbol.base) || symbol.base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + name + " has an invalid base (must be 1-24 of A-Z, 0-9)");
  }
  // XBT/... would map to XBTUSDTM and come back as BTC/...: refuse it so the mapping stays
  // one-to-one, and point at the unified spelling.
  if (symbol.base == kVenueBitcoin) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + name +
                         " uses KuCoin's name for bitcoin; unified symbols say BTC (e.g. "
                         "BTC/USDT:USDT)");
  }
  if (!is_supported_quote(symbol.quote) || symbol.settle != symbol.quote) return not_linear(name);
  const std::string_view base = symbol.base == kUnifiedBitcoin ? kVenueBitcoin : symbol.base;
  return std::string(base) + symbol.quote + kPerpetualSuffix;
}

sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol) {
  const std::string name = quoted(venue_symbol);
  if (venue_symbol.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: empty symbol");
  }
  if (!sdk::detail::is_upper_alnum(venue_symbol)) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + name +
                         " is not a KuCoin Futures symbol (expected uppercase A-Z/0-9 such as "
                         "XBTUSDTM)");
  }
  // protocols/kucoinfutures.md §2: perpetuals end in M; dated futures (type FFICSX) do not.
  if (!venue_symbol.ends_with(kPerpetualSuffix)) return not_linear(name);
  const std::string_view pair = venue_symbol.substr(0, venue_symbol.size() - 1);
  const auto quote = std::find_if(kQuotes.begin(), kQuotes.end(), [&](std::string_view q) {
    return pair.size() > q.size() && pair.ends_with(q);
  });
  if (quote == kQuotes.end()) {
    // protocols/kucoinfutures.md §2: XBTUSDM is the inverse contract, 1 USD per lot.
    if (pair.ends_with("USD")) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       "kucoinfutures: " + name +
                           " is an inverse (coin-margined) contract, not a USDT- or USDC-margined "
                           "perpetual");
    }
    return not_linear(name);
  }
  const std::string_view base = pair.substr(0, pair.size() - quote->size());
  // protocols/kucoinfutures.md §2: BTCUSDTM does not exist; taking it would also make two venue
  // names map to one unified symbol.
  if (base == kUnifiedBitcoin) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + name + " does not exist: KuCoin calls bitcoin XBT (XBT" +
                         std::string(*quote) + "M)");
  }
  if (base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + name + " has a base longer than 24 characters");
  }
  const std::string_view unified_base = base == kVenueBitcoin ? kUnifiedBitcoin : base;
  return sdk::UnifiedSymbol{std::string(unified_base), std::string(*quote), std::string(*quote)};
}

sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) {
  return sdk::venue_timeframe_of("kucoinfutures", kCandleTypes, timeframe);
}

sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe) {
  return sdk::unified_timeframe_of("kucoinfutures", kCandleTypes, venue_timeframe, "candle type");
}

std::optional<sdk::Timeframe> find_candle_type(std::string_view venue_timeframe) noexcept {
  for (const sdk::TimeframeSpelling& type : kCandleTypes) {
    if (type.venue == venue_timeframe) return type.timeframe;
  }
  return std::nullopt;
}

std::optional<std::size_t> timeframe_index(sdk::Timeframe timeframe) noexcept {
  for (std::size_t i = 0; i < kTimeframes.size(); ++i) {
    if (kTimeframes[i] == timeframe) return i;
  }
  return std::nullopt;
}

}  // namespace tradehost::kucoinfutures
