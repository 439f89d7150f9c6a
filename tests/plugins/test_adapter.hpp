// A minimal adapter for registry tests: a manifest and refusals for everything else.
// Each broken-plugin source defines kManifest and exports (or fails to export) it.
#pragma once

#include <array>

#include <tradehost/sdk/adapter.hpp>

namespace tradehost::test_plugin {

inline constexpr std::array<sdk::Timeframe, 1> kTimeframes = {sdk::Timeframe::m1};

inline constexpr sdk::Manifest manifest_named(std::string_view name, std::int32_t limit) {
  return sdk::Manifest{name,     "9.9.9",   limit, "TESTVENUE", false, "https://api.test.invalid",
                       "wss://ws.test.invalid", kTimeframes, sdk::FrameCompression::none, {100, 10, 50}};
}

template <const sdk::Manifest& M>
class TestAdapter final : public sdk::Adapter {
 public:
  const sdk::Manifest& manifest() const noexcept override { return M; }
  sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& s) const noexcept override {
    return s.base + s.quote;
  }
  sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view) const noexcept override {
    return sdk::fail(sdk::ErrorCode::not_found, "test plugin");
  }
  sdk::Result<std::string> venue_timeframe(sdk::Timeframe tf) const noexcept override {
    return std::string(sdk::to_string(tf));
  }
  sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view) const noexcept override {
    return sdk::fail(sdk::ErrorCode::not_found, "test plugin");
  }
  sdk::Result<std::string> stream_name(const sdk::StreamKey& k) const noexcept override { return k.to_string(); }
  sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view) const noexcept override {
    return sdk::fail(sdk::ErrorCode::not_found, "test plugin");
  }
};

}  // namespace tradehost::test_plugin
