// The KuCoin Futures market-data decoder: one received WebSocket frame -> normalized events
// (protocols/kucoinfutures.md §4 control messages, §5 market data frames).
//
// Owned by the adapter and called from the host's I/O thread, one frame at a time. bind()
// allocates (the symbol table, the candle state); decode() does not: it parses the frame in place
// with one reused simdjson on-demand parser (the host guarantees sdk::kFramePadding bytes after
// the frame), reads every field as a view into the frame, and appends to the caller's buffer.
// A frame that is malformed, truncated, names an unbound symbol or does not fit the buffer gives
// DecodeStatus::error and appends nothing.
//
// Decisions where the protocol document leaves room:
// - Frames are text JSON; a binary frame is an error (KuCoin sends none on the Classic API).
// - Sizes are contracts (§2): candle volume (index 6), trade size and book sizes are multiplied
//   by the symbol's contract size, exactly ({12, 0} x {1, 3} = {12, 3}). Candle index 5 is
//   ignored (§5: documented as incorrect).
// - Candles have no closed flag (§5): see candle_rollover.hpp for the rule (a later start closes
//   the previous candle, emitted first). An update older than the current candle is dropped and
//   reported as ControlKind::other.
// - The symbol and candle type come from the topic's target (`XBTUSDTM_1min`, split at the last
//   '_'); `data.symbol`, when present, must name the same symbol.
// - Trade (`match`): the taker side as given; `matchSize` (2019-era docs) is preferred over
//   `size` when present; `tradeId` must be a decimal integer (string or number) that fits int64;
//   `ts` is nanoseconds, floored to ms. tickerV2: `ts` nanoseconds, floored to ms.
// - Numeric fields accept a string or a JSON number (§5: old tickerV2 examples used numbers) and
//   are read from their text, never through a double; more than 18 significant digits is an
//   error. A string field holding an escape never matches, so it fails as malformed.
// - Control frames (§4): welcome -> welcome; pong -> pong (request_id = its id when decimal);
//   ack -> ack with the id the plan gave (a non-decimal id is not ours: other); error with code
//   401 -> token_expired; any other error -> subscribe_error with request_id = the id when it is
//   decimal (else 0), error_code = code (string or number) and detail = the `data` text.
// - Other `type`s (notice, command) and `message`s with other subjects -> ControlKind::other;
//   a `message` without topic or subject, or a frame without `type`, is an error.
#pragma once

#include <memory>
#include <span>

#include "kucoinfutures/candle_rollover.hpp"
#include "kucoinfutures/symbol_table.hpp"

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::kucoinfutures {

class Decoder {
 public:
  // Reserves the parser's buffers for frames up to 64 KiB; a larger frame (up to 1 MiB) grows
  // them once, anything larger is an error.
  Decoder();
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Replaces the bound symbols and forgets all candle state; on error nothing changes.
  sdk::Status bind(std::span<const sdk::SymbolBinding> symbols);

  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept;

  const SymbolTable& symbols() const noexcept { return symbols_; }

 private:
  struct Parser;  // simdjson's on-demand parser, kept out of this header
  std::unique_ptr<Parser> parser_;
  SymbolTable symbols_;
  CandleRollover candles_;
};

}  // namespace tradehost::kucoinfutures
