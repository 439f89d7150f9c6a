// KuCoin Futures topic names (/contractMarket/limitCandle:XBTUSDTM_1min,
// /contractMarket/execution:XBTUSDTM, /contractMarket/tickerV2:XBTUSDTM), both directions, one
// target per topic; and what a market-data connection sends: its URL, subscribe frames, pings.
// Pure functions: no state, safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::kucoinfutures {

// protocols/kucoinfutures.md §5. tickerV2 rather than ticker: KuCoin calls the latter "not
// recommended". Each prefix ends at the ':' that separates the topic from its targets.
inline constexpr std::string_view kCandleTopic = "/contractMarket/limitCandle:";
inline constexpr std::string_view kTradeTopic = "/contractMarket/execution:";
inline constexpr std::string_view kBookTickerTopic = "/contractMarket/tickerV2:";
// protocols/kucoinfutures.md §5: a candle target is <symbol>_<type>.
inline constexpr char kCandleSeparator = '_';

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream);
// The exact inverse of stream_name; anything it would not produce is refused, including topics
// with several comma-separated targets. A trade or book ticker key comes back with the default
// timeframe (it has no meaning there).
sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name);

// Every stream may share a connection: KuCoin has one public endpoint for all topics.
std::uint32_t stream_group(const sdk::StreamKey& stream) noexcept;

// The connection for `streams` (group 0): `ws_base` is the bootstrap's URL, which already
// carries ?token=...; connectId=th-<first_request_id> is added (the welcome echoes it). One
// subscribe frame per topic kind with up to streams_per_message comma-separated targets, ids
// first_request_id, first_request_id + 1, ... as decimal strings (§4), sent after the welcome.
sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id);

// protocols/kucoinfutures.md §4: a JSON ping every 18 s, a pong within 10 s, and the server
// closes ~60 s after the client's last message. The bootstrap's values replace these.
sdk::HeartbeatSpec heartbeat() noexcept;
// {"id":"<id>","type":"ping"}
std::string ping_frame(std::uint64_t id);
// Refused: the server sends no pings of its own (§4).
sdk::Result<std::string> ping_reply();

}  // namespace tradehost::kucoinfutures
