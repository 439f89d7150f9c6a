// The binance plugin: sdk::Adapter over the free functions of this directory, and the two exports.
//
// Every call is noexcept (sdk/adapter.hpp): the bodies can only throw on std::string allocation,
// and sdk::guarded turns that into an internal error instead of letting it reach the host. The
// adapter owns the Decoder (its parser and symbol table), the only state it keeps.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/guard.hpp>
#include <tradehost/sdk/plugin_export.hpp>
#include <vector>

#include "binance/decode.hpp"
#include "binance/manifest.hpp"
#include "binance/rest.hpp"
#include "binance/subscribe.hpp"
#include "binance/symbols.hpp"

namespace tradehost::binance {
class BinanceAdapter final : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return binance::manifest(); }

  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) const noexcept override {
    return sdk::guarded([&] { return binance::venue_symbol(symbol); });
  }

  sdk::Result<sdk::UnifiedSymbol> unified_symbol(
      std::string_view venue_symbol) const noexcept override {
    return sdk::guarded([&] { return binance::unified_symbol(venue_symbol); });
  }

  sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) const noexcept override {
    return sdk::guarded([&] { return binance::venue_timeframe(timeframe); });
  }

  sdk::Result<sdk::Timeframe> unified_timeframe(
      std::string_view venue_timeframe) const noexcept override {
    return sdk::guarded([&] { return binance::unified_timeframe(venue_timeframe); });
  }

  sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) const noexcept override {
    return sdk::guarded([&] { return binance::stream_name(stream); });
  }

  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) const noexcept override {
    return sdk::guarded([&] { return binance::parse_stream_name(name); });
  }
  // ---- Market data (ABI 2) ---------------------------------------------------------------------

  sdk::Status bind_symbols(std::span<const sdk::SymbolBinding> symbols) noexcept override {
    return sdk::guarded([&] { return decoder_.bind(symbols); });
  }

  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    return decoder_.decode(frame, out);
  }

  std::uint32_t stream_group(const sdk::StreamKey& stream) const noexcept override {
    return binance::stream_group(stream);
  }

  sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() noexcept override {
    return sdk::guarded([&] { return binance::bootstrap_request(); });
  }

  sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&] { return binance::parse_bootstrap(response); });
  }

  sdk::Result<sdk::ConnectionPlan> connection_plan(
      std::string_view ws_base, std::uint32_t group, std::span<const sdk::StreamKey> streams,
      std::uint64_t first_request_id) noexcept override {
    return sdk::guarded(
        [&] { return binance::connection_plan(ws_base, group, streams, first_request_id); });
  }

  sdk::HeartbeatSpec heartbeat() const noexcept override { return binance::heartbeat(); }

  sdk::Result<std::string> ping_frame(std::uint64_t id) noexcept override {
    return sdk::guarded([&] { return binance::ping_frame(id); });
  }

  sdk::Result<std::string> ping_reply() noexcept override {
    return sdk::guarded([&] { return binance::ping_reply(); });
  }

  sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                  sdk::Timeframe timeframe, std::int64_t start_ms,
                                                  std::int64_t end_ms,
                                                  std::uint32_t limit) noexcept override {
    return sdk::guarded(
        [&] { return binance::kline_request(symbol, timeframe, start_ms, end_ms, limit); });
  }

  sdk::Result<std::vector<sdk::Kline>> parse_klines(
      sdk::SymbolId symbol, sdk::Timeframe timeframe,
      sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&] { return binance::parse_klines(symbol, timeframe, response); });
  }

  sdk::Result<std::optional<sdk::HttpRequestSpec>> trades_request(const sdk::UnifiedSymbol& symbol,
                                                                  std::int64_t from_id,
                                                                  std::uint32_t limit) noexcept override {
    return sdk::guarded([&]() -> sdk::Result<std::optional<sdk::HttpRequestSpec>> {
      auto request = binance::trades_request(symbol, from_id, limit);
      if (!request) return sdk::Failure{std::move(request).error()};
      return std::optional<sdk::HttpRequestSpec>(std::move(*request));
    });
  }

  sdk::Result<std::vector<sdk::Trade>> parse_trades(sdk::SymbolId symbol,
                                                    sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&] { return binance::parse_trades(symbol, response); });
  }

 private:
  Decoder decoder_;
};

}  // namespace tradehost::binance

TRADEHOST_EXPORT_ADAPTER(tradehost::binance::BinanceAdapter)
