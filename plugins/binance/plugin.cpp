// The binance plugin: sdk::Adapter over the free functions of this directory, and the two exports.
//
// Every call is noexcept (sdk/adapter.hpp): the bodies can only throw on std::string allocation,
// and each catches that and returns an internal error instead of letting it reach the host.
#include "binance/manifest.hpp"
#include "binance/subscribe.hpp"
#include "binance/symbols.hpp"

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/plugin_export.hpp>

#include <string>
#include <string_view>

namespace tradehost::binance {
namespace {

// Short enough for std::string's small buffer (15 chars in libstdc++), so building this error
// does not allocate and cannot throw a second time.
sdk::Failure out_of_memory() noexcept {
  return sdk::fail(sdk::ErrorCode::internal, "out of memory");
}

}  // namespace

class BinanceAdapter final : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return binance::manifest(); }

  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) const noexcept override
      try {
    return binance::venue_symbol(symbol);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::UnifiedSymbol> unified_symbol(
      std::string_view venue_symbol) const noexcept override try {
    return binance::unified_symbol(venue_symbol);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) const noexcept override try {
    return binance::venue_timeframe(timeframe);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::Timeframe> unified_timeframe(
      std::string_view venue_timeframe) const noexcept override try {
    return binance::unified_timeframe(venue_timeframe);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) const noexcept override try {
    return binance::stream_name(stream);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) const noexcept override try {
    return binance::parse_stream_name(name);
  } catch (...) {
    return out_of_memory();
  }
};

}  // namespace tradehost::binance

TRADEHOST_EXPORT_ADAPTER(tradehost::binance::BinanceAdapter)
