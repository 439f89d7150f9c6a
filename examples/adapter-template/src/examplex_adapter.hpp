// ExamplexAdapter: sdk::Adapter over the examplex protocol. Every override is noexcept;
// sdk::guarded turns an exception into an error Result. The plugin exports it
// (examplex_plugin.cpp); the tests check it directly.
#pragma once

#include <tradehost/sdk/guard.hpp>

#include "examplex.hpp"

namespace examplex {

class ExamplexAdapter : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return examplex::manifest(); }

  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& s) const noexcept override {
    return sdk::guarded([&] { return examplex::venue_symbol(s); });
  }
  sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view v) const noexcept override {
    return sdk::guarded([&] { return examplex::unified_symbol(v); });
  }
  sdk::Result<std::string> venue_timeframe(sdk::Timeframe tf) const noexcept override {
    return sdk::guarded([&] { return examplex::venue_timeframe(tf); });
  }
  sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view v) const noexcept override {
    return sdk::guarded([&] { return examplex::unified_timeframe(v); });
  }
  sdk::Result<std::string> stream_name(const sdk::StreamKey& k) const noexcept override {
    return sdk::guarded([&] { return examplex::stream_name(k); });
  }
  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view n) const noexcept override {
    return sdk::guarded([&] { return examplex::parse_stream_name(n); });
  }

  sdk::Status bind_symbols(std::span<const sdk::SymbolBinding> symbols) noexcept override {
    return sdk::guarded([&] { return decoder_.bind(symbols); });
  }
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    return decoder_.decode(frame, out);
  }
  std::uint32_t stream_group(const sdk::StreamKey&) const noexcept override { return 0; }
  sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() noexcept override {
    return std::optional<sdk::HttpRequestSpec>{};  // examplex needs no token before connecting
  }
  sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView) noexcept override {
    return sdk::fail(sdk::ErrorCode::not_found, "examplex has no bootstrap request");
  }
  sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                   std::span<const sdk::StreamKey> streams,
                                                   std::uint64_t first_request_id) noexcept override {
    if (group != 0) return sdk::fail(sdk::ErrorCode::invalid_config, "examplex has one stream group, 0");
    return sdk::guarded([&] { return examplex::connection_plan(ws_base, streams, first_request_id); });
  }
  sdk::HeartbeatSpec heartbeat() const noexcept override { return examplex::heartbeat(); }
  sdk::Result<std::string> ping_frame(std::uint64_t) noexcept override {
    return sdk::fail(sdk::ErrorCode::not_found, "examplex: the server pings, the client only answers");
  }
  sdk::Result<std::string> ping_reply() noexcept override { return std::string(R"({"op":"pong"})"); }
  sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol, sdk::Timeframe tf,
                                                  std::int64_t start_ms, std::int64_t end_ms,
                                                  std::uint32_t limit) noexcept override {
    return sdk::guarded([&] { return examplex::kline_request(symbol, tf, start_ms, end_ms, limit); });
  }
  sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe tf,
                                                    sdk::HttpResponseView response) noexcept override {
    return sdk::guarded([&] { return examplex::parse_klines(symbol, tf, response); });
  }

 private:
  Decoder decoder_;
};

}  // namespace examplex
