// VenueAdapter<Venue>: an sdk::Adapter whose calls forward to a venue's plain functions.
//
// An adapter is mostly a protocol translator written as free functions (names, subscribe, decode,
// rest); this template is the one forwarding class over them, so an adapter's plugin.cpp only
// names its functions. Every call that may allocate runs inside sdk::guarded, so nothing thrown
// crosses the plugin boundary (adapter.hpp: every call is noexcept); decode() calls the decoder
// directly, with nothing in between. The adapter owns one `Venue::Decoder`, the only state it
// keeps, and is used from one thread at a time like any adapter.
//
// `Venue` is a struct of static constexpr function pointers (or static functions) with the
// Adapter's names and parameters:
//
//   struct Venue {
//     using Decoder = examplex::Decoder;  // bind(span<const SymbolBinding>) -> Status,
//                                         // decode(FrameView, EventBuffer&) noexcept -> DecodeResult
//     static constexpr auto manifest = &examplex::manifest;
//     static constexpr auto venue_symbol = &examplex::venue_symbol;
//     ... every pure virtual of sdk::Adapter but bind_symbols and decode ...
//   };
//
// Optional calls are forwarded when the struct has them, and otherwise keep Adapter's default:
// `retry_wait_ms`, `trades_request`, `parse_trades`. `parse_klines` may take the decoder first
// (const Decoder&, SymbolId, Timeframe, HttpResponseView), for a venue whose REST rows need what
// bind_symbols learned (KuCoin's contract sizes).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/guard.hpp>

namespace tradehost::sdk {

template <typename Venue>
class VenueAdapter : public Adapter {
 public:
  using Decoder = typename Venue::Decoder;

  const Manifest& manifest() const noexcept override { return Venue::manifest(); }

  Result<std::string> venue_symbol(const UnifiedSymbol& symbol) const noexcept override {
    return guarded([&] { return Venue::venue_symbol(symbol); });
  }
  Result<UnifiedSymbol> unified_symbol(std::string_view venue_symbol) const noexcept override {
    return guarded([&] { return Venue::unified_symbol(venue_symbol); });
  }
  Result<std::string> venue_timeframe(Timeframe timeframe) const noexcept override {
    return guarded([&] { return Venue::venue_timeframe(timeframe); });
  }
  Result<Timeframe> unified_timeframe(std::string_view venue_timeframe) const noexcept override {
    return guarded([&] { return Venue::unified_timeframe(venue_timeframe); });
  }
  Result<std::string> stream_name(const StreamKey& stream) const noexcept override {
    return guarded([&] { return Venue::stream_name(stream); });
  }
  Result<StreamKey> parse_stream_name(std::string_view name) const noexcept override {
    return guarded([&] { return Venue::parse_stream_name(name); });
  }

  Status bind_symbols(std::span<const SymbolBinding> symbols) noexcept override {
    return guarded([&] { return decoder_.bind(symbols); });
  }
  DecodeResult decode(FrameView frame, EventBuffer& out) noexcept override { return decoder_.decode(frame, out); }

  std::uint32_t stream_group(const StreamKey& stream) const noexcept override { return Venue::stream_group(stream); }

  Result<std::optional<HttpRequestSpec>> bootstrap_request() noexcept override {
    return guarded([&]() -> Result<std::optional<HttpRequestSpec>> { return Venue::bootstrap_request(); });
  }
  Result<Bootstrap> parse_bootstrap(HttpResponseView response) noexcept override {
    return guarded([&] { return Venue::parse_bootstrap(response); });
  }
  Result<ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                         std::span<const StreamKey> streams,
                                         std::uint64_t first_request_id) noexcept override {
    return guarded([&] { return Venue::connection_plan(ws_base, group, streams, first_request_id); });
  }
  HeartbeatSpec heartbeat() const noexcept override { return Venue::heartbeat(); }
  Result<std::string> ping_frame(std::uint64_t id) noexcept override {
    return guarded([&] { return Venue::ping_frame(id); });
  }
  Result<std::string> ping_reply() noexcept override {
    return guarded([&] { return Venue::ping_reply(); });
  }

  Result<HttpRequestSpec> kline_request(const UnifiedSymbol& symbol, Timeframe timeframe, std::int64_t start_ms,
                                        std::int64_t end_ms, std::uint32_t limit) noexcept override {
    return guarded([&] { return Venue::kline_request(symbol, timeframe, start_ms, end_ms, limit); });
  }
  Result<std::vector<Kline>> parse_klines(SymbolId symbol, Timeframe timeframe,
                                          HttpResponseView response) noexcept override {
    return guarded([&] {
      if constexpr (requires { Venue::parse_klines(decoder_, symbol, timeframe, response); }) {
        return Venue::parse_klines(decoder_, symbol, timeframe, response);
      } else {
        return Venue::parse_klines(symbol, timeframe, response);
      }
    });
  }

  std::optional<std::int64_t> retry_wait_ms(HttpResponseView response) const noexcept override {
    if constexpr (requires { Venue::retry_wait_ms(response); }) {
      try {
        return Venue::retry_wait_ms(response);
      } catch (...) {
        return std::nullopt;  // no word from the venue: the host's own backoff applies
      }
    } else {
      return Adapter::retry_wait_ms(response);
    }
  }
  Result<std::optional<HttpRequestSpec>> trades_request(const UnifiedSymbol& symbol, std::int64_t from_id,
                                                        std::uint32_t limit) noexcept override {
    if constexpr (requires { Venue::trades_request(symbol, from_id, limit); }) {
      return guarded([&]() -> Result<std::optional<HttpRequestSpec>> {
        auto request = Venue::trades_request(symbol, from_id, limit);
        if (!request) return Failure{std::move(request).error()};
        return std::optional<HttpRequestSpec>(std::move(*request));
      });
    } else {
      return Adapter::trades_request(symbol, from_id, limit);
    }
  }
  Result<std::vector<Trade>> parse_trades(SymbolId symbol, HttpResponseView response) noexcept override {
    if constexpr (requires { Venue::parse_trades(symbol, response); }) {
      return guarded([&] { return Venue::parse_trades(symbol, response); });
    } else {
      return Adapter::parse_trades(symbol, response);
    }
  }

 protected:
  Decoder decoder_;
};

}  // namespace tradehost::sdk
