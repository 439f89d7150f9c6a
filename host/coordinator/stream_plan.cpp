#include "coordinator/stream_plan.hpp"

namespace tradehost::coordinator {

StreamPlan plan_streams(const std::string& exchange, const StreamRequest& request, std::int32_t cap) {
  StreamPlan plan;
  plan.exchange = exchange;
  plan.cap = cap;
  for (const auto& symbol : request.symbols) {
    for (auto tf : request.timeframes) plan.wanted.push_back({sdk::EventKind::kline, symbol, tf});
    if (request.trades) plan.wanted.push_back({sdk::EventKind::trade, symbol, sdk::Timeframe::m1});
    if (request.book_tickers) plan.wanted.push_back({sdk::EventKind::book_ticker, symbol, sdk::Timeframe::m1});
  }
  const auto limit = static_cast<std::size_t>(cap < 0 ? 0 : cap);
  for (std::size_t i = 0; i < plan.wanted.size(); ++i) {
    (i < limit ? plan.subscribed : plan.left_out).push_back(plan.wanted[i]);
  }
  return plan;
}

}  // namespace tradehost::coordinator
