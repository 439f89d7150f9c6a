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
  for (const sdk::Event& trade : s.held) deliver(s, trade, out);
  s.held.clear();  // keeps its capacity: the next handoff does not allocate
}

bool TradeHandoff::on_trade(std::uint64_t conn, const sdk::Event& trade, std::vector<sdk::Event>& out) {
  SymbolState& s = symbols_[trade.trade.symbol];
  if (!s.has_source) {
    s.has_source = true;
    s.source = conn;
  }
  if (conn == s.source) {
    deliver(s, trade, out);
    // The source reached what the newer connection holds: the two met, the newer one goes on.
    if (!s.held.empty() && s.last_id >= s.held.front().trade.trade_id) {
      ++counters_.handoffs;
      hand_over(s, out);
    }
    return false;
  }
  if (conn < s.source) {  // superseded: what it carries comes from the source
    ++counters_.repeats_dropped;
    return false;
  }
  if (trade.trade.trade_id <= s.last_id) {
    // Newer, and level with or behind what was delivered: it carries on from here. Whatever was
    // held is covered by it too (its own held trades are older than this one).
    ++counters_.handoffs;
    counters_.repeats_dropped += s.held.size() + 1;
    s.held.clear();
    s.source = conn;
    return false;
  }
  // Newer and ahead: held until the source gets this far. Only the newest connection is held for.
  if (!s.held.empty() && conn != s.holder) {
    if (conn < s.holder) {
      ++counters_.repeats_dropped;
      return false;
    }
    counters_.repeats_dropped += s.held.size();
    s.held.clear();
  }
  s.holder = conn;
  s.held.push_back(trade);
  if (s.held.size() < max_held_) return false;
  // The source is stuck or far behind: waiting longer only delays the trades.
  ++counters_.handoffs_unmatched;
  hand_over(s, out);
  return true;
}

void TradeHandoff::on_connection_end(std::uint64_t conn, std::vector<sdk::Event>& out,
                                     std::vector<sdk::SymbolId>& unmatched) {
  for (auto& [symbol, s] : symbols_) {
    if (s.holder == conn && s.source != conn && !s.held.empty()) {
      // A newer connection that ended before it met the source: the source still carries all.
      counters_.repeats_dropped += s.held.size();
      s.held.clear();
    }
    if (!s.has_source || s.source != conn) continue;
    if (s.held.empty()) {
      s.has_source = false;  // the next connection to carry this symbol is its source
      continue;
    }
    ++counters_.handoffs_unmatched;
    unmatched.push_back(symbol);
    hand_over(s, out);
  }
}

}  // namespace tradehost::feed
