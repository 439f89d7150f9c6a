// Decoder: Binance USDⓈ-M market-data frames -> sdk events, on the host's I/O thread.
//
// Owned by the adapter (one per plugin instance) and called by one thread at a time
// (sdk/adapter.hpp). bind() builds the symbol table and may allocate; decode() is the hot path:
// one reused simdjson on-demand parser, the frame parsed in place (the host pads it by
// sdk::kFramePadding), no heap allocation per frame once the parser has seen a frame of the size
// (its buffers are sized up front for kInitialFrameCapacity bytes). Nothing of simdjson shows in
// this header: it stays a private dependency of the core library.
//
// What decode accepts (protocols/binance.md §4, §5):
// - data frames raw (`{"e":"kline",...}`) or in the combined wrapper
//   (`{"stream":"btcusdt@kline_1m","data":{...}}`), on any connection: the wrapper need not match
//   the connection's mode, and `stream` is not checked against `data`;
// - `e` = kline (timeframe `k.i`, open time `k.t`, closed `k.x`, OHLC `k.o/h/l/c`, volume `k.v`),
//   aggTrade (id `a`), trade (id `t`; price `p`, qty `q`, time `T`, side from `m`: true = the
//   buyer made, so the taker sold), bookTicker (`b`, `B`, `a`, `A`);
// - `{"result":null,"id":N}` -> ack N; any other `result` (LIST_SUBSCRIPTIONS, GET_PROPERTY)
//   -> other; `{"error":{"code":C,"msg":"..."},"id":N|null}` -> subscribe_error N with C and msg.
//
// Decisions where the protocol document is silent or loose:
// - An error frame whose id is null (code 3 "Invalid JSON") is still subscribe_error, with
//   request_id 0: no request of ours carries id 0 (connection_plan refuses it), so it matches
//   nothing and the host sees the venue's code and message. A `result` of null without a numeric
//   id is `other`, not an ack.
// - Keys are read whatever their order and unknown keys are skipped (`st`, `ps`, `nq`, `u`, ...).
//   A key's type is checked only when the event needs it, so well-formed events we do not use
//   (depthUpdate with `b`/`a` arrays, markPriceUpdate, listenKeyExpired with a string `E`) are
//   `other`, never errors; an object with no `e`, `result`, `error` or object `data` is `other`.
// - Trade time is `T`, else `E`; book-ticker time is `T`, else `E`; one of them is required.
//   A kline's symbol is the top-level `s`, else `k.s`; its interval must be one of the manifest's.
// - Symbols match the bound venue symbols exactly (uppercase BTCUSDT, §2/§5); anything else is
//   an unknown symbol and an error.
// - Decimals keep the venue's decimals; more than 18 significant digits or 18 decimals, exponents,
//   '+', spaces and empty strings are errors. Ids and times must fit int64.
// - A frame must be exactly one JSON object: blanks around it are fine, bytes after its closing
//   brace, a scalar or an array at the top are errors. A binary frame is an error: Binance sends
//   text only.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::binance {

class Decoder {
 public:
  // The largest frame decode accepts; Binance's market frames are well under 1 KiB.
  static constexpr std::size_t kMaxFrameBytes = std::size_t{1} << 20;
  // Parser buffers allocated at construction; a larger frame grows them once (not per frame).
  static constexpr std::size_t kInitialFrameCapacity = std::size_t{64} << 10;

  // Allocates the parser; throws std::bad_alloc like any constructor (the factory catches it).
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Replaces the symbol table: each binding's venue symbol (BTCUSDT) -> its id. Refuses symbols
  // Binance cannot name and one venue symbol bound to two ids. May allocate and throw.
  sdk::Status bind(std::span<const sdk::SymbolBinding> symbols);

  // Never allocates in steady state, never throws; see the top of this file for what it accepts.
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tradehost::binance
