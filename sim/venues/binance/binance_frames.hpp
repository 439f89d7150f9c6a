// Binance USD-M JSON as the venue prints it (protocols/binance.md §2, §5, §6).
#pragma once

#include <string>
#include <vector>

#include "market/market.hpp"

namespace tradehost::sim::binance {

std::string kline_event(const Instrument& inst, sdk::Timeframe tf, const Bar& bar, bool closed, std::int64_t event_ms);
std::string agg_trade_event(const Instrument& inst, const TradeEvent& t, std::int64_t event_ms);
std::string trade_event(const Instrument& inst, const TradeEvent& t, std::int64_t event_ms);
std::string book_ticker_event(const Instrument& inst, const BookEvent& b, std::int64_t event_ms);
// {"stream":"<name>","data":<payload>} for combined connections.
std::string combined(const std::string& stream, const std::string& payload);

std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars);
std::string exchange_info(const std::vector<Instrument>& instruments, std::int64_t server_ms);
std::string error_body(int code, const std::string& msg);

}  // namespace tradehost::sim::binance
