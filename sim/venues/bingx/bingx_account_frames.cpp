#include "venues/bingx/bingx_account_frames.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "market/decimal_text.hpp"
#include "trading/accounts.hpp"
#include "trading/ledger.hpp"
#include "venues/bingx/bingx_frames.hpp"
#include "venues/bingx/bingx_topics.hpp"

namespace tradehost::sim::bingx {
namespace {

std::string px(const Instrument& i, std::int64_t ticks) { return format_fixed(ticks, i.price_decimals); }
std::string qty(const Instrument& i, std::int64_t steps) { return format_fixed(steps, i.qty_decimals); }
std::string usdt(std::int64_t units) { return format_fixed(units, kUsdtDecimals); }
// ticks x steps as USDT text.
std::string quote(const Instrument& i, std::int64_t q) { return format_fixed(q, i.price_decimals + i.qty_decimals); }

std::string avg_price(const Instrument& i, const Order& o) {
  return o.filled == 0 ? px(i, 0) : px(i, o.filled_quote / o.filled);
}

std::string_view side_name(const Order& o) { return o.side == OrderSide::buy ? "BUY" : "SELL"; }
std::string_view type_name(const Order& o) { return o.type == OrderType::market ? "MARKET" : "LIMIT"; }

std::string_view tif_name(const Order& o) {
  switch (o.tif) {
    case TimeInForce::gtc: return "GTC";
    case TimeInForce::ioc: return "IOC";
    case TimeInForce::fok: return "FOK";
    case TimeInForce::post_only: return "PostOnly";
  }
  return "GTC";
}

// §9 `X`: WS spells CANCELED with one L, unlike REST.
std::string_view ws_status(const Order& o) {
  switch (o.status) {
    case OrderStatus::open: return "NEW";
    case OrderStatus::partially_filled: return "PARTIALLY_FILLED";
    case OrderStatus::filled: return "FILLED";
    case OrderStatus::canceled: return "CANCELED";
    case OrderStatus::expired: return "EXPIRED";
  }
  return "NEW";
}

std::int64_t realized(const Order& o) {
  std::int64_t sum = 0;
  for (const Fill& f : o.fills) sum += f.realized_pnl;
  return sum;
}

std::string entry_price(const Instrument& i, const Position& p) {
  return p.qty == 0 ? px(i, 0) : px(i, p.cost / std::abs(p.qty));
}

}  // namespace

std::string_view rest_status(const Order& o, bool just_placed) {
  switch (o.status) {
    case OrderStatus::open: return just_placed ? "NEW" : "PENDING";
    case OrderStatus::partially_filled: return "PARTIALLY_FILLED";
    case OrderStatus::filled: return "FILLED";
    case OrderStatus::canceled: return "CANCELLED";  // §7: double L in REST
    case OrderStatus::expired: return "EXPIRED";
  }
  return "NEW";
}

std::string placed_order_json(const Instrument& i, const Order& o) {
  return fmt::format(
      R"({{"symbol":"{}","orderId":{},"side":"{}","positionSide":"BOTH","type":"{}","clientOrderId":{},"workingType":"MARK_PRICE","status":"{}","avgPrice":"{}","executedQty":"{}"}})",
      venue_symbol(i), o.id, side_name(o), type_name(o), json_string(o.client_id), rest_status(o, true),
      avg_price(i, o), qty(i, o.filled));
}

std::string order_json(const Instrument& i, const Order& o) {
  constexpr std::string_view kNoTrigger = R"({"type":"","quantity":0,"stopPrice":0,"price":0,"workingType":""})";
  return fmt::format(
      R"({{"symbol":"{}","orderId":{},"side":"{}","positionSide":"BOTH","type":"{}","origQty":"{}","price":"{}","executedQty":"{}","avgPrice":"{}","cumQuote":"{}","stopPrice":"","profit":"{}","commission":"{}","status":"{}","time":{},"updateTime":{},"clientOrderId":{},"leverage":"{}X","takeProfit":{},"stopLoss":{},"advanceAttr":0,"positionID":0,"takeProfitEntrustPrice":0,"stopLossEntrustPrice":0,"orderType":"","workingType":"MARK_PRICE","stopGuaranteed":"false","triggerOrderId":0,"timeInForce":"{}","reduceOnly":{},"postOnly":{},"closePosition":"","positionId":0}})",
      venue_symbol(i), o.id, side_name(o), type_name(o), qty(i, o.qty), px(i, o.price), qty(i, o.filled),
      avg_price(i, o), quote(i, o.filled_quote), usdt(realized(o)), usdt(-o.fees), rest_status(o, false),
      o.created_ms, o.updated_ms, json_string(o.client_id), o.leverage, kNoTrigger, kNoTrigger, tif_name(o),
      o.reduce_only ? "true" : "false", o.tif == TimeInForce::post_only ? "true" : "false");
}

std::string position_json(const Instrument& i, const Position& p, const PositionView& v, std::int64_t now_ms) {
  const std::int64_t value = std::abs(p.qty) * v.mark;  // ticks x steps
  const double ratio =
      v.margin_usdt == 0 ? 0.0 : static_cast<double>(v.unrealized_usdt) / static_cast<double>(v.margin_usdt);
  return fmt::format(
      R"({{"positionId":"{}","symbol":"{}","currency":"USDT","positionAmt":"{}","availableAmt":"{}","positionSide":"BOTH","isolated":false,"avgPrice":"{}","initialMargin":"{}","margin":"{}","leverage":{},"unrealizedProfit":"{}","realisedProfit":"{}","liquidationPrice":0,"markPrice":"{}","positionValue":"{}","riskRate":"0","maxMarginReduction":"0","pnlRatio":"{:.4f}","updateTime":{}}})",
      v.position_id, venue_symbol(i), qty(i, p.qty), qty(i, std::abs(p.qty)), entry_price(i, p), usdt(v.margin_usdt),
      usdt(v.margin_usdt), v.leverage, usdt(v.unrealized_usdt), usdt(p.realized), px(i, v.mark), quote(i, value),
      ratio, now_ms);
}

std::string balance_json(const BalanceView& v, std::int64_t user_id) {
  const std::int64_t equity = v.balance + v.unrealized;
  return fmt::format(
      R"({{"userId":"{}","asset":"{}","balance":"{}","equity":"{}","unrealizedProfit":"{}","realisedProfit":"{}","availableMargin":"{}","usedMargin":"{}","freezedMargin":"0","shortUid":"{}"}})",
      user_id, v.asset, usdt(v.balance), usdt(equity), usdt(v.unrealized), usdt(v.realised),
      usdt(v.balance - v.used_margin), usdt(v.used_margin), user_id % 100'000'000);
}

std::string order_trade_update(const Instrument& i, const Order& o, const Fill* f, std::int64_t event_ms) {
  std::string_view exec = "NEW";
  if (f != nullptr) exec = "TRADE";
  else if (o.status == OrderStatus::canceled) exec = "CANCELED";
  else if (o.status == OrderStatus::expired) exec = "EXPIRED";
  // §9: no last-fill qty or price (clients derive fills from z); `n` is the order's commission
  // so far, negative when paid; `rp` the realized PnL of this event's fill.
  return fmt::format(
      R"({{"e":"ORDER_TRADE_UPDATE","E":{},"o":{{"s":"{}","c":{},"i":{},"S":"{}","o":"{}","q":"{}","p":"{}","sp":"0","ap":"{}","x":"{}","X":"{}","N":"USDT","n":"{}","T":{},"wt":"MARK_PRICE","ps":"BOTH","rp":"{}","z":"{}"}}}})",
      event_ms, venue_symbol(i), json_string(o.client_id), o.id, side_name(o), type_name(o), qty(i, o.qty),
      px(i, o.price), avg_price(i, o), exec, ws_status(o), usdt(-o.fees), f ? f->time_ms : 0,
      usdt(f ? f->realized_pnl : 0), qty(i, o.filled));
}

std::string account_update(const Instrument& i, const Position& p, std::int64_t balance, std::int64_t unrealized_usdt,
                           std::int64_t event_ms) {
  return fmt::format(
      R"({{"e":"ACCOUNT_UPDATE","E":{},"T":{},"a":{{"m":"ORDER","B":[{{"a":"USDT","wb":"{}","cw":"{}","bc":"0"}}],"P":[{{"s":"{}","pa":"{}","ep":"{}","up":"{}","mt":"cross","iw":"0","ps":"BOTH","cr":"{}"}}]}}}})",
      event_ms, event_ms, usdt(balance), usdt(balance), venue_symbol(i), qty(i, p.qty), entry_price(i, p),
      usdt(unrealized_usdt), usdt(p.realized));
}

std::string listen_key_expired(const std::string& key, std::int64_t event_ms) {
  return fmt::format(R"({{"e":"listenKeyExpired","E":{},"listenKey":"{}"}})", event_ms, key);
}

}  // namespace tradehost::sim::bingx
