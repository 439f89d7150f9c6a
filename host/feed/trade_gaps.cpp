#include "feed/trade_gaps.hpp"

#include <utility>

namespace tradehost::feed {

void TradeGaps::deliver(State& s, const sdk::Event& trade, std::vector<sdk::Event>& out) {
  out.push_back(trade);
  s.last_id = trade.trade.trade_id;
}

void TradeGaps::on_trade(const sdk::Event& trade, std::vector<sdk::Event>& out, std::vector<TradeRange>& fetch) {
  State& s = symbols_[trade.trade.symbol];
  const std::int64_t id = trade.trade.trade_id;
  if (s.filling) {
    s.held.push_back(trade);
    if (s.held.size() >= max_held_) {  // the fetch is stuck: give the gap up, the trades go on
      ++counters_.gaps_unfilled;
      counters_.trades_missed += static_cast<std::uint64_t>(s.range.last_id - s.range.first_id + 1);
      release(s, out, fetch);
    }
    return;
  }
  if (s.last_id == std::numeric_limits<std::int64_t>::min() || id == s.last_id + 1) {
    deliver(s, trade, out);
    return;
  }
  if (id <= s.last_id) return;  // delivered already (a fetched trade the stream repeats)
  ++counters_.gaps_found;
  s.filling = true;
  s.range = TradeRange{trade.trade.symbol, s.last_id + 1, id - 1};
  s.held.push_back(trade);
  fetch.push_back(s.range);
}

void TradeGaps::complete(const TradeRange& range, std::span<const sdk::Trade> fetched, bool ok,
                         std::vector<sdk::Event>& out, std::vector<TradeRange>& fetch) {
  auto it = symbols_.find(range.symbol);
  if (it == symbols_.end() || !it->second.filling || !(it->second.range == range)) return;
  State& s = it->second;
  std::uint64_t delivered = 0;
  for (const sdk::Trade& t : fetched) {
    if (t.symbol != range.symbol || t.trade_id <= s.last_id || t.trade_id > range.last_id) continue;
    sdk::Event event{};
    event.kind = sdk::EventKind::trade;
    event.trade = t;
    deliver(s, event, out);
    ++delivered;
  }
  counters_.trades_backfilled += delivered;
  const auto wanted = static_cast<std::uint64_t>(range.last_id - range.first_id + 1);
  if (ok && delivered == wanted) {
    ++counters_.gaps_filled;
  } else {
    ++counters_.gaps_unfilled;
    counters_.trades_missed += wanted - delivered;
  }
  // The held trades continue from the last id of the range, whatever came back: a hole left
  // inside it is counted above, not fetched again.
  s.last_id = range.last_id;
  release(s, out, fetch);
}

void TradeGaps::release(State& s, std::vector<sdk::Event>& out, std::vector<TradeRange>& fetch) {
  s.filling = false;
  if (s.last_id < s.range.last_id) s.last_id = s.range.last_id;  // given up: go on after the gap
  std::vector<sdk::Event> held = std::move(s.held);
  s.held.clear();
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (s.filling) {  // another gap among them: the rest wait for its fill
      s.held.insert(s.held.end(), held.begin() + static_cast<std::ptrdiff_t>(i), held.end());
      return;
    }
    on_trade(held[i], out, fetch);
  }
}

bool TradeGaps::awaiting(const TradeRange& range) const {
  const auto it = symbols_.find(range.symbol);
  return it != symbols_.end() && it->second.filling && it->second.range == range;
}

bool TradeGaps::filling(sdk::SymbolId symbol) const {
  const auto it = symbols_.find(symbol);
  return it != symbols_.end() && it->second.filling;
}

}  // namespace tradehost::feed
