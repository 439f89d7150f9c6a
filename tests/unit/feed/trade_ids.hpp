// Test helpers for the trade paths of the feed (handoff, gap check): a bare trade event with an
// id, and the ids first..last that a test expects delivered.
#pragma once

#include <cstdint>
#include <vector>

#include <tradehost/sdk/events.hpp>

namespace tradehost::feed::test {

inline sdk::Event trade(std::int64_t id, sdk::SymbolId symbol = 7) {
  sdk::Event e{};
  e.kind = sdk::EventKind::trade;
  e.trade.symbol = symbol;
  e.trade.trade_id = id;
  return e;
}

inline std::vector<std::int64_t> ids(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> out;
  for (std::int64_t id = first; id <= last; ++id) out.push_back(id);
  return out;
}

}  // namespace tradehost::feed::test
