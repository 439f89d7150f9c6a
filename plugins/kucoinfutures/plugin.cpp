// The kucoinfutures plugin: sdk::Adapter over the free functions of this directory, and the two
// exports.
//
// Every call is noexcept (sdk/adapter.hpp): the bodies can only throw on allocation (std::string,
// std::vector), and each catches that and returns an internal error instead of letting it reach
// the host. The adapter owns the Decoder, so decode state (symbols, open candles) lives as long
// as the adapter and is only touched from the host's I/O thread.
#include "kucoinfutures/decode.hpp"
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/rest.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/plugin_export.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tradehost::kucoinfutures {
namespace {

// Short enough for std::string's small buffer (15 chars in libstdc++), so building this error
// does not allocate and cannot throw a second time.
sdk::Failure out_of_memory() noexcept {
  return sdk::fail(sdk::ErrorCode::internal, "out of memory");
}

}  // namespace

class KucoinFuturesAdapter final : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return kucoinfutures::manifest(); }

  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol) const noexcept override
      try {
    return kucoinfutures::venue_symbol(symbol);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::UnifiedSymbol> unified_symbol(
      std::string_view venue_symbol) const noexcept override try {
    return kucoinfutures::unified_symbol(venue_symbol);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<std::string> venue_timeframe(sdk::Timeframe timeframe) const noexcept override try {
    return kucoinfutures::venue_timeframe(timeframe);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::Timeframe> unified_timeframe(
      std::string_view venue_timeframe) const noexcept override try {
    return kucoinfutures::unified_timeframe(venue_timeframe);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) const noexcept override try {
    return kucoinfutures::stream_name(stream);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) const noexcept override try {
    return kucoinfutures::parse_stream_name(name);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Status bind_symbols(std::span<const sdk::SymbolBinding> symbols) noexcept override try {
    return decoder_.bind(symbols);
  } catch (...) {
    return out_of_memory();
  }

  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    return decoder_.decode(frame, out);
  }

  std::uint32_t stream_group(const sdk::StreamKey& stream) const noexcept override {
    return kucoinfutures::stream_group(stream);
  }

  sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() noexcept override try {
    return std::optional<sdk::HttpRequestSpec>{kucoinfutures::bootstrap_request()};
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response) noexcept override
      try {
    return kucoinfutures::parse_bootstrap(response);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                   std::span<const sdk::StreamKey> streams,
                                                   std::uint64_t first_request_id) noexcept override
      try {
    return kucoinfutures::connection_plan(ws_base, group, streams, first_request_id);
  } catch (...) {
    return out_of_memory();
  }

  sdk::HeartbeatSpec heartbeat() const noexcept override { return kucoinfutures::heartbeat(); }

  sdk::Result<std::string> ping_frame(std::uint64_t id) noexcept override try {
    return kucoinfutures::ping_frame(id);
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<std::string> ping_reply() noexcept override try {
    return kucoinfutures::ping_reply();
  } catch (...) {
    return out_of_memory();
  }

  sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                  sdk::Timeframe timeframe, std::int64_t start_ms,
                                                  std::int64_t end_ms,
                                                  std::uint32_t limit) noexcept override try {
    return kucoinfutures::kline_request(symbol, timeframe, start_ms, end_ms, limit);
  } catch (...) {
    return out_of_memory();
  }

  // The contract size comes from bind_symbols: volumes are contracts on the wire (§2).
  sdk::Result<std::vector<sdk::Kline>> parse_klines(
      sdk::SymbolId symbol, sdk::Timeframe timeframe,
      sdk::HttpResponseView response) noexcept override try {
    const BoundSymbol* bound = decoder_.symbols().by_id(symbol);
    if (bound == nullptr) {
      return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: symbol id " +
                                                           std::to_string(symbol) +
                                                           " is not bound (bind_symbols first)");
    }
    return kucoinfutures::parse_klines(symbol, bound->contract_size, timeframe, response);
  } catch (...) {
    return out_of_memory();
  }

 private:
  Decoder decoder_;
};

}  // namespace tradehost::kucoinfutures

TRADEHOST_EXPORT_ADAPTER(tradehost::kucoinfutures::KucoinFuturesAdapter)
