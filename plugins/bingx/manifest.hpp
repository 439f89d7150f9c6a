// The BingX USDT-M perpetual ("swap v2") adapter's manifest: what the host reads right after the
// ABI check.
//
// Everything it points to is constant-initialized static storage in this library, so the views
// stay valid for as long as the plugin is loaded (sdk/manifest.hpp "Ownership").
#pragma once

#include <array>

#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::bingx {

// protocols/bingx.md §3: the same fifteen intervals on WS and REST, spelled as tradehost does.
inline constexpr std::array<sdk::Timeframe, 15> kTimeframes = sdk::kAllTimeframes;

const sdk::Manifest& manifest() noexcept;

}  // namespace tradehost::bingx
