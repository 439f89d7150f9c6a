// A minimal adapter for registry tests: a manifest, trivial names, and no market data (every
// market-data call answers that this test venue has none).
#pragma once

#include <array>

#include <tradehost/sdk/adapter.hpp>

namespace tradehost::test_plugin {

inline constexpr std::array<sdk::Timeframe, 1> kTimeframes = {sdk::Timeframe::m1};

inline constexpr sdk::Manifest manifest_named(std::string_view name, std::int32_t limit) {
  return sdk::Manifest{name,
                       "9.9.9",
                       limit,
                       "TESTVENUE",
                       false,
                       "https://api.test.invalid",
                       "wss://ws.test.invalid",
                       kTimeframes,
                       sdk::FrameCompression::none,
                       sdk::KlineClose::flag,
                       sdk::TradeIds::none,
                       {100, 10, 50}};
}

inline sdk::Failure no_market_data() { return sdk::fail(sdk::ErrorCode::not_found, "the test venue has no market data"); }

template <const sdk::Manifest& M>
class TestAdapter : public sdk::Adapter {  // not final: a test may watch its destruction
 public:
  const sdk::Manifest& manifest() const noexcept override { return M; }
  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& s) const noexcept override {
    return s.base + s.quote;
  }
  sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view) const noexcept override { return no_market_data(); }
  sdk::Result<std::string> venue_timeframe(sdk::Timeframe tf) const noexcept override {
    return std::string(sdk::to_string(tf));
  }
  sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view) const noexcept override { return no_market_data(); }
  sdk::Result<std::string> stream_name(const sdk::StreamKey& k) const noexcept override { return k.to_string(); }
  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view) const noexcept override { return no_market_data(); }
  sdk::Status bind_symbols(std::span<const sdk::SymbolBinding>) noexcept override { return sdk::ok(); }
  sdk::DecodeResult decode(sdk::FrameView, sdk::EventBuffer&) noexcept override {
    return sdk::DecodeResult::error("the test venue has no market data");
  }
  std::uint32_t stream_group(const sdk::StreamKey&) const noexcept override { return 0; }
  sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() noexcept override {
    return std::optional<sdk::HttpRequestSpec>{};
  }
  sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView) noexcept override { return no_market_data(); }
  sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view, std::uint32_t, std::span<const sdk::StreamKey>,
                                                   std::uint64_t) noexcept override {
    return no_market_data();
  }
  sdk::HeartbeatSpec heartbeat() const noexcept override { return {}; }
  sdk::Result<std::string> ping_frame(std::uint64_t) noexcept override { return no_market_data(); }
  sdk::Result<std::string> ping_reply() noexcept override { return no_market_data(); }
  sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol&, sdk::Timeframe, std::int64_t, std::int64_t,
                                                  std::uint32_t) noexcept override {
    return no_market_data();
  }
  sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId, sdk::Timeframe, sdk::HttpResponseView) noexcept override {
    return no_market_data();
  }
};

}  // namespace tradehost::test_plugin
