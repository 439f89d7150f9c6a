#include "feed/trade_handoff.hpp"

namespace tradehost::feed {

void TradeHandoff::deliver(SymbolState& s, const sdk::Event& trade, std::vector<sdk::Event>& out) {
  if (trade.trade.trade_id <= s.last_id) {
    ++counters_.repeats_dropped;
    return;
  }
  s.last_id = trade.trade.trade_id;
  out.push_back(trade);
}

void TradeHandoff::hand_over(SymbolState& s, std::vector<sdk::Event>& out) {
  s.source = s.holder;
  s.holder = 0;
  for (const sdk::Event& trade : s.held) deliver(s, trade, out);
  s.held.clear();  // keeps its capacity: the next handoff does not allocate
}

void TradeHandoff::promote(std::uint64_t conn) {
  const std::uint64_t rank = ++last_rank_;
  const auto [it, first] = ranks_.try_emplace(conn, rank);
  if (first) return;
  const std::uint64_t was = it->second;
  it->second = rank;
  for (auto& [symbol, s] : symbols_) {
    if (s.holder == was) s.holder = rank;
    if (s.source != was) continue;
    s.source = rank;
    if (s.holder != 0) {
      // The held connection now ranks below the source: the source carries what it holds.
      counters_.repeats_dropped += s.held.size();
      s.held.clear();
      s.holder = 0;
    }
  }
}

bool TradeHandoff::on_trade(std::uint64_t conn, const sdk::Event& trade, std::vector<sdk::Event>& out) {
  const auto ranked = ranks_.find(conn);
  if (ranked == ranks_.end()) {  // not serving (yet): the serving connection carries it too
    ++counters_.repeats_dropped;
    return false;
  }
  const std::uint64_t rank = ranked->second;
  SymbolState& s = symbols_[trade.trade.symbol];
  if (s.source == 0) s.source = rank;
  if (rank == s.source) {
    deliver(s, trade, out);
    // The source reached what the later connection holds: the two met, the later one goes on.
    if (!s.held.empty() && s.last_id >= s.held.front().trade.trade_id) {
      ++counters_.handoffs;
      hand_over(s, out);
    }
    return false;
  }
  if (rank < s.source) {  // superseded: what it carries comes from the source
    ++counters_.repeats_dropped;
    return false;
  }
  if (trade.trade.trade_id <= s.last_id) {
    // Later, and level with or behind what was delivered: it carries on from here. Whatever was
    // held is covered by it too (its own held trades are older than this one).
    ++counters_.handoffs;
    counters_.repeats_dropped += s.held.size() + 1;
    s.held.clear();
    s.holder = 0;
    s.source = rank;
    return false;
  }
  // Later and ahead: held until the source gets this far. Only the latest connection is held for.
  if (!s.held.empty() && rank != s.holder) {
    if (rank < s.holder) {
      ++counters_.repeats_dropped;
      return false;
    }
    counters_.repeats_dropped += s.held.size();
    s.held.clear();
  }
  s.holder = rank;
  s.held.push_back(trade);
  if (s.held.size() < max_held_) return false;
  // The source is stuck or far behind: waiting longer only delays the trades.
  ++counters_.handoffs_unmatched;
  hand_over(s, out);
  return true;
}

void TradeHandoff::on_connection_end(std::uint64_t conn, std::vector<sdk::Event>& out,
                                     std::vector<sdk::SymbolId>& unmatched) {
  const auto ranked = ranks_.find(conn);
  if (ranked == ranks_.end()) return;  // never served: it never delivered nor held anything
  const std::uint64_t rank = ranked->second;
  ranks_.erase(ranked);
  for (auto& [symbol, s] : symbols_) {
    if (s.holder == rank) {
      // A later connection that ended before it met the source: the source still carries all.
      counters_.repeats_dropped += s.held.size();
      s.held.clear();
      s.holder = 0;
    }
    if (s.source != rank) continue;
    if (s.held.empty()) {
      s.source = 0;  // the next promoted connection to carry this symbol is its source
      continue;
    }
    ++counters_.handoffs_unmatched;
    unmatched.push_back(symbol);
    hand_over(s, out);
  }
}

}  // namespace tradehost::feed
