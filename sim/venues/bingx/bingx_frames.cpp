#include "venues/bingx/bingx_frames.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "market/decimal_text.hpp"
#include "venues/bingx/bingx_topics.hpp"

namespace tradehost::sim::bingx {
namespace {

std::string px(const Instrument& i, std::int64_t ticks) {
  return format_fixed(ticks, i.price_decimals);
}
std::string qty(const Instrument& i, std::int64_t steps) {
  return format_fixed(steps, i.qty_decimals);
}

}  // namespace

std::string json_string(std::string_view text) {
  // Replaces invalid UTF-8 instead of throwing: ids and dataTypes come from clients.
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string kline_push(const Instrument& inst, const std::string& data_type, const Bar& bar) {
  // §5: `s` at top level, `data` an array of one bar, `T` the bar's open time, decimals as strings.
  return fmt::format(
      R"({{"code":0,"dataType":"{}","s":"{}","data":[{{"c":"{}","o":"{}","h":"{}","l":"{}","v":"{}","T":{}}}]}})",
      data_type, venue_symbol(inst), px(inst, bar.close), px(inst, bar.open), px(inst, bar.high),
      px(inst, bar.low), qty(inst, bar.volume), bar.open_ms);
}

std::string trade_push(const Instrument& inst, const std::string& data_type,
                       const std::vector<TradeEvent>& trades) {
  // §5: newest first; `m` is "buyer is maker", so true when the taker sold. No trade id, no E.
  const std::string symbol = venue_symbol(inst);
  std::string rows;
  for (auto it = trades.rbegin(); it != trades.rend(); ++it) {
    if (!rows.empty()) rows += ",";
    rows += fmt::format(R"({{"q":"{}","p":"{}","T":{},"m":{},"s":"{}"}})", qty(inst, it->qty),
                        px(inst, it->price), it->time_ms, it->taker_buy ? "false" : "true", symbol);
  }
  return fmt::format(R"({{"code":0,"dataType":"{}","data":[{}]}})", data_type, rows);
}

std::string book_ticker_push(const Instrument& inst, const std::string& data_type,
                             const BookEvent& b, std::int64_t event_ms) {
  // §5: `E` push time, `T` match time (the market step's time).
  return fmt::format(
      R"({{"code":0,"dataType":"{}","data":{{"e":"bookTicker","u":{},"E":{},"T":{},"s":"{}","b":"{}","B":"{}","a":"{}","A":"{}"}}}})",
      data_type, b.update_id, event_ms, b.time_ms, venue_symbol(inst), px(inst, b.bid),
      qty(inst, b.bid_qty), px(inst, b.ask), qty(inst, b.ask_qty));
}

std::string ws_reply(const std::string& id_json, int code, std::string_view msg) {
  return fmt::format(R"({{"id":{},"code":{},"msg":{},"dataType":"","data":null}})", id_json, code,
                     json_string(msg));
}

std::string ok_body(const std::string& data_json) {
  return fmt::format(R"({{"code":0,"msg":"","data":{}}})", data_json);
}

std::string error_body(int code, std::string_view msg) {
  return fmt::format(R"({{"code":{},"msg":{},"data":{{}}}})", code, json_string(msg));
}

std::string server_time(std::int64_t server_ms) {
  return ok_body(fmt::format(R"({{"serverTime":{}}})", server_ms));
}

std::string contracts(const std::vector<Instrument>& instruments,
                      const std::vector<std::size_t>& which) {
  std::string rows;
  for (std::size_t index : which) {
    const Instrument& i = instruments[index];
    if (!rows.empty()) rows += ",";
    const std::string symbol = venue_symbol(i);
    // §2 example layout: precisions, minimums, fees and leverage caps are JSON numbers.
    rows += fmt::format(
        R"({{"contractId":"{}","symbol":"{}","size":"0","quantityPrecision":{},"pricePrecision":{},"feeRate":0.0005,"makerFeeRate":0.0002,"takerFeeRate":0.0005,"tradeMinLimit":0,"tradeMinQuantity":{},"tradeMinUSDT":{},"maxLongLeverage":125,"maxShortLeverage":125,"currency":"USDT","asset":"{}","status":1,"apiStateOpen":"true","apiStateClose":"true","brokerState":false,"ensureTrigger":false,"triggerFeeRate":"0.00020000","launchTime":1586275200000,"maintainTime":0,"offTime":0,"displayName":"{}"}})",
        100 + index, symbol, i.qty_decimals, i.price_decimals,
        format_fixed(i.min_qty, i.qty_decimals), i.min_notional, i.base, symbol);
  }
  return ok_body("[" + rows + "]");
}

std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars) {
  std::string rows;
  for (const Bar& b : bars) {
    if (!rows.empty()) rows += ",";
    rows += fmt::format(
        R"({{"open":"{}","close":"{}","high":"{}","low":"{}","volume":"{}","time":{}}})",
        px(inst, b.open), px(inst, b.close), px(inst, b.high), px(inst, b.low), qty(inst, b.volume),
        b.open_ms);
  }
  return ok_body("[" + rows + "]");
}

}  // namespace tradehost::sim::bingx
