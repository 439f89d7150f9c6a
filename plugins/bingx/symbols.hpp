// BingX USDT-M perpetual spellings of symbols and kline intervals, both directions.
//
// Only USDT-margined linear perpetuals are mapped (USDC-settled ones have no confirmed symbol
// format yet); everything else is refused with a message that names the symbol, the venue and the
// reason. Pure functions: no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::bingx {

// BTC/USDT:USDT -> BTC-USDT, 1000PEPE/USDT:USDT -> 1000PEPE-USDT.
sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol);
// BTC-USDT -> BTC/USDT:USDT. Refuses coin-M (BTC-USD), USDC, lowercase and malformed names.
sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol);

// BingX spells intervals as tradehost does (1m ... 1M); refuses what the manifest lacks.
sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe);
sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe);

}  // namespace tradehost::bingx
