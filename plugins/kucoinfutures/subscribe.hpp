// KuCoin Futures topic names (/contractMarket/limitCandle:XBTUSDTM_1min,
// /contractMarket/execution:XBTUSDTM, /contractMarket/tickerV2:XBTUSDTM), both directions, one
// target per topic. Pure functions: no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>

namespace tradehost::kucoinfutures {

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream);
// The exact inverse of stream_name; anything it would not produce is refused, including topics
// with several comma-separated targets. A trade or book ticker key comes back with the default
// timeframe (it has no meaning there).
sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name);

}  // namespace tradehost::kucoinfutures
