#include "venues/binance/binance_frames.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "market/decimal_text.hpp"
#include "venues/binance/binance_streams.hpp"

namespace tradehost::sim::binance {
namespace {

std::string px(const Instrument& i, std::int64_t ticks) { return format_fixed(ticks, i.price_decimals); }
std::string qty(const Instrument& i, std::int64_t steps) { return format_fixed(steps, i.qty_decimals); }
std::string quote(const Instrument& i, std::int64_t ticks_x_steps) {
  return format_fixed(ticks_x_steps, i.price_decimals + i.qty_decimals);
}

}  // namespace

std::string kline_event(const Instrument& inst, sdk::Timeframe tf, const Bar& bar, bool closed, std::int64_t event_ms) {
  const std::string symbol = rest_symbol(inst);
  // §5: f/L are -1 for a bar without trades.
  const std::int64_t first = bar.trades ? bar.first_trade_id : -1;
  const std::int64_t last = bar.trades ? bar.last_trade_id : -1;
  return fmt::format(
      R"({{"e":"kline","E":{},"s":"{}","k":{{"t":{},"T":{},"s":"{}","i":"{}","f":{},"L":{},"o":"{}","c":"{}","h":"{}","l":"{}","v":"{}","n":{},"x":{},"q":"{}","V":"{}","Q":"{}","B":"0"}}}})",
      event_ms, symbol, bar.open_ms, bar.next_open_ms - 1, symbol, sdk::to_string(tf), first, last, px(inst, bar.open),
      px(inst, bar.close), px(inst, bar.high), px(inst, bar.low), qty(inst, bar.volume), bar.trades,
      closed ? "true" : "false", quote(inst, bar.quote_volume), qty(inst, bar.taker_buy_volume),
      quote(inst, bar.taker_buy_quote));
}

std::string agg_trade_event(const Instrument& inst, const TradeEvent& t, std::int64_t event_ms) {
  // `m`: buyer is maker, i.e. the taker sold (§5).
  return fmt::format(R"({{"e":"aggTrade","E":{},"s":"{}","a":{},"p":"{}","q":"{}","nq":"{}","f":{},"l":{},"T":{},"m":{}}})",
                     event_ms, rest_symbol(inst), t.id, px(inst, t.price), qty(inst, t.qty), qty(inst, t.qty), t.id,
                     t.id, t.time_ms, t.taker_buy ? "false" : "true");
}

std::string agg_trade_row(const Instrument& inst, const TradeEvent& t) {
  // `m`: the buyer was the maker, i.e. the taker sold (as the stream).
  return fmt::format(R"({{"a":{},"p":"{}","q":"{}","f":{},"l":{},"T":{},"m":{}}})", t.id, px(inst, t.price),
                     qty(inst, t.qty), t.id, t.id, t.time_ms, t.taker_buy ? "false" : "true");
}

std::string trade_event(const Instrument& inst, const TradeEvent& t, std::int64_t event_ms) {
  return fmt::format(R"({{"e":"trade","E":{},"T":{},"s":"{}","t":{},"p":"{}","q":"{}","X":"MARKET","m":{}}})", event_ms,
                     t.time_ms, rest_symbol(inst), t.id, px(inst, t.price), qty(inst, t.qty),
                     t.taker_buy ? "false" : "true");
}

std::string book_ticker_event(const Instrument& inst, const BookEvent& b, std::int64_t event_ms) {
  return fmt::format(R"({{"e":"bookTicker","u":{},"s":"{}","b":"{}","B":"{}","a":"{}","A":"{}","T":{},"E":{}}})",
                     b.update_id, rest_symbol(inst), px(inst, b.bid), qty(inst, b.bid_qty), px(inst, b.ask),
                     qty(inst, b.ask_qty), b.time_ms, event_ms);
}

std::string combined(const std::string& stream, const std::string& payload) {
  return fmt::format(R"({{"stream":"{}","data":{}}})", stream, payload);
}

std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars) {
  std::string out = "[";
  for (const Bar& b : bars) {
    if (out.size() > 1) out += ",";
    out += fmt::format(R"([{},"{}","{}","{}","{}","{}",{},"{}",{},"{}","{}","0"])", b.open_ms, px(inst, b.open),
                       px(inst, b.high), px(inst, b.low), px(inst, b.close), qty(inst, b.volume), b.next_open_ms - 1,
                       quote(inst, b.quote_volume), b.trades, qty(inst, b.taker_buy_volume),
                       quote(inst, b.taker_buy_quote));
  }
  return out + "]";
}

std::string exchange_info(const std::vector<Instrument>& instruments, std::int64_t server_ms) {
  std::string symbols;
  for (const Instrument& i : instruments) {
    if (!symbols.empty()) symbols += ",";
    const std::string sym = rest_symbol(i);
    symbols += fmt::format(
        R"({{"symbol":"{}","pair":"{}","contractType":"PERPETUAL","deliveryDate":4133404800000,"onboardDate":1569398400000,"status":"TRADING","baseAsset":"{}","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":{},"quantityPrecision":{},"baseAssetPrecision":8,"quotePrecision":8,"underlyingType":"COIN","filters":[{{"filterType":"PRICE_FILTER","minPrice":"{}","maxPrice":"10000000","tickSize":"{}"}},{{"filterType":"LOT_SIZE","minQty":"{}","maxQty":"100000","stepSize":"{}"}},{{"filterType":"MARKET_LOT_SIZE","minQty":"{}","maxQty":"10000","stepSize":"{}"}},{{"filterType":"MAX_NUM_ORDERS","limit":200}},{{"filterType":"MIN_NOTIONAL","notional":"{}"}},{{"filterType":"PERCENT_PRICE","multiplierUp":"1.0500","multiplierDown":"0.9500","multiplierDecimal":"4"}}],"orderTypes":["LIMIT","MARKET"],"timeInForce":["GTC","IOC","FOK","GTX"]}})",
        sym, sym, i.base, i.price_decimals, i.qty_decimals, format_fixed(1, i.price_decimals),
        format_fixed(1, i.price_decimals), format_fixed(i.min_qty, i.qty_decimals), format_fixed(1, i.qty_decimals),
        format_fixed(i.min_qty, i.qty_decimals), format_fixed(1, i.qty_decimals), i.min_notional);
  }
  return fmt::format(
      R"({{"timezone":"UTC","serverTime":{},"rateLimits":[{{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400}},{{"rateLimitType":"ORDERS","interval":"MINUTE","intervalNum":1,"limit":1200}},{{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":300}}],"exchangeFilters":[],"assets":[{{"asset":"USDT","marginAvailable":true,"autoAssetExchange":"-10000"}}],"symbols":[{}]}})",
      server_ms, symbols);
}

std::string error_body(int code, const std::string& msg) {
  // Messages may quote what the client sent: escape them.
  return nlohmann::json{{"code", code}, {"msg", msg}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tradehost::sim::binance

#include "trading/accounts.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim::binance {
namespace {

std::string usdt(std::int64_t units) { return format_fixed(units, kUsdtDecimals); }

std::string avg_price(const Instrument& i, const Order& o) {
  if (o.filled == 0) return "0";
  return format_fixed(o.filled_quote / o.filled, i.price_decimals);
}

std::string_view tif_name(const Order& o) {
  switch (o.tif) {
    case TimeInForce::gtc: return "GTC";
    case TimeInForce::ioc: return "IOC";
    case TimeInForce::fok: return "FOK";
    case TimeInForce::post_only: return "GTX";
  }
  return "GTC";
}

}  // namespace

std::string_view status_name(const Order& o) {
  switch (o.status) {
    case OrderStatus::open: return "NEW";
    case OrderStatus::partially_filled: return "PARTIALLY_FILLED";
    case OrderStatus::filled: return "FILLED";
    case OrderStatus::canceled: return "CANCELED";
    case OrderStatus::expired: return "EXPIRED";
  }
  return "NEW";
}

std::string order_json(const Instrument& i, const Order& o, bool ack) {
  const std::string type = o.type == OrderType::market ? "MARKET" : "LIMIT";
  const std::string executed = ack ? "0" : qty(i, o.filled);
  return fmt::format(
      R"({{"orderId":{},"symbol":"{}","status":"{}","clientOrderId":"{}","price":"{}","avgPrice":"{}","origQty":"{}","executedQty":"{}","cumQty":"{}","cumQuote":"{}","timeInForce":"{}","type":"{}","reduceOnly":{},"closePosition":false,"side":"{}","positionSide":"BOTH","stopPrice":"0","workingType":"CONTRACT_PRICE","priceProtect":false,"origType":"{}","priceMatch":"NONE","selfTradePreventionMode":"EXPIRE_MAKER","goodTillDate":0,"time":{},"updateTime":{}}})",
      o.id, rest_symbol(i), ack ? "NEW" : status_name(o), o.client_id, px(i, o.price), ack ? "0" : avg_price(i, o),
      qty(i, o.qty), executed, executed, ack ? "0" : quote(i, o.filled_quote), tif_name(o), type,
      o.reduce_only ? "true" : "false", o.side == OrderSide::buy ? "BUY" : "SELL", type, o.created_ms,
      ack ? o.created_ms : o.updated_ms);
}

std::string order_trade_update(const Instrument& i, const Order& o, const Fill* f, std::int64_t event_ms) {
  const std::string type = o.type == OrderType::market ? "MARKET" : "LIMIT";
  std::string_view exec = "NEW";
  if (f != nullptr) exec = "TRADE";
  else if (o.status == OrderStatus::canceled) exec = "CANCELED";
  else if (o.status == OrderStatus::expired) exec = "EXPIRED";
  const std::int64_t time = f ? f->time_ms : o.updated_ms;
  return fmt::format(
      R"({{"e":"ORDER_TRADE_UPDATE","E":{},"T":{},"o":{{"s":"{}","c":"{}","S":"{}","o":"{}","f":"{}","q":"{}","p":"{}","ap":"{}","sp":"0","x":"{}","X":"{}","i":{},"l":"{}","z":"{}","L":"{}","N":"USDT","n":"{}","T":{},"t":{},"b":"0","a":"0","m":{},"R":{},"wt":"CONTRACT_PRICE","ot":"{}","ps":"BOTH","cp":false,"rp":"{}","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}}})",
      event_ms, time, rest_symbol(i), o.client_id, o.side == OrderSide::buy ? "BUY" : "SELL", type, tif_name(o),
      qty(i, o.qty), px(i, o.price), avg_price(i, o), exec, status_name(o), o.id, f ? qty(i, f->qty) : "0",
      qty(i, o.filled), f ? px(i, f->price) : "0", f ? usdt(f->fee) : "0", time, f ? f->trade_id : 0,
      f && f->maker ? "true" : "false", o.reduce_only ? "true" : "false", type, f ? usdt(f->realized_pnl) : "0");
}

std::string account_update(const Instrument& i, const Position& p, std::int64_t balance, std::int64_t event_ms) {
  const std::string entry = p.qty == 0 ? "0" : format_fixed(p.cost / (p.qty < 0 ? -p.qty : p.qty), i.price_decimals);
  return fmt::format(
      R"({{"e":"ACCOUNT_UPDATE","E":{},"T":{},"a":{{"m":"ORDER","B":[{{"a":"USDT","wb":"{}","cw":"{}","bc":"0"}}],"P":[{{"s":"{}","pa":"{}","ep":"{}","bep":"{}","cr":"{}","up":"0","mt":"cross","iw":"0","ps":"BOTH"}}]}}}})",
      event_ms, event_ms, usdt(balance), usdt(balance), rest_symbol(i), qty(i, p.qty), entry, entry, usdt(p.realized));
}

std::string listen_key_expired(const std::string& key, std::int64_t event_ms) {
  return fmt::format(R"({{"e":"listenKeyExpired","E":{},"listenKey":"{}"}})", event_ms, key);
}

}  // namespace tradehost::sim::binance
