// The bingx plugin: its functions, named for sdk::VenueAdapter, and the two exports.
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/plugin_export.hpp>
#include <tradehost/sdk/venue_adapter.hpp>

#include "bingx/decode.hpp"
#include "bingx/manifest.hpp"
#include "bingx/rest.hpp"
#include "bingx/subscribe.hpp"
#include "bingx/symbols.hpp"

namespace tradehost::bingx {

struct Venue {
  using Decoder = bingx::Decoder;
  static constexpr auto manifest = &bingx::manifest;
  static constexpr auto venue_symbol = &bingx::venue_symbol;
  static constexpr auto unified_symbol = &bingx::unified_symbol;
  static constexpr auto venue_timeframe = &bingx::venue_timeframe;
  static constexpr auto unified_timeframe = &bingx::unified_timeframe;
  static constexpr auto stream_name = &bingx::stream_name;
  static constexpr auto parse_stream_name = &bingx::parse_stream_name;
  static constexpr auto stream_group = &bingx::stream_group;
  static constexpr auto bootstrap_request = &bingx::bootstrap_request;
  static constexpr auto parse_bootstrap = &bingx::parse_bootstrap;
  static constexpr auto connection_plan = &bingx::connection_plan;
  static constexpr auto heartbeat = &bingx::heartbeat;
  static constexpr auto ping_frame = &bingx::ping_frame;
  static constexpr auto ping_reply = &bingx::ping_reply;
  static constexpr auto kline_request = &bingx::kline_request;
  static constexpr auto parse_klines = &bingx::parse_klines;
};

using BingxAdapter = sdk::VenueAdapter<Venue>;

}  // namespace tradehost::bingx

TRADEHOST_EXPORT_ADAPTER(tradehost::bingx::BingxAdapter)
