#include "bingx/symbols.hpp"

#include "bingx/manifest.hpp"

#include <algorithm>
#include <string>

#include <tradehost/sdk/timeframe_names.hpp>

namespace tradehost::bingx {
namespace {

// protocols/bingx.md §2: settle is the contract's `currency`, always USDT for this product.
constexpr std::string_view kUsdt = "USDT";
// protocols/bingx.md §2: the account holds USDC margin too, but the format of a USDC-settled
// symbol is unconfirmed, so we refuse it rather than guess BTC-USDC.
constexpr std::string_view kUsdc = "USDC";

// Same bound as sdk::parse_unified_symbol, so whatever we return parses back.
constexpr std::size_t kMaxBaseLength = 24;

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

sdk::Failure usdc_unconfirmed(std::string_view name) {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "bingx: " + std::string(name) +
                       " is USDC-settled, and BingX's USDC-settled symbol format is unconfirmed "
                       "(protocols/bingx.md §2); only USDT-margined perpetuals are supported");
}

}  // namespace

sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) {
  const std::string name = quoted(symbol.to_string());
  // The host hands us parsed symbols, but the struct itself accepts anything.
  if (!sdk::detail::is_upper_alnum(symbol.base) || symbol.base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + name + " has an invalid base (must be 1-24 of A-Z, 0-9)");
  }
  if (symbol.quote == kUsdc && symbol.settle == kUsdc) return usdc_unconfirmed(name);
  if (symbol.quote != kUsdt || symbol.settle != kUsdt) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + name + " is not a USDT- or USDC-margined perpetual");
  }
  // protocols/bingx.md §2: <BASE>-<QUOTE>, uppercase with a hyphen.
  return symbol.base + "-" + symbol.quote;
}

sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol) {
  const std::string name = quoted(venue_symbol);
  if (venue_symbol.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "bingx: empty symbol");
  }
  // protocols/bingx.md §2: split on the first '-'.
  const auto dash = venue_symbol.find('-');
  const std::string_view base =
      dash == std::string_view::npos ? std::string_view{} : venue_symbol.substr(0, dash);
  const std::string_view quote =
      dash == std::string_view::npos ? std::string_view{} : venue_symbol.substr(dash + 1);
  // Also refuses MØTH-USDT (protocols/bingx.md §2): a unified base is ASCII A-Z/0-9.
  if (!sdk::detail::is_upper_alnum(base) || !sdk::detail::is_upper_alpha(quote)) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + name +
                         " is not a BingX perpetual symbol (expected uppercase BASE-QUOTE such as "
                         "BTC-USDT)");
  }
  if (base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + name + " has a base longer than 24 characters");
  }
  if (quote == kUsdc) return usdc_unconfirmed(name);
  // protocols/bingx.md §2: coin-M symbols end in -USD and belong to another API.
  if (quote != kUsdt) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + name + " is not a USDT- or USDC-margined perpetual");
  }
  return sdk::UnifiedSymbol{std::string(base), std::string(quote), std::string(quote)};
}

// protocols/bingx.md: the interval strings are tradehost's own.
constexpr auto kSpellings = sdk::same_spelling(kTimeframes);

sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) {
  return sdk::venue_timeframe_of("bingx", kSpellings, timeframe);
}

sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe) {
  return sdk::unified_timeframe_of("bingx", kSpellings, venue_timeframe, "interval");
}

}  // namespace tradehost::bingx
