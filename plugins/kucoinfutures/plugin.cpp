// The kucoinfutures plugin: its functions, named for sdk::VenueAdapter, and the two exports.
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/plugin_export.hpp>
#include <tradehost/sdk/venue_adapter.hpp>

#include "kucoinfutures/decode.hpp"
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/rest.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

namespace tradehost::kucoinfutures {

struct Venue {
  using Decoder = kucoinfutures::Decoder;
  static constexpr auto manifest = &kucoinfutures::manifest;
  static constexpr auto venue_symbol = &kucoinfutures::venue_symbol;
  static constexpr auto unified_symbol = &kucoinfutures::unified_symbol;
  static constexpr auto venue_timeframe = &kucoinfutures::venue_timeframe;
  static constexpr auto unified_timeframe = &kucoinfutures::unified_timeframe;
  static constexpr auto stream_name = &kucoinfutures::stream_name;
  static constexpr auto parse_stream_name = &kucoinfutures::parse_stream_name;
  static constexpr auto stream_group = &kucoinfutures::stream_group;
  static std::optional<sdk::HttpRequestSpec> bootstrap_request() { return kucoinfutures::bootstrap_request(); }
  static constexpr auto parse_bootstrap = &kucoinfutures::parse_bootstrap;
  static constexpr auto connection_plan = &kucoinfutures::connection_plan;
  static constexpr auto heartbeat = &kucoinfutures::heartbeat;
  static constexpr auto ping_frame = &kucoinfutures::ping_frame;
  static constexpr auto ping_reply = &kucoinfutures::ping_reply;
  static constexpr auto kline_request = &kucoinfutures::kline_request;
  // The contract size comes from bind_symbols: volumes are contracts on the wire (§2).
  static sdk::Result<std::vector<sdk::Kline>> parse_klines(const Decoder& decoder, sdk::SymbolId symbol,
                                                           sdk::Timeframe timeframe, sdk::HttpResponseView response) {
    const BoundSymbol* bound = decoder.symbols().by_id(symbol);
    if (bound == nullptr) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       "kucoinfutures: symbol id " + std::to_string(symbol) + " is not bound (bind_symbols first)");
    }
    return kucoinfutures::parse_klines(symbol, bound->contract_size, timeframe, response);
  }
  static constexpr auto retry_wait_ms = &kucoinfutures::retry_wait_ms;
};

using KucoinFuturesAdapter = sdk::VenueAdapter<Venue>;

}  // namespace tradehost::kucoinfutures

TRADEHOST_EXPORT_ADAPTER(tradehost::kucoinfutures::KucoinFuturesAdapter)
