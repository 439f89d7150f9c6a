// Closing KuCoin candles: the venue has no "closed" flag (protocols/kucoinfutures.md §5), so a
// candle is final when a candle with a later start arrives on the same topic. This keeps, per
// (symbol, timeframe), the last update seen so the decoder can emit it as closed at that moment.
//
// Rule (the same as BingX's, manifest kline_close = next_open):
// - no candle yet, or the same start again: the update is emitted with closed = false;
// - a later start: first the previous candle's last update with closed = true, then the new one
//   with closed = false;
// - an earlier start (a late, out-of-order push): nothing is emitted and the state is kept, since
//   that candle was already closed.
// The host closes a candle by timer when no successor comes (a quiet contract).
//
// Storage is sized in reset() (cold path); plan() and remember() never allocate. Owned by the
// Decoder; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::kucoinfutures {

class CandleRollover {
 public:
  // What an update leads to; `previous` is set for `roll` only.
  struct Plan {
    enum class Action : std::uint8_t { emit, roll, stale } action;
    const sdk::Kline* previous;
  };

  // Forgets everything and makes room for `symbols` x `timeframes` streams.
  void reset(std::size_t symbols, std::size_t timeframes);

  // `slot` is the symbol's SymbolTable slot, `timeframe` its index in the manifest's kTimeframes;
  // both must be in range.
  Plan plan(std::size_t slot, std::size_t timeframe, std::int64_t open_time_ms) const noexcept;
  // Records `kline` as the stream's current candle, once its events are out.
  void remember(std::size_t slot, std::size_t timeframe, const sdk::Kline& kline) noexcept;

 private:
  std::size_t index(std::size_t slot, std::size_t timeframe) const noexcept {
    return slot * timeframes_ + timeframe;
  }

  std::size_t timeframes_ = 0;
  std::vector<std::optional<sdk::Kline>> current_;
};

}  // namespace tradehost::kucoinfutures
