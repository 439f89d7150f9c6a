// Binance USDⓈ-M REST on the market-data side: no connection bootstrap, and public klines to
// fill gaps (protocols/binance.md §6). Cold path: allocation is fine here. Pure functions: no
// state, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::binance {

// protocols/binance.md §6: `limit` is at most 1500.
inline constexpr std::uint32_t kMaxKlineLimit = 1500;

// Binance connects straight to the configured base: no bootstrap request (nullopt), and
// parse_bootstrap refuses.
sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request();
sdk::Result<sdk::Bootstrap> parse_bootstrap(const sdk::HttpResponseView& response);

// GET /fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=S&endTime=E&limit=L: bars opening in
// [start_ms, end_ms], oldest first. A limit above 1500 is lowered to 1500 (the host asks for at
// most `limit`); 0, negative times and start > end are refused.
sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                sdk::Timeframe timeframe, std::int64_t start_ms,
                                                std::int64_t end_ms, std::uint32_t limit);

// The §6 answer: an array of rows [open time, open, high, low, close, volume, close time, ...]
// (12 values today; the first six are required and extra values are ignored), ascending by open
// time. Every row comes back closed = true: the host drops a row whose bar has not ended on the
// venue clock. A non-200 answer becomes an error carrying Binance's code and msg (429/418 as
// rate_limited, 5xx as io, others as rejected).
sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe timeframe,
                                                  const sdk::HttpResponseView& response);

// GET /fapi/v1/aggTrades limits `limit` to 1000.
inline constexpr std::uint32_t kMaxAggTradeLimit = 1000;

// GET /fapi/v1/aggTrades?symbol=BTCUSDT&fromId=N&limit=L: aggregate trades from id N on, oldest
// first (public, weight 20). Aggregate ids rise by one per trade of a symbol, so the host can ask
// for exactly the ones a reconnect missed. A limit above 1000 is lowered; 0 and a negative id are
// refused.
sdk::Result<sdk::HttpRequestSpec> trades_request(const sdk::UnifiedSymbol& symbol, std::int64_t from_id,
                                                 std::uint32_t limit);

// The answer: [{"a":id,"p":"price","q":"qty","f":first,"l":last,"T":ms,"m":buyer_is_maker}, ...],
// as the aggTrade stream's fields (`m` true: the taker sold). Errors as parse_klines.
sdk::Result<std::vector<sdk::Trade>> parse_trades(sdk::SymbolId symbol, const sdk::HttpResponseView& response);

}  // namespace tradehost::binance
