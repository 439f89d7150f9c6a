// KuCoin Futures spellings of symbols and candle types, both directions.
//
// Only linear perpetuals whose settle asset is their quote, USDT or USDC, are mapped; inverse
// (XBTUSDM) and dated contracts are refused with a message that names the symbol, the venue and
// the reason. Pure functions: no state, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::kucoinfutures {

// BTC/USDT:USDT -> XBTUSDTM, ETH/USDC:USDC -> ETHUSDCM.
sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol);
// XBTUSDTM -> BTC/USDT:USDT. Refuses inverse contracts (XBTUSDM), BTCUSDTM (no such contract),
// lowercase and anything that is not base + USDT/USDC + M.
sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue_symbol);

// 1m -> 1min, 4h -> 4hour: the suffix of a candle topic. Refuses what the manifest lacks.
sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe);
sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue_timeframe);

// The same lookups without building an error, for the decoder's hot path: nullopt when the candle
// type or timeframe is not one of the manifest's.
std::optional<sdk::Timeframe> find_candle_type(std::string_view venue_timeframe) noexcept;
// Position of `timeframe` in the manifest's kTimeframes (a dense index for per-timeframe state).
std::optional<std::size_t> timeframe_index(sdk::Timeframe timeframe) noexcept;

}  // namespace tradehost::kucoinfutures
