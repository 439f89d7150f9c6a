// Binance USDⓈ-M spellings of symbols and kline intervals, both directions.
//
// Only linear perpetuals whose settle asset is their quote, USDT or USDC, are mapped; everything
// else is refused with a message that names the symbol, the venue and the reason. Pure functions:
// no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::binance {

// BTC/USDT:USDT -> BTCUSDT, 1000PEPE/USDC:USDC -> 1000PEPEUSDC.
sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol);
// BTCUSDT -> BTC/USDT:USDT. Refuses delivery contracts (BTCUSDT_260327), lowercase and anything
// that does not end in USDT or USDC.
sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol);

// Binance spells intervals as tradehost does (1m ... 1M); refuses what the manifest lacks.
sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe);
sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe);

}  // namespace tradehost::binance
