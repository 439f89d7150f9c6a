#include "binance/symbols.hpp"

#include "binance/manifest.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <tradehost/sdk/timeframe_names.hpp>

namespace tradehost::binance {
namespace {

// protocols/binance.md §2: USDT- and USDC-margined perpetuals live in the same API, and their
// symbol is base + quote with no separator.
constexpr std::array<std::string_view, 2> kQuotes = {"USDT", "USDC"};

// Same bound as sdk::parse_unified_symbol, so whatever we return parses back.
constexpr std::size_t kMaxBaseLength = 24;

bool is_supported_quote(std::string_view quote) {
  return std::find(kQuotes.begin(), kQuotes.end(), quote) != kQuotes.end();
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) {
  const std::string name = quoted(symbol.to_string());
  // The host hands us parsed symbols, but the struct itself accepts anything.
  if (!sdk::detail::is_upper_alnum(symbol.base) || symbol.base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: " + name + " has an invalid base (must be 1-24 of A-Z, 0-9)");
  }
  if (!is_supported_quote(symbol.quote) || symbol.settle != symbol.quote) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: " + name + " is not a USDT- or USDC-margined perpetual");
  }
  return symbol.base + symbol.quote;
}

sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol) {
  const std::string name = quoted(venue_symbol);
  if (venue_symbol.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "binance: empty symbol");
  }
  // protocols/binance.md §2: delivery contracts carry a suffix (BTCUSDT_260327) and are excluded;
  // COIN-M names (BTCUSD_PERP) have one too.
  if (venue_symbol.find('_') != std::string_view::npos) {
    return sdk::fail(
        sdk::ErrorCode::invalid_config,
        "binance: " + name +
            " is a delivery or COIN-M contract, not a USDT- or USDC-margined perpetual");
  }
  // protocols/binance.md §2: venue symbols are uppercase; lowercase is the stream spelling and
  // belongs in parse_stream_name, not here.
  if (!sdk::detail::is_upper_alnum(venue_symbol)) {
    return sdk::fail(
        sdk::ErrorCode::invalid_config,
        "binance: " + name +
            " is not a Binance futures symbol (expected uppercase A-Z/0-9 such as BTCUSDT)");
  }
  // protocols/binance.md §2 builds the map from exchangeInfo; without it, the quote is the known
  // suffix and the base is what precedes it.
  const auto quote = std::find_if(kQuotes.begin(), kQuotes.end(), [&](std::string_view q) {
    return venue_symbol.size() > q.size() && venue_symbol.ends_with(q);
  });
  if (quote == kQuotes.end()) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: " + name + " is not a USDT- or USDC-margined perpetual");
  }
  const std::string_view base = venue_symbol.substr(0, venue_symbol.size() - quote->size());
  if (base.size() > kMaxBaseLength) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: " + name + " has a base longer than 24 characters");
  }
  return sdk::UnifiedSymbol{std::string(base), std::string(*quote), std::string(*quote)};
}

// protocols/binance.md: the interval strings are tradehost's own.
constexpr auto kSpellings = sdk::same_spelling(kTimeframes);

sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) {
  return sdk::venue_timeframe_of("binance", kSpellings, timeframe);
}

sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe) {
  return sdk::unified_timeframe_of("binance", kSpellings, venue_timeframe, "interval");
}

}  // namespace tradehost::binance
