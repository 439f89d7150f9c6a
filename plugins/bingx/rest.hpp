// BingX USDT-M REST market data for the host: the (absent) connection bootstrap and the klines it
// requests to fill gaps (protocols/bingx.md §6). Cold path: allocation is fine here; JSON is read
// with simdjson On-Demand from a padded copy of the body. Pure functions, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::bingx {

// Most bars one request may ask for (§6: limit max 1440).
inline constexpr std::uint32_t kMaxKlinesPerRequest = 1440;

// BingX needs no request before connecting: always nullopt.
sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request();
// Never called for BingX (no bootstrap); refuses.
sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response);

// GET /openApi/swap/v3/quote/klines?symbol=BTC-USDT&interval=1m&startTime=S&endTime=E&limit=L for
// bars opening in [start_ms, end_ms]. §6: whether startTime is inclusive is unconfirmed (ccxt
// sends since - 1), so S = start_ms - 1: bars open on interval boundaries, so no bar opens at
// S and an inclusive or an exclusive reading both start at start_ms. L = limit capped at 1440.
sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol, sdk::Timeframe timeframe,
                                                std::int64_t start_ms, std::int64_t end_ms,
                                                std::uint32_t limit);

// `{"code":0,"msg":"","data":[{"open","close","high","low","volume","time"},...]}` -> bars oldest
// first, each closed = true (the host drops a bar that has not ended yet). §6: the v3 order is
// unconfirmed, so rows are sorted by `time` and a repeated `time` keeps its last row; `data` may
// also be a single object (seen on v2) or null (no bars). A non-zero code or an HTTP error is an
// error: rate limits (HTTP 429, 100410, 109429) as rate_limited, server trouble (HTTP 5xx, 100500,
// 100503, 109500, 101500) as io, anything else as rejected; an unreadable body is protocol.
sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe timeframe,
                                                  sdk::HttpResponseView response);

}  // namespace tradehost::bingx
