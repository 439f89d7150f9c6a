#include "kucoinfutures/candle_rollover.hpp"

namespace tradehost::kucoinfutures {

void CandleRollover::reset(std::size_t symbols, std::size_t timeframes) {
  timeframes_ = timeframes;
  current_.assign(symbols * timeframes, std::nullopt);
}

CandleRollover::Plan CandleRollover::plan(std::size_t slot, std::size_t timeframe,
                                          std::int64_t open_time_ms) const noexcept {
  const std::optional<sdk::Kline>& current = current_[index(slot, timeframe)];
  if (!current || open_time_ms == current->open_time_ms) return {Plan::Action::emit, nullptr};
  if (open_time_ms > current->open_time_ms) return {Plan::Action::roll, &*current};
  return {Plan::Action::stale, nullptr};
}

void CandleRollover::remember(std::size_t slot, std::size_t timeframe,
                              const sdk::Kline& kline) noexcept {
  current_[index(slot, timeframe)] = kline;
}

}  // namespace tradehost::kucoinfutures
