#include "kucoinfutures/candle_rollover.hpp"

#include <tradehost/sdk/event_checks.hpp>

namespace tradehost::kucoinfutures {

void CandleRollover::reset(std::size_t symbols, std::size_t timeframes) {
  timeframes_ = timeframes;
  current_.assign(symbols * timeframes, std::nullopt);
}

CandleRollover::Plan CandleRollover::plan(std::size_t slot, std::size_t timeframe,
                                          const sdk::Kline& update) const noexcept {
  const std::optional<sdk::Kline>& current = current_[index(slot, timeframe)];
  if (!current) return {Plan::Action::emit, nullptr};
  if (update.open_time_ms > current->open_time_ms) return {Plan::Action::roll, &*current};
  if (update.open_time_ms == current->open_time_ms && !sdk::is_earlier_state(*current, update)) {
    return {Plan::Action::emit, nullptr};
  }
  return {Plan::Action::stale, nullptr};
}

void CandleRollover::remember(std::size_t slot, std::size_t timeframe,
                              const sdk::Kline& kline) noexcept {
  current_[index(slot, timeframe)] = kline;
}

}  // namespace tradehost::kucoinfutures
