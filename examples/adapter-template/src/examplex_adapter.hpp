// ExamplexAdapter: sdk::Adapter over the examplex functions (examplex.hpp), through
// sdk::VenueAdapter, which forwards every call and runs it inside sdk::guarded so that nothing
// thrown leaves the plugin. The struct below names the functions; calls examplex does not need
// are answered here in a line. The plugin exports it (examplex_plugin.cpp); the tests check it
// directly.
#pragma once

#include <optional>
#include <string>

#include <tradehost/sdk/venue_adapter.hpp>

#include "examplex.hpp"

namespace examplex {

struct Venue {
  using Decoder = examplex::Decoder;
  static constexpr auto manifest = &examplex::manifest;
  static constexpr auto venue_symbol = &examplex::venue_symbol;
  static constexpr auto unified_symbol = &examplex::unified_symbol;
  static constexpr auto venue_timeframe = &examplex::venue_timeframe;
  static constexpr auto unified_timeframe = &examplex::unified_timeframe;
  static constexpr auto stream_name = &examplex::stream_name;
  static constexpr auto parse_stream_name = &examplex::parse_stream_name;
  static std::uint32_t stream_group(const sdk::StreamKey&) noexcept { return 0; }
  static std::optional<sdk::HttpRequestSpec> bootstrap_request() { return std::nullopt; }  // no token needed
  static sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView) {
    return sdk::fail(sdk::ErrorCode::not_found, "examplex has no bootstrap request");
  }
  static sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                          std::span<const sdk::StreamKey> streams,
                                                          std::uint64_t first_request_id) {
    if (group != 0) return sdk::fail(sdk::ErrorCode::invalid_config, "examplex has one stream group, 0");
    return examplex::connection_plan(ws_base, streams, first_request_id);
  }
  static constexpr auto heartbeat = &examplex::heartbeat;
  static sdk::Result<std::string> ping_frame(std::uint64_t) {
    return sdk::fail(sdk::ErrorCode::not_found, "examplex: the server pings, the client only answers");
  }
  static sdk::Result<std::string> ping_reply() { return std::string(R"({"op":"pong"})"); }
  static constexpr auto kline_request = &examplex::kline_request;
  static constexpr auto parse_klines = &examplex::parse_klines;
};

using ExamplexAdapter = sdk::VenueAdapter<Venue>;

}  // namespace examplex
