#include "bingx/kline_tracker.hpp"

namespace tradehost::bingx {
namespace {

constexpr std::size_t kTimeframeCount = sdk::kAllTimeframes.size();

}  // namespace

std::size_t advance(KlineSlot& slot, const sdk::Kline& bar, sdk::Kline out[2]) noexcept {
  std::size_t n = 0;
  if (slot.has_bar) {
    if (bar.open_time_ms < slot.bar.open_time_ms) return 0;  // stale: already closed
    if (bar.open_time_ms > slot.bar.open_time_ms) {
      out[n] = slot.bar;
      out[n].closed = true;
      ++n;
    }
  }
  slot.has_bar = true;
  slot.bar = bar;
  slot.bar.closed = false;
  out[n++] = slot.bar;
  return n;
}

void KlineTracker::reset(std::size_t symbols) {
  slots_.assign(symbols * kTimeframeCount, KlineSlot{});
}

KlineSlot* KlineTracker::slot(std::size_t symbol_index, sdk::Timeframe timeframe) noexcept {
  const auto tf = static_cast<std::size_t>(timeframe);
  if (tf < 1 || tf > kTimeframeCount) return nullptr;
  const std::size_t i = symbol_index * kTimeframeCount + (tf - 1);
  return i < slots_.size() ? &slots_[i] : nullptr;
}

}  // namespace tradehost::bingx
