#include "market/event_json.hpp"

#include <fmt/format.h>

#include "market/decimal_text.hpp"

namespace tradehost::market {

std::string event_json(const sdk::Event& e, std::string_view exchange, std::string_view symbol) {
  switch (e.kind) {
    case sdk::EventKind::kline: {
      const auto& k = e.kline;
      return fmt::format(
          R"({{"kind":"kline","exchange":"{}","symbol":"{}","timeframe":"{}","open_time_ms":{},"open":"{}","high":"{}","low":"{}","close":"{}","volume":"{}","closed":{}}})",
          exchange, symbol, sdk::to_string(k.timeframe), k.open_time_ms, to_string(k.open), to_string(k.high),
          to_string(k.low), to_string(k.close), to_string(k.volume), k.closed ? "true" : "false");
    }
    case sdk::EventKind::trade: {
      const auto& t = e.trade;
      return fmt::format(
          R"({{"kind":"trade","exchange":"{}","symbol":"{}","price":"{}","qty":"{}","side":"{}","time_ms":{},"trade_id":{}}})",
          exchange, symbol, to_string(t.price), to_string(t.qty), sdk::to_string(t.side), t.time_ms, t.trade_id);
    }
    case sdk::EventKind::book_ticker: {
      const auto& b = e.book_ticker;
      return fmt::format(
          R"({{"kind":"book_ticker","exchange":"{}","symbol":"{}","bid":"{}","bid_qty":"{}","ask":"{}","ask_qty":"{}"}})",
          exchange, symbol, to_string(b.bid), to_string(b.bid_qty), to_string(b.ask), to_string(b.ask_qty));
    }
  }
  return "{}";
}

}  // namespace tradehost::market
