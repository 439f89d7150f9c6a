// The plugin ABI version. The host refuses a plugin whose exported version differs, before it
// calls anything else in it.
//
// Bump kAbiVersion when any of these change: the layout of a struct that crosses the boundary
// (Manifest, ConnectionLimits, StreamKey, UnifiedSymbol, the event structs), a virtual function of
// sdk::Adapter (added, removed, reordered or re-typed), the value of an enum that crosses the
// boundary, or a documented contract (who owns what, what a call may do). The static_asserts next
// to those structs fail the build when a layout moves, so a bump is always a deliberate act.
// docs/adapter-guide.md and docs/architecture.md say the same for adapter authors.
#pragma once

#include <cstdint>

namespace tradehost::sdk {

// 2: market data (decode, connections, heartbeats, REST klines) and Manifest::kline_close.
// 3: ConnectionPlan::frame_streams and HeartbeatSpec::rotate_after_ms.
// 4: HttpResponseView::headers and Adapter::retry_wait_ms.
// 5: Manifest::trade_ids, and each market-data connection decodes with an adapter of its own
//    (the factory is called once per connection; docs/adapter-guide.md).
// 6: Adapter::trades_request and parse_trades (trades a reconnect missed, fetched over REST).
inline constexpr std::uint32_t kAbiVersion = 6;

// Names of the two symbols a plugin exports (through TRADEHOST_EXPORT_ADAPTER).
inline constexpr const char* kAbiVersionSymbol = "tradehost_abi_version";
inline constexpr const char* kFactorySymbol = "tradehost_create_adapter";

}  // namespace tradehost::sdk
