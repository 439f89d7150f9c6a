#include "bingx/manifest.hpp"

namespace tradehost::bingx {
namespace {

constexpr sdk::Manifest kManifest{
    .name = "bingx",
    .version = "0.1.0",
    .default_stream_limit = 10,
    .env_prefix = "BINGX",
    .needs_passphrase = false,
    .rest_url = "https://open-api.bingx.com",
    .ws_url = "wss://open-api-swap.bingx.com/swap-market",
    .timeframes = kTimeframes,
    // protocols/bingx.md §4: every server frame is a binary frame holding a full gzip stream.
    .compression = sdk::FrameCompression::gzip,
    // protocols/bingx.md §5: klines have no closed flag; a bar is final when the next one opens.
    .kline_close = sdk::KlineClose::next_open,
    .trade_ids = sdk::TradeIds::none,  // §5: USDT-M trades carry no id
    .limits =
        {
            // protocols/bingx.md §4: more than 200 topics on one connection is refused with 80403.
            .streams_per_connection = 200,
            // protocols/bingx.md §4: a sub frame carries a single dataType.
            .streams_per_message = 1,
            // protocols/bingx.md §4: subscribe requests at most 10 per second.
            .client_messages_per_10s = 100,
        },
};

}  // namespace

const sdk::Manifest& manifest() noexcept { return kManifest; }

}  // namespace tradehost::bingx
