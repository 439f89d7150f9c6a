// Decoder: BingX USDT-M market-data frames -> sdk events, on the host's hot path.
//
// Owned by the adapter (a member of BingxAdapter) and called from one thread at a time (the host's
// I/O thread). bind() builds the symbol table and the kline state (may allocate); decode() then
// allocates nothing: one simdjson On-Demand parser and one gunzip buffer (gunzip.hpp), both sized at construction
// with a cap, are reused for every frame, and per-frame results are staged in fixed scratch space
// before anything is appended, so a rejected frame appends nothing and changes no state.
//
// How frames are read (protocols/bingx.md §4, §5), including the calls made where the document
// leaves room:
//  - Compression: every server frame is a binary frame holding a gzip stream. We gunzip whatever
//    starts with the gzip magic (1f 8b), binary or text, and parse anything else as it is (JKorf
//    passes text frames through; JSON and `Ping` never start with 1f). A frame that inflates past
//    kMaxInflatedBytes is an error.
//  - Heartbeat: the text `Ping` (after gunzip; surrounding whitespace ignored) is ControlKind::ping
//    and is answered with ping_reply() = `Pong`. A `Pong` from the server would be ControlKind::pong.
//  - Replies: `{"id":"<id>","code":0,"msg":"",...}`. A frame with `code` and no data events (its
//    `dataType` empty, null or absent, or its `data` null or absent) is a reply. Code 0 -> ack with
//    the id read as an unsigned decimal (ours are "1", "2", ...); a code-0 reply whose id is not a
//    number (another client's UUID) or that has no id -> other. A non-zero code -> subscribe_error
//    (request id if parsable, else 0) when the frame has an `id`, server_error when it has none
//    (§4 shows `{"code":100400,"msg":"","timestamp":...}`); error_code = code, detail = msg.
//  - Pushes `{"code":0,"dataType":"<SYM>@<channel>","data":...}`: the symbol is the dataType's part
//    before '@' and must be bound (else error); an `s` field, where present, must name the same
//    symbol. Channels other than kline_<tf>, trade and bookTicker (depth, ticker, ...) -> other.
//    Keys may come in any order (a `data` seen before `dataType` is read on a second pass).
//  - Klines: §5 has no closed flag. Per (symbol, timeframe) we keep the last bar seen (a table
//    sized in bind, see kline_tracker.hpp): a push with a larger `T` (bar open time) appends the
//    kept bar with closed = true, then the new bar with closed = false; the same `T` again appends
//    the updated bar with closed = false; a smaller `T` (a bar already closed) appends nothing.
//    `data` is an array (normally one bar; several are applied in `T` order) or one object.
//  - Trades: `data` is an array, newest first; we append oldest first (reversed). BingX USDT-M
//    trades carry no trade id (§5), so trade_id is 0. `m` true = buyer is maker = taker sold.
//  - Book ticker: `data` object with b/B/a/A; time_ms from `T` (match time), else `E`.
//  - Numbers: decimals are strings, or bare JSON numbers (§10); exact, at most 18 significant
//    digits and 18 decimals. Times are integers in ms (quoted ones accepted) and must be > 0.
//  - Limits per frame: kMaxTradesPerFrame trades, kMaxKlinesPerFrame bars; more is an error, as is
//    an EventBuffer without room for the whole frame's events.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::bingx {

// Largest frame we parse, after inflating (BingX pushes are a few hundred bytes).
inline constexpr std::size_t kMaxInflatedBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxTradesPerFrame = 1024;
inline constexpr std::size_t kMaxKlinesPerFrame = 64;

class Decoder {
 public:
  // Allocates the parser, the inflate buffer and the scratch space; throws std::bad_alloc if it
  // cannot (the plugin factory turns that into a refusal).
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Replaces the symbol table and forgets every kline. May allocate and throw std::bad_alloc.
  sdk::Status bind(std::span<const sdk::SymbolBinding> symbols);

  // One frame -> events appended to `out`, or a control result, or an error with nothing
  // appended (sdk/adapter.hpp). `frame` must have sdk::kFramePadding readable bytes past size.
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradehost::bingx
