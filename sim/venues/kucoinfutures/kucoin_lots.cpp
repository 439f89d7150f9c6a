#include "venues/kucoinfutures/kucoin_lots.hpp"

#include <algorithm>

#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

// At least as many bars as the market keeps (MarketOptions: 1500 of 1m, 500 of the others).
constexpr std::size_t kKeep1m = 1600;
constexpr std::size_t kKeepOther = 600;

}  // namespace

std::int64_t to_contracts(const Instrument& instrument, std::int64_t qty_steps) {
  const std::int64_t per = std::max<std::int64_t>(1, instrument.contract_steps);
  return (qty_steps + per - 1) / per;
}

ContractVolumes::ContractVolumes(const Market& market) : market_(market), series_(market.instruments().size()) {}

std::size_t ContractVolumes::slot(sdk::Timeframe tf) {
  const auto& all = kucoin_timeframes();
  return static_cast<std::size_t>(std::find(all.begin(), all.end(), tf) - all.begin());
}

void ContractVolumes::add_trade(const TradeEvent& trade, std::int64_t contracts) {
  for (sdk::Timeframe tf : kucoin_timeframes()) {
    // Keyed by the bar the market added the trade to (its current bar), not by the trade's time
    // stamp, so the volume always lands in the bar the market reports.
    const std::int64_t open_ms = market_.current_bar(trade.symbol, tf).open_ms;
    auto& series = series_[trade.symbol][slot(tf)];
    if (series.empty() || series.back().open_ms != open_ms) series.push_back({open_ms, 0});
    series.back().contracts += contracts;
    const std::size_t keep = tf == sdk::Timeframe::m1 ? kKeep1m : kKeepOther;
    while (series.size() > keep) series.pop_front();
  }
}

std::int64_t ContractVolumes::volume(std::size_t symbol, sdk::Timeframe tf, std::int64_t open_ms) const {
  const std::size_t s = slot(tf);
  if (symbol >= series_.size() || s >= kSlots) return 0;
  const auto& series = series_[symbol][s];
  auto it = std::lower_bound(series.begin(), series.end(), open_ms,
                             [](const Entry& e, std::int64_t t) { return e.open_ms < t; });
  return it != series.end() && it->open_ms == open_ms ? it->contracts : 0;
}

}  // namespace tradehost::sim::kucoinfutures
