// Binance USDⓈ-M stream names (btcusdt@kline_1m, btcusdt@aggTrade, btcusdt@bookTicker), both
// directions, and the connections that carry them: which path serves a stream, the SUBSCRIBE
// frames to send, and how the connection is kept alive. Pure functions: no state, safe from any
// thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::binance {

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream);
// The exact inverse of stream_name; anything it would not produce is refused. A trade or book
// ticker key comes back with the default timeframe (it has no meaning there).
sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name);

// protocols/binance.md §1 category map: a stream flows only on its category's path, and one on
// the wrong path is ACKed and then silent.
inline constexpr std::uint32_t kMarketGroup = 0;  // klines, aggTrades: `/market`
inline constexpr std::uint32_t kPublicGroup = 1;  // book tickers: `/public`
std::uint32_t stream_group(const sdk::StreamKey& stream) noexcept;

// One combined-mode connection, opened empty (`<ws_base>/market/stream` or `/public/stream`), then
// SUBSCRIBE frames of at most manifest().limits.streams_per_message names each, with ids
// first_request_id, first_request_id + 1, ... (unsigned integers, §4). Refuses streams of another
// group, more than streams_per_connection streams, no streams, and a first id of 0 (0 means "not
// acknowledged" in sdk::ConnectionPlan).
sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id);

// protocols/binance.md §1: the server pings every 3 minutes and the host's WebSocket answers;
// there is no JSON-level ping, so ping_frame and ping_reply refuse.
sdk::HeartbeatSpec heartbeat() noexcept;
sdk::Result<std::string> ping_frame(std::uint64_t id);
sdk::Result<std::string> ping_reply();

}  // namespace tradehost::binance
