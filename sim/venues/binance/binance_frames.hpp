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
// One row of GET /fapi/v1/aggTrades: {"a","p","q","f","l","T","m"}.
std::string agg_trade_row(const Instrument& inst, const TradeEvent& t);
std::string exchange_info(const std::vector<Instrument>& instruments, std::int64_t server_ms);
std::string error_body(int code, const std::string& msg);

}  // namespace tradehost::sim::binance

namespace tradehost::sim {
struct Order;
struct Fill;
struct Position;
}  // namespace tradehost::sim

namespace tradehost::sim::binance {

// §7 order object; `ack` prints the acknowledgement state (NEW, nothing executed yet).
std::string order_json(const Instrument& inst, const Order& order, bool ack);
// §9 user data events.
std::string order_trade_update(const Instrument& inst, const Order& order, const Fill* fill, std::int64_t event_ms);
std::string account_update(const Instrument& inst, const Position& position, std::int64_t balance, std::int64_t event_ms);
std::string listen_key_expired(const std::string& key, std::int64_t event_ms);
std::string_view status_name(const Order& order);

}  // namespace tradehost::sim::binance
