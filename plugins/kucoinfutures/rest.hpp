// The REST side of KuCoin Futures market data: the public WebSocket token that every connection
// needs first (the "bullet", protocols/kucoinfutures.md §1) and the klines that fill a gap after a
// reconnect (§6). Builds requests and parses answers; the host performs the calls.
//
// Cold path: these allocate freely. Answers are parsed with simdjson on demand, numbers from
// their text, so kline prices stay exact. Pure functions: safe from any thread.
#pragma once

#include <optional>

#include <cstdint>
#include <vector>

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::kucoinfutures {

// protocols/kucoinfutures.md §6: at most 500 rows per kline call.
inline constexpr std::uint32_t kMaxKlineRows = 500;

// POST /api/v1/bullet-public with an empty body: a fresh token for every connection (§1, §10).
sdk::HttpRequestSpec bootstrap_request();

// {"code":"200000","data":{"token":...,"instanceServers":[{"endpoint":...,"pingInterval":18000,
// "pingTimeout":10000}]}} -> ws_url = endpoint + "?token=" + token (or "&token=" when the
// endpoint has a query), a client JSON ping every pingInterval with a pong due within
// pingTimeout (both defaulting to §4's 18000/10000 when absent), and a 60 s silence limit. The
// first instance server is used. A code other than 200000 is an error with the code and msg.
sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response);

// GET /api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=<start_ms>&to=<end_ms>
// (granularity in minutes, §3). KuCoin has no row limit parameter and returns at most 500 rows
// (which end it keeps from a larger window is unconfirmed), so `to` is pulled in to the open of
// the min(limit, 500)-th bar: the answer then always starts at `start_ms`.
sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                sdk::Timeframe timeframe, std::int64_t start_ms,
                                                std::int64_t end_ms, std::uint32_t limit);

// {"code":"200000","data":[[start ms, open, high, low, close, volume contracts, ...], ...]}
// (JSON numbers, o-h-l-c; extra values are ignored) -> klines oldest first, one per start time,
// every one closed = true (the host drops a bar that has not ended on the venue clock), volume
// converted to base units with `contract_size`. An empty `data` is no rows, not an error.
sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol,
                                                  const sdk::Decimal& contract_size,
                                                  sdk::Timeframe timeframe,
                                                  sdk::HttpResponseView response);

// protocols/kucoinfutures.md §8: how long to wait after a 429 (no Retry-After on this venue):
// `gw-ratelimit-reset` milliseconds when the answer carries it (the pool's refill), else 30 s
// (an overload answer comes without the rate-limit headers). nullopt for any other status, or a
// reset that is not a whole non-negative number, so that the host uses its own backoff.
std::optional<std::int64_t> retry_wait_ms(const sdk::HttpResponseView& response);

}  // namespace tradehost::kucoinfutures
