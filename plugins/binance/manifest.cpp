#include "binance/manifest.hpp"

namespace tradehost::binance {
namespace {

constexpr sdk::Manifest kManifest{
    .name = "binance",
    .version = "0.1.0",
    .default_stream_limit = 20,
    .env_prefix = "BINANCE",
    .needs_passphrase = false,
    .rest_url = "https://fapi.binance.com",
    // protocols/binance.md §1: streams live under /public, /market and /private by category; the
    // adapter appends the path, so the manifest carries only the host.
    .ws_url = "wss://fstream.binance.com",
    .timeframes = kTimeframes,
    .compression = sdk::FrameCompression::none,
    // protocols/binance.md §5: the final update of a bar carries `k.x == true`.
    .kline_close = sdk::KlineClose::flag,
    .trade_ids = sdk::TradeIds::increasing,  // §5: aggTrade `a` rises per symbol
    .limits =
        {
            // protocols/binance.md §1: newest docs allow 1024 streams per connection, older ones
            // 200; 200 is safe under both.
            .streams_per_connection = 200,
            // Binance documents no per-frame cap; 50 names keeps a SUBSCRIBE frame small.
            .streams_per_message = 50,
            // protocols/binance.md §1: 10 incoming messages/s, pongs and control included, and
            // overrunning it closes the socket; we plan with half of the 100 per 10 s so pongs
            // and control frames always fit.
            .client_messages_per_10s = 50,
        },
};

}  // namespace

const sdk::Manifest& manifest() noexcept { return kManifest; }

}  // namespace tradehost::binance
