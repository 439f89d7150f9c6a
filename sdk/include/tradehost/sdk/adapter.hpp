// sdk::Adapter: the interface every exchange plugin implements.
//
// An adapter is a protocol translator: it holds no sockets, threads or timers (the host owns all
// I/O). Every call is noexcept and returns plain data or a Result; no exception may leave the
// plugin. The host creates one adapter per plugin through the exported factory, owns it through
// the returned unique_ptr, destroys it before unloading the library, and calls it from one thread
// at a time (the host's I/O thread), so an adapter may keep reusable scratch state for decoding.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tradehost/sdk/abi.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::sdk {

// The host's id for a symbol it streams from this venue; events carry the id, not the text.
struct SymbolBinding {
  SymbolId id;
  UnifiedSymbol symbol;
  // Base units per contract where the venue trades contracts (KuCoin's multiplier), from the
  // venue's contract list; {0, 0} when the host does not know it, and the adapter then uses the
  // values its documentation gives for the symbol, or refuses to bind it.
  Decimal contract_size{};
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // ---- Identity ----------------------------------------------------------------------------
  // Lives as long as the adapter; see manifest.hpp for what the host checks.
  virtual const Manifest& manifest() const noexcept = 0;

  // ---- Names (ABI 1) -----------------------------------------------------------------------
  // BTC/USDT:USDT -> the venue's order/REST symbol (BTCUSDT, BTC-USDT, XBTUSDTM).
  virtual Result<std::string> venue_symbol(const UnifiedSymbol& symbol) const noexcept = 0;
  // The venue's symbol -> unified. Refuses what is not a USDT/USDC-margined perpetual.
  virtual Result<UnifiedSymbol> unified_symbol(std::string_view venue_symbol) const noexcept = 0;
  // 1m -> the venue's interval spelling (1m, 1min); refuses timeframes not in the manifest.
  virtual Result<std::string> venue_timeframe(Timeframe timeframe) const noexcept = 0;
  virtual Result<Timeframe> unified_timeframe(std::string_view venue_timeframe) const noexcept = 0;
  // The venue's name of a stream (btcusdt@kline_1m, BTC-USDT@trade,
  // /contractMarket/limitCandle:XBTUSDTM_1min), and back.
  virtual Result<std::string> stream_name(const StreamKey& stream) const noexcept = 0;
  virtual Result<StreamKey> parse_stream_name(std::string_view name) const noexcept = 0;

  // ---- Market data (ABI 2) -----------------------------------------------------------------
  // Called before any decode with the host's ids for every symbol it will stream. The adapter
  // may allocate here (lookup tables, per-stream state); decode must not allocate.
  virtual Status bind_symbols(std::span<const SymbolBinding> symbols) noexcept = 0;
  // Turns one received frame into events appended to `out`. Unknown symbols, malformed or
  // truncated frames give DecodeStatus::error and append nothing.
  virtual DecodeResult decode(FrameView frame, EventBuffer& out) noexcept = 0;

  // Streams with the same group may share a connection (Binance: klines and trades on /market
  // are group 0, book tickers on /public group 1; venues without categories use 0).
  virtual std::uint32_t stream_group(const StreamKey& stream) const noexcept = 0;
  // A request the host must make before every connection (KuCoin's bullet), or nullopt.
  virtual Result<std::optional<HttpRequestSpec>> bootstrap_request() noexcept = 0;
  virtual Result<Bootstrap> parse_bootstrap(HttpResponseView response) noexcept = 0;
  // The connection carrying `streams` (one group, within the manifest's connection limits):
  // `ws_base` is the configured WebSocket base, or the bootstrap's ws_url. Request ids start at
  // `first_request_id` and are echoed back in DecodeResult::request_id by acks.
  virtual Result<ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const StreamKey> streams,
                                                 std::uint64_t first_request_id) noexcept = 0;
  virtual HeartbeatSpec heartbeat() const noexcept = 0;
  // The frame of a client ping (HeartbeatSpec::Mode::client_text_ping).
  virtual Result<std::string> ping_frame(std::uint64_t id) noexcept = 0;
  // The answer to the venue's text ping (HeartbeatSpec::Mode::server_text_ping), e.g. "Pong".
  virtual Result<std::string> ping_reply() noexcept = 0;

  // REST klines to fill a gap: the request for bars of one stream opening in [start_ms, end_ms]
  // (at most `limit`), and the parsed answer, oldest first; a bar the answer shows still open
  // comes with closed = false. (An answer that cannot show it, rows without a server time, may
  // mark every row closed: the host asks only for bars that ended on the venue clock and drops
  // rows outside the range it asked for.)
  virtual Result<HttpRequestSpec> kline_request(const UnifiedSymbol& symbol, Timeframe timeframe,
                                                std::int64_t start_ms, std::int64_t end_ms,
                                                std::uint32_t limit) noexcept = 0;
  virtual Result<std::vector<Kline>> parse_klines(SymbolId symbol, Timeframe timeframe,
                                                  HttpResponseView response) noexcept = 0;

  // The venue's own word on when to send the next REST request after `response` (a 429, 418 or
  // 5xx), in milliseconds, for venues that say it other than with Retry-After (KuCoin:
  // gw-ratelimit-reset, or 30 s for an overload without it). nullopt, the default, lets the host
  // use Retry-After or its own backoff. (ABI 4)
  virtual std::optional<std::int64_t> retry_wait_ms(HttpResponseView response) const noexcept {
    static_cast<void>(response);
    return std::nullopt;
  }

  // REST trades to fill the ones a reconnect missed (ABI 6), for a venue whose trade ids rise by
  // exactly one per trade of a symbol (Binance's aggregate trade id): the request for at most
  // `limit` trades of `symbol` from id `from_id` on, oldest first. nullopt, the default: the venue
  // has no such endpoint or its ids have holes, and missed trades are neither fetched nor counted.
  // An adapter that returns a request must declare Manifest::trade_ids increasing.
  virtual Result<std::optional<HttpRequestSpec>> trades_request(const UnifiedSymbol& symbol, std::int64_t from_id,
                                                                std::uint32_t limit) noexcept {
    static_cast<void>(symbol);
    static_cast<void>(from_id);
    static_cast<void>(limit);
    return std::optional<HttpRequestSpec>{};
  }
  // The trades in the answer to trades_request, oldest first, as decode would have made them
  // (symbol, trade_id, price, qty, taker side, time).
  virtual Result<std::vector<Trade>> parse_trades(SymbolId symbol, HttpResponseView response) noexcept {
    static_cast<void>(symbol);
    static_cast<void>(response);
    return fail(ErrorCode::invalid_config, "this adapter fetches no trades (trades_request gives none)");
  }
};

// The factory each plugin exports; the unique_ptr's deleter is Adapter's virtual destructor.
using AdapterFactory = std::unique_ptr<Adapter>();
using AbiVersionFunction = std::uint32_t();

}  // namespace tradehost::sdk
