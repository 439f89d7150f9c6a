// The binance plugin: its functions, named for sdk::VenueAdapter, and the two exports.
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/plugin_export.hpp>
#include <tradehost/sdk/venue_adapter.hpp>

#include "binance/decode.hpp"
#include "binance/manifest.hpp"
#include "binance/rest.hpp"
#include "binance/subscribe.hpp"
#include "binance/symbols.hpp"

namespace tradehost::binance {

struct Venue {
  using Decoder = binance::Decoder;
  static constexpr auto manifest = &binance::manifest;
  static constexpr auto venue_symbol = &binance::venue_symbol;
  static constexpr auto unified_symbol = &binance::unified_symbol;
  static constexpr auto venue_timeframe = &binance::venue_timeframe;
  static constexpr auto unified_timeframe = &binance::unified_timeframe;
  static constexpr auto stream_name = &binance::stream_name;
  static constexpr auto parse_stream_name = &binance::parse_stream_name;
  static constexpr auto stream_group = &binance::stream_group;
  static constexpr auto bootstrap_request = &binance::bootstrap_request;
  static constexpr auto parse_bootstrap = &binance::parse_bootstrap;
  static constexpr auto connection_plan = &binance::connection_plan;
  static constexpr auto heartbeat = &binance::heartbeat;
  static constexpr auto ping_frame = &binance::ping_frame;
  static constexpr auto ping_reply = &binance::ping_reply;
  static constexpr auto kline_request = &binance::kline_request;
  static constexpr auto parse_klines = &binance::parse_klines;
  static constexpr auto trades_request = &binance::trades_request;
  static constexpr auto parse_trades = &binance::parse_trades;
};

using BinanceAdapter = sdk::VenueAdapter<Venue>;

}  // namespace tradehost::binance

TRADEHOST_EXPORT_ADAPTER(tradehost::binance::BinanceAdapter)
