#include "kucoinfutures/manifest.hpp"

namespace tradehost::kucoinfutures {
namespace {

constexpr sdk::Manifest kManifest{
    .name = "kucoinfutures",
    .version = "0.1.0",
    .default_stream_limit = 15,
    .env_prefix = "KUCOIN_FUTURES",
    // protocols/kucoinfutures.md §7: KuCoin API keys carry a passphrase.
    .needs_passphrase = true,
    .rest_url = "https://api-futures.kucoin.com",
    // protocols/kucoinfutures.md §1: the real endpoint comes with each bullet answer and may
    // change; this is the documented value, for display and the simulator.
    .ws_url = "wss://ws-api-futures.kucoin.com/",
    .timeframes = kTimeframes,
    // protocols/kucoinfutures.md §1: JSON text frames (permessage-deflate only if we offer it).
    .compression = sdk::FrameCompression::none,
    // protocols/kucoinfutures.md §5: candles carry no closed flag; a candle is final when the
    // next one opens (decode.hpp emits it closed then) or when the host's timer passes its end.
    .kline_close = sdk::KlineClose::next_open,
    .trade_ids = sdk::TradeIds::increasing,  // §5: tradeId (= sequence) rises per symbol
    .limits =
        {
            // protocols/kucoinfutures.md §4: the current page says unlimited for futures, the
            // error-code page still says 300 per session; the adapter row keeps to 300.
            .streams_per_connection = 300,
            // protocols/kucoinfutures.md §4: at most 100 targets per subscribe message.
            .streams_per_message = 100,
            // protocols/kucoinfutures.md §4: 100 client messages per 10 s, pings included.
            .client_messages_per_10s = 100,
        },
};

}  // namespace

const sdk::Manifest& manifest() noexcept { return kManifest; }

}  // namespace tradehost::kucoinfutures
