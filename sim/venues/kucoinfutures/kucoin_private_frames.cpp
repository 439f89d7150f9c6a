#include "venues/kucoinfutures/kucoin_private_frames.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "market/decimal_text.hpp"
#include "trading/accounts.hpp"
#include "venues/kucoinfutures/kucoin_frames.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

std::string px(const Instrument& i, std::int64_t ticks) { return trimmed(ticks, i.price_decimals); }
// A value of ticks x steps as USDT text.
std::string value(const Instrument& i, std::int64_t ticks_x_steps) {
  return trimmed(ticks_x_steps, i.price_decimals + i.qty_decimals);
}
std::string usdt(std::int64_t units) { return trimmed(units, kUsdtDecimals); }
std::int64_t contracts(const Instrument& i, std::int64_t steps) {
  return steps / std::max<std::int64_t>(1, i.contract_steps);
}
const char* side(const Order& o) { return o.side == OrderSide::buy ? "buy" : "sell"; }
const char* order_type(const Order& o) { return o.type == OrderType::market ? "market" : "limit"; }
const char* boolean(bool b) { return b ? "true" : "false"; }
// KuCoin ids are strings of digits (§8: "254761310847778816").
std::string id(std::int64_t n) { return std::to_string(n); }

bool done(const Order& o) { return !o.is_open(); }
// §8: "done" + cancelExist true = cancelled, possibly after fills; a market or IOC remainder
// that found no liquidity is cancelled the same way.
bool cancel_exist(const Order& o) { return o.status == OrderStatus::canceled || o.status == OrderStatus::expired; }

std::string avg_price(const Instrument& i, const Order& o) {
  return o.filled == 0 ? "0" : px(i, o.filled_quote / o.filled);
}

std::string_view event_name(OrderEvent e) {
  switch (e) {
    case OrderEvent::open:
      return "open";
    case OrderEvent::match:
      return "match";
    case OrderEvent::update:
      return "update";
    case OrderEvent::filled:
      return "filled";
    case OrderEvent::canceled:
      return "canceled";
  }
  return "open";
}

std::string envelope(const std::string& topic, std::string_view subject, const std::string& user_id,
                     const std::string& data) {
  return fmt::format(R"({{"type":"message","topic":{},"subject":"{}","channelType":"private","userId":{},"data":{}}})",
                     json_string(topic), subject, json_string(user_id), data);
}

// The fields of a §8 position, without the braces.
std::string position_fields(const Instrument& i, const Position& p, std::int64_t mark, std::int64_t now_ms) {
  const std::int64_t held = std::abs(p.qty);
  const std::int64_t sign = p.qty < 0 ? -1 : 1;
  const std::int64_t cost = p.cost * sign;                    // signed, ticks x steps
  const std::int64_t mark_value = mark * p.qty;               // signed, ticks x steps
  const std::int64_t unrealised = mark_value - cost;          // ticks x steps
  const std::int64_t margin = quote_to_usdt(i, p.cost) / 10;  // the ledger's 10x for positions
  const double pnl_ratio = p.cost == 0 ? 0.0 : static_cast<double>(unrealised) / static_cast<double>(p.cost);
  return fmt::format(
      R"("id":"{}","symbol":"{}","autoDeposit":false,"crossMode":false,"marginMode":"ISOLATED","positionSide":"BOTH","leverage":10,"realLeverage":{},"delevPercentage":0,"openingTimestamp":{},"currentTimestamp":{},"currentQty":{},"currentCost":{},"currentComm":0,"unrealisedCost":{},"realisedGrossCost":0,"realisedCost":0,"isOpen":{},"markPrice":{},"markValue":{},"posCost":{},"posInit":{},"posMargin":{},"posMaint":{},"maintMargin":{},"maintainMargin":0.004,"realisedGrossPnl":{},"realisedPnl":{},"unrealisedPnl":{},"unrealisedPnlPcnt":{:.4f},"unrealisedRoePcnt":{:.4f},"avgEntryPrice":{},"liquidationPrice":0,"bankruptPrice":0,"settleCurrency":"USDT","isInverse":false)",
      "pos-" + venue_symbol(i), venue_symbol(i), held == 0 ? 0 : 10, now_ms, now_ms, contracts(i, p.qty),
      value(i, cost), value(i, cost), boolean(p.qty != 0), px(i, mark), value(i, mark_value), value(i, cost),
      usdt(margin), usdt(margin), usdt(margin / 2), usdt(margin), usdt(p.realized), usdt(p.realized),
      value(i, unrealised), pnl_ratio, pnl_ratio * 10, held == 0 ? "0" : px(i, p.cost / held));
}

}  // namespace

std::int64_t quote_to_usdt(const Instrument& i, std::int64_t ticks_x_steps) {
  return ticks_x_steps * pow10(kUsdtDecimals - i.price_decimals - i.qty_decimals);
}

std::string order_object(const Instrument& i, const Order& o, std::string_view margin_mode) {
  // value: what the order is worth at its price (limit) or what it dealt (market).
  const std::int64_t worth = o.type == OrderType::limit ? o.price * o.qty : o.filled_quote;
  return fmt::format(
      R"({{"id":"{}","symbol":"{}","type":"{}","side":"{}","price":"{}","size":{},"value":"{}","dealValue":"{}","dealSize":{},"stp":"","stop":"","stopPriceType":"","stopTriggered":false,"stopPrice":null,"timeInForce":"{}","postOnly":{},"hidden":false,"iceberg":false,"leverage":"{}","forceHold":false,"closeOrder":false,"visibleSize":null,"clientOid":{},"remark":null,"tags":"","isActive":{},"cancelExist":{},"createdAt":{},"updatedAt":{},"endAt":{},"orderTime":{},"settleCurrency":"USDT","marginMode":"{}","positionSide":"BOTH","avgDealPrice":"{}","filledSize":{},"filledValue":"{}","status":"{}","reduceOnly":{}}})",
      id(o.id), venue_symbol(i), order_type(o), side(o), o.type == OrderType::limit ? px(i, o.price) : "0",
      contracts(i, o.qty), value(i, worth), value(i, o.filled_quote), contracts(i, o.filled),
      o.tif == TimeInForce::ioc ? "IOC" : "GTC", boolean(o.tif == TimeInForce::post_only), o.leverage,
      json_string(o.client_id), boolean(!done(o)), boolean(cancel_exist(o)), o.created_ms, o.updated_ms,
      done(o) ? std::to_string(o.updated_ms) : "null", o.created_ms * kNsPerMs, margin_mode, avg_price(i, o),
      contracts(i, o.filled), value(i, o.filled_quote), done(o) ? "done" : "open", boolean(o.reduce_only));
}

std::string fill_object(const Instrument& i, const Order& o, const Fill& f, std::string_view margin_mode) {
  const std::int64_t fee_ppm = f.maker ? Ledger::kMakerFeePpm : Ledger::kTakerFeePpm;
  return fmt::format(
      R"({{"symbol":"{}","tradeId":"{}","orderId":"{}","side":"{}","liquidity":"{}","forceTaker":false,"price":"{}","size":{},"value":"{}","feeRate":"{}","fixFee":"0","feeCurrency":"USDT","stop":"","fee":"{}","orderType":"{}","tradeType":"trade","createdAt":{},"settleCurrency":"USDT","openFeePay":"{}","closeFeePay":"0","tradeTime":{},"marginMode":"{}"}})",
      venue_symbol(i), f.trade_id, id(o.id), side(o), f.maker ? "maker" : "taker", px(i, f.price), contracts(i, f.qty),
      value(i, f.price * f.qty), trimmed(fee_ppm, 6), usdt(f.fee), order_type(o), f.time_ms, usdt(f.fee),
      f.time_ms * kNsPerMs, margin_mode);
}

std::string page_json(std::int64_t current_page, std::int64_t page_size, const std::vector<std::string>& items) {
  const auto total = static_cast<std::int64_t>(items.size());
  std::string joined;
  const std::int64_t first = (current_page - 1) * page_size;
  for (std::int64_t k = first; k < total && k < first + page_size; ++k) {
    joined += (joined.empty() ? "" : ",") + items[static_cast<std::size_t>(k)];
  }
  return fmt::format(R"({{"currentPage":{},"pageSize":{},"totalNum":{},"totalPage":{},"items":[{}]}})", current_page,
                     page_size, total, (total + page_size - 1) / page_size, joined);
}

std::string position_object(const Instrument& i, const Position& p, std::int64_t mark, std::int64_t now_ms) {
  return "{" + position_fields(i, p, mark, now_ms) + "}";
}

std::string account_overview(const Funds& f, std::string_view currency) {
  // §8: marginBalance = positionMargin + orderMargin + frozenFunds + availableBalance;
  // accountEquity adds the unrealised PnL. JSON numbers.
  return fmt::format(
      R"({{"accountEquity":{},"unrealisedPNL":{},"marginBalance":{},"positionMargin":{},"orderMargin":{},"frozenFunds":0,"availableBalance":{},"currency":"{}","riskRatio":0,"maxWithdrawAmount":{}}})",
      usdt(f.balance + f.unrealised), usdt(f.unrealised), usdt(f.balance), usdt(f.position_margin),
      usdt(f.order_margin), usdt(f.available()), currency, usdt(std::max<std::int64_t>(0, f.available())));
}

std::string order_change_frame(const std::string& topic, bool all_symbols, const std::string& user_id,
                               const Instrument& i, const Order& o, const Fill* f, OrderEvent event,
                               std::string_view margin_mode, std::int64_t now_ms) {
  // §9: status open (resting, or a maker fill), match (a taker fill), done (filled, cancelled).
  std::string_view status = "open";
  if (event == OrderEvent::filled || event == OrderEvent::canceled) status = "done";
  if (event == OrderEvent::match && f != nullptr && !f->maker) status = "match";
  const std::int64_t size = contracts(i, o.qty);
  const std::int64_t filled = contracts(i, o.filled);
  const std::int64_t canceled = event == OrderEvent::canceled ? size - filled : 0;
  const std::int64_t remain = status == "done" ? 0 : size - filled;
  std::string match;
  if (event == OrderEvent::match && f != nullptr) {
    match = fmt::format(R"("matchPrice":"{}","matchSize":"{}","tradeId":"{}","liquidity":"{}","feeType":"{}",)",
                        px(i, f->price), contracts(i, f->qty), f->trade_id, f->maker ? "maker" : "taker",
                        f->maker ? "makerFee" : "takerFee");
  }
  const std::int64_t ts_ms = f != nullptr ? f->time_ms : now_ms;
  const std::string data = fmt::format(
      R"({{"symbol":"{}","orderType":"{}","side":"{}","marginMode":"{}","type":"{}","status":"{}","orderId":"{}","clientOid":{},"price":"{}","size":"{}","filledSize":"{}","remainSize":"{}","canceledSize":"{}",{}"tradeType":"trade","orderTime":{},"ts":{}}})",
      venue_symbol(i), order_type(o), side(o), margin_mode, event_name(event), status, id(o.id),
      json_string(o.client_id), o.type == OrderType::limit ? px(i, o.price) : "0", size, filled, remain, canceled,
      match, o.created_ms * kNsPerMs, ts_ms * kNsPerMs);
  // §9: the all-symbols topic has subject orderChange, the per-symbol one symbolOrderChange.
  return envelope(topic, all_symbols ? "orderChange" : "symbolOrderChange", user_id, data);
}

std::string position_change_frame(const std::string& topic, const std::string& user_id, const Instrument& i,
                                  const Position& p, std::int64_t mark, std::int64_t now_ms) {
  return envelope(topic, "position.change", user_id,
                  "{" + position_fields(i, p, mark, now_ms) + R"(,"changeReason":"positionChange"})");
}

std::string wallet_frame(const std::string& user_id, const Funds& f, std::int64_t version, std::int64_t now_ms) {
  // §9: every value a string; the sim holds all margin as isolated.
  const std::string available = usdt(f.available());
  const std::string data = fmt::format(
      R"({{"currency":"USDT","walletBalance":"{}","availableBalance":"{}","holdBalance":"0","equity":"{}","isolatedOrderMargin":"{}","isolatedPosMargin":"{}","isolatedUnPnl":"{}","isolatedFundingFeeMargin":"0","crossOrderMargin":"0","crossPosMargin":"0","crossUnPnl":"0","totalCrossMargin":"{}","maxWithdrawAmount":"{}","availableMargin":"{}","version":"{}","timestamp":"{}"}})",
      usdt(f.balance), available, usdt(f.balance + f.unrealised), usdt(f.order_margin), usdt(f.position_margin),
      usdt(f.unrealised), available, usdt(std::max<std::int64_t>(0, f.available())), available, version, now_ms);
  return envelope("/contractAccount/wallet", "walletBalance.change", user_id, data);
}

}  // namespace tradehost::sim::kucoinfutures
