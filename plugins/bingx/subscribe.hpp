// BingX USDT-M stream names, the `dataType` of a sub frame (BTC-USDT@kline_1m, BTC-USDT@trade,
// BTC-USDT@bookTicker), both directions, and how the market-data connection carrying them is
// opened and kept alive (protocols/bingx.md §4). Pure functions: no state, safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::bingx {

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream);
// The exact inverse of stream_name; anything it would not produce is refused. A trade or book
// ticker key comes back with the default timeframe (it has no meaning there).
sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name);

// Every BingX market topic lives on the one /swap-market endpoint: one group, 0.
std::uint32_t stream_group(const sdk::StreamKey& stream) noexcept;

// The connection for `streams`: `ws_base` unchanged (wss://open-api-swap.bingx.com/swap-market),
// no welcome to wait for, and one sub frame per stream (§4: a sub names one dataType)
// `{"id":"<n>","reqType":"sub","dataType":"BTC-USDT@kline_1m"}` with n = first_request_id + i in
// decimal, echoed by the ack. Refuses group != 0, no streams, and more than the manifest's
// streams_per_connection (§4: 80403 past 200 topics).
sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id);

// §4: the server sends a text `Ping` (gzipped) and expects the text `Pong`; after 40 s without any
// frame the connection is taken as dead (JKorf's watchdog; the Ping period is 5 s on paper, about
// 30 s in practice).
sdk::HeartbeatSpec heartbeat() noexcept;
// BingX has no client-initiated ping (§4: undocumented), so this always fails.
sdk::Result<std::string> ping_frame(std::uint64_t id);
// "Pong", the answer to the server's Ping.
sdk::Result<std::string> ping_reply();

}  // namespace tradehost::bingx
