// The kucoinfutures plugin: sdk::Adapter over the free functions of this directory, and the two
// exports.
//
// Every call is noexcept (sdk/adapter.hpp): the bodies can only throw on allocation (std::string,
// std::vector), and sdk::guarded turns that into an internal error instead of letting it
// reach the host. The adapter owns the Decoder, so decode state (symbols, open candles) lives as
// long as the adapter and is only touched from the host's I/O thread.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/guard.hpp>
#include <tradehost/sdk/plugin_export.hpp>
#include <vector>

#include "kucoinfutures/decode.hpp"
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/rest.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

namespace tradehost::kucoinfutures {
class KucoinFuturesAdapter final : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return kucoinfutures::manifest(); }

  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::venue_symbol(symbol); });
  }

  sdk::Result<sdk::UnifiedSymbol> unified_symbol(
      std::string_view venue_symbol) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::unified_symbol(venue_symbol); });
  }

  sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::venue_timeframe(timeframe); });
  }

  sdk::Result<sdk::Timeframe> unified_timeframe(
      std::string_view venue_timeframe) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::unified_timeframe(venue_timeframe); });
  }

  sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::stream_name(stream); });
  }

  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) const noexcept override {
    return sdk::guarded([&] { return kucoinfutures::parse_stream_name(name); });
  }

  sdk::Status bind_symbols(std::span<const sdk::SymbolBinding> symbols) noexcept override {
    return sdk::guarded([&] { return decoder_.bind(symbols); });
  }

  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    return decoder_.decode(frame, out);
  }

  std::uint32_t stream_group(const sdk::StreamKey& stream) const noexcept override {
    return kucoinfutures::stream_group(stream);
  }

  sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() noexcept override {
    return sdk::guarded(
        [&] { return std::optional<sdk::HttpRequestSpec>{kucoinfutures::bootstrap_request()}; });
  }

  sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&] { return kucoinfutures::parse_bootstrap(response); });
  }

  sdk::Result<sdk::ConnectionPlan> connection_plan(
      std::string_view ws_base, std::uint32_t group, std::span<const sdk::StreamKey> streams,
      std::uint64_t first_request_id) noexcept override {
    return sdk::guarded(
        [&] { return kucoinfutures::connection_plan(ws_base, group, streams, first_request_id); });
  }

  sdk::HeartbeatSpec heartbeat() const noexcept override { return kucoinfutures::heartbeat(); }

  sdk::Result<std::string> ping_frame(std::uint64_t id) noexcept override {
    return sdk::guarded([&] { return kucoinfutures::ping_frame(id); });
  }

  sdk::Result<std::string> ping_reply() noexcept override {
    return sdk::guarded([&] { return kucoinfutures::ping_reply(); });
  }

  sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                  sdk::Timeframe timeframe, std::int64_t start_ms,
                                                  std::int64_t end_ms,
                                                  std::uint32_t limit) noexcept override {
    return sdk::guarded(
        [&] { return kucoinfutures::kline_request(symbol, timeframe, start_ms, end_ms, limit); });
  }

  // The contract size comes from bind_symbols: volumes are contracts on the wire (§2).
  sdk::Result<std::vector<sdk::Kline>> parse_klines(
      sdk::SymbolId symbol, sdk::Timeframe timeframe,
      sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&]() -> sdk::Result<std::vector<sdk::Kline>> {
      const BoundSymbol* bound = decoder_.symbols().by_id(symbol);
      if (bound == nullptr) {
        return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: symbol id " +
                                                             std::to_string(symbol) +
                                                             " is not bound (bind_symbols first)");
      }
      return kucoinfutures::parse_klines(symbol, bound->contract_size, timeframe, response);
    });
  }

  std::optional<std::int64_t> retry_wait_ms(sdk::HttpResponseView response) const noexcept override {
    return kucoinfutures::retry_wait_ms(response);  // from_chars and lookups only: nothing throws
  }

 private:
  Decoder decoder_;
};

}  // namespace tradehost::kucoinfutures

TRADEHOST_EXPORT_ADAPTER(tradehost::kucoinfutures::KucoinFuturesAdapter)
