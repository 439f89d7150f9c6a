// The Binance USDⓈ-M adapter's manifest: what the host reads right after the ABI check.
//
// Everything it points to is constant-initialized static storage in this library, so the views
// stay valid for as long as the plugin is loaded (sdk/manifest.hpp "Ownership").
#pragma once

#include <array>

#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::binance {

// protocols/binance.md §3: the same fifteen intervals on `@kline_<interval>` and REST `interval`.
inline constexpr std::array<sdk::Timeframe, 15> kTimeframes = sdk::kAllTimeframes;

const sdk::Manifest& manifest() noexcept;

}  // namespace tradehost::binance
