// The KuCoin Futures (Classic API) adapter's manifest: what the host reads right after the ABI
// check.
//
// Everything it points to is constant-initialized static storage in this library, so the views
// stay valid for as long as the plugin is loaded (sdk/manifest.hpp "Ownership").
#pragma once

#include <array>

#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::kucoinfutures {

// protocols/kucoinfutures.md §3. A timeframe is listed only if it both streams and backfills:
// 3m and 1M have WS topics (3min, 1month) but no REST granularity to fill gaps after a
// reconnect, so they are left out; futures has no 6hour at all, and no 3-day candle either.
inline constexpr std::array<sdk::Timeframe, 11> kTimeframes = {
    sdk::Timeframe::m1,  sdk::Timeframe::m5, sdk::Timeframe::m15, sdk::Timeframe::m30,
    sdk::Timeframe::h1,  sdk::Timeframe::h2, sdk::Timeframe::h4,  sdk::Timeframe::h8,
    sdk::Timeframe::h12, sdk::Timeframe::d1, sdk::Timeframe::w1,
};

const sdk::Manifest& manifest() noexcept;

}  // namespace tradehost::kucoinfutures
