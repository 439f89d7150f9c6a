#include "venues/kucoinfutures/kucoin_trading.hpp"
#include "text_and_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "market/decimal_text.hpp"
#include "venues/kucoinfutures/kucoin_frames.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

using json = nlohmann::json;

// §2 contract limits, as contract_json prints them.
constexpr std::int64_t kMaxOrderQty = 1'000'000;
constexpr std::int64_t kMaxPrice = 1'000'000;
constexpr std::int64_t kMaxPageSize = 1000;

HttpResponse ok(const std::string& data) { return HttpResponse::json(200, ok_body(data)); }
// §8: business errors come with HTTP 200.
HttpResponse refuse(std::string_view code, std::string_view msg) {
  return HttpResponse::json(200, error_body(code, msg));
}
HttpResponse invalid(std::string_view msg) { return refuse("100001", msg); }
HttpResponse no_contract() { return refuse("100003", "Contract does not exist."); }

// An integer given as a JSON integer, an integral float, or a string of digits.
std::optional<std::int64_t> integer(const json& j) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) {
    const double d = j.get<double>();
    if (std::floor(d) == d && std::abs(d) < 9e15) return static_cast<std::int64_t>(d);
    return std::nullopt;
  }
  if (j.is_string()) return parse_int(j.get<std::string>());
  return std::nullopt;
}

// true/false, or the strings "true"/"false" (some clients send every field as a string).
std::optional<bool> flag(const json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_string() && (*it == "true" || *it == "false")) return *it == "true";
  return std::nullopt;
}

std::optional<std::string> text(const json& body, const char* name) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::int64_t page_param(const HttpRequest& r, const char* name, std::int64_t fallback) {
  const auto v = r.param(name);
  if (!v) return fallback;
  return parse_int(*v).value_or(-1);
}

}  // namespace

KucoinTrading::KucoinTrading(VenueContext& context, PrivatePush& push)
    : ctx_(context),
      push_(push),
      // §8 order ids are 18-digit strings; the trade ids the ledger derives are half of these.
      ledger_("kucoinfutures", context.market, context.accounts, 254'900'000'000'000'000),
      store_(context.state_dir, "kucoinfutures") {
  ledger_.add_listener(this);
}

const std::string& KucoinTrading::user_id(const std::string& account) const {
  static const std::string kNone;
  const Account* a = ledger_.account_by_key(account);
  return a == nullptr ? kNone : a->name;
}

std::string_view KucoinTrading::margin_mode(std::int64_t order_id) const {
  auto it = margin_modes_.find(order_id);
  return it == margin_modes_.end() ? std::string_view("ISOLATED") : std::string_view(it->second);
}

Funds KucoinTrading::funds(const std::string& account) const {
  Funds f;
  f.balance = ledger_.balance(account);
  const auto& instruments = ctx_.market.instruments();
  for (std::size_t s = 0; s < instruments.size(); ++s) {
    const Position p = ledger_.position(account, s);
    if (p.qty == 0) continue;
    // The ledger holds a position's margin at 10x (Ledger::used_margin).
    f.position_margin += quote_to_usdt(instruments[s], p.cost) / 10;
    const std::int64_t mark = ctx_.market.book(s).bid;
    f.unrealised += quote_to_usdt(instruments[s], mark * p.qty - (p.qty < 0 ? -p.cost : p.cost));
  }
  f.order_margin = ledger_.used_margin(account) - f.position_margin;
  return f;
}

void KucoinTrading::push_order(const Order& o, const Fill* fill, OrderEvent event) {
  const Instrument& inst = ctx_.market.instruments()[o.symbol];
  const std::string all(kTradeOrdersTopic);
  const std::string one = all + ":" + venue_symbol(inst);
  const std::int64_t now = ctx_.clock.venue_ms();
  for (const auto& [topic, all_symbols] : {std::pair{all, true}, std::pair{one, false}}) {
    if (!push_.subscribed(o.account, topic)) continue;
    push_.push(
        o.account, topic,
        order_change_frame(topic, all_symbols, user_id(o.account), inst, o, fill, event, margin_mode(o.id), now));
  }
}

void KucoinTrading::push_wallet(const std::string& account) {
  const std::int64_t version = ++wallet_versions_[account];
  if (!push_.subscribed(account, kWalletTopic)) return;
  push_.push(account, kWalletTopic, wallet_frame(user_id(account), funds(account), version, ctx_.clock.venue_ms()));
}

void KucoinTrading::on_order(const Order& order, const Fill* fill) {
  // §9 (simulator note): per fill a `match`, then `filled` once complete; a cancel (or an IOC or
  // market remainder that expires) is `canceled`. The ledger's "accepted" call is skipped: the
  // order is announced as `open` after matching, and only if it rests (place()).
  if (fill != nullptr) {
    push_order(order, fill, OrderEvent::match);
    if (order.status == OrderStatus::filled) push_order(order, nullptr, OrderEvent::filled);
  } else if (order.status == OrderStatus::canceled || order.status == OrderStatus::expired) {
    push_order(order, nullptr, OrderEvent::canceled);
    push_wallet(order.account);  // its order margin is released
  }
  (void)store_.save(ledger_);  // best effort: the next change writes again
}

void KucoinTrading::on_position(const std::string& account, std::size_t symbol, const Position& position,
                                std::int64_t /*balance*/) {
  const Instrument& inst = ctx_.market.instruments()[symbol];
  const std::int64_t mark = ctx_.market.book(symbol).bid;
  const std::int64_t now = ctx_.clock.venue_ms();
  const std::string one = std::string(kPositionTopic) + ":" + venue_symbol(inst);
  for (const std::string& topic : {one, std::string(kPositionAllTopic)}) {
    if (!push_.subscribed(account, topic)) continue;
    push_.push(account, topic, position_change_frame(topic, user_id(account), inst, position, mark, now));
  }
  push_wallet(account);
}

std::optional<HttpResponse> KucoinTrading::handle(const HttpRequest& r) {
  constexpr std::string_view kOrders = "/api/v1/orders";
  const std::string_view path = r.path;
  const bool get = r.method == "GET";
  const bool del = r.method == "DELETE";
  std::string_view order_ref;  // what follows /api/v1/orders/
  if (path.size() > kOrders.size() + 1 && path.rfind(kOrders, 0) == 0 && path[kOrders.size()] == '/') {
    order_ref = path.substr(kOrders.size() + 1);
  }
  const bool known = (path == kOrders && (r.method == "POST" || get)) || (!order_ref.empty() && (get || del)) ||
                     (get && (path == "/api/v1/positions" || path == "/api/v1/position" ||
                              path == "/api/v1/account-overview" || path == "/api/v1/fills"));
  if (!known) return std::nullopt;
  const AuthResult auth = authenticate(r);
  if (auth.account == nullptr) return auth.error;
  const Account& account = *auth.account;
  if (r.method == "POST") {
    // §7: a JSON body needs Content-Type application/json.
    const auto type = r.header("content-type");
    if (!r.body.empty() && (!type || type->rfind("application/json", 0) != 0)) {
      return HttpResponse::json(415, error_body("415000", "Unsupported Media Type"));
    }
    return place(r, account);
  }
  if (path == kOrders) return list_orders(r, account);
  if (get && order_ref == "byClientOid") {
    const auto cid = r.param("clientOid");
    if (!cid || cid->empty()) return invalid("clientOid is required.");
    return query(account, std::nullopt, *cid);
  }
  constexpr std::string_view kByClient = "client-order/";
  if (del && order_ref.rfind(kByClient, 0) == 0) {
    return cancel(account, std::nullopt, std::string(order_ref.substr(kByClient.size())), r.param("symbol"));
  }
  if (!order_ref.empty() && order_ref.find('/') == std::string_view::npos) {
    // An id that is not a number names no order (404000 / 100004 below).
    const std::optional<std::int64_t> id = parse_int(order_ref).value_or(-1);
    return del ? cancel(account, id, std::nullopt, std::nullopt) : query(account, id, std::nullopt);
  }
  if (!order_ref.empty()) return HttpResponse::json(404, error_body("404", "Not Found"));
  if (path == "/api/v1/positions") return positions(r, account, false);
  if (path == "/api/v1/position") return positions(r, account, true);
  if (path == "/api/v1/fills") return fills(r, account);
  // account-overview; §8: `currency` defaults to XBT, which the sim's accounts do not hold.
  const std::string currency = r.param("currency").value_or("XBT");
  return ok(account_overview(currency == "USDT" ? funds(account.api_key) : Funds{}, currency));
}

HttpResponse KucoinTrading::place(const HttpRequest& r, const Account& account) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return invalid("The request body must be a JSON object.");
  // §8 body fields.
  const auto client_id = text(body, "clientOid");
  if (!client_id || client_id->empty()) return invalid("clientOid is required.");
  static const std::regex kClientOid(R"(^[A-Za-z0-9_-]{1,40}$)");
  if (!std::regex_match(*client_id, kClientOid)) {
    return invalid("clientOid must be 1 to 40 letters, digits, '_' or '-'.");
  }
  // §0: size, qty or valueQty. The sim takes `size` (whole contracts), which tradehost sends.
  if (body.contains("qty") || body.contains("valueQty")) {
    return invalid("qty and valueQty are not supported by the simulator; send size in contracts.");
  }
  if (body.contains("stop") || body.contains("stopPrice"))
    return invalid("Stop orders are not supported by the simulator.");
  const auto symbol = text(body, "symbol");
  if (!symbol || symbol->empty()) return invalid("symbol is required.");
  const auto index = find_symbol(ctx_.market, *symbol);
  if (!index) return no_contract();
  const Instrument& inst = ctx_.market.instruments()[*index];

  const auto close_order = flag(body, "closeOrder");
  const auto reduce_only = flag(body, "reduceOnly");
  const auto post_only = flag(body, "postOnly");
  if (!close_order || !reduce_only || !post_only)
    return invalid("closeOrder, reduceOnly and postOnly must be booleans.");

  PlaceRequest req;
  req.account = account.api_key;
  req.symbol = *index;
  req.client_id = *client_id;
  req.lot_steps = std::max<std::int64_t>(1, inst.contract_steps);
  req.reduce_only = *reduce_only || *close_order;
  std::int64_t size = 0;
  if (*close_order) {
    // §8: close the whole position; side and size come from it.
    const Position p = ledger_.position(account.api_key, *index);
    if (p.qty == 0) return refuse("300009", "No open positions to close.");
    req.side = p.qty > 0 ? OrderSide::sell : OrderSide::buy;
    size = (p.qty < 0 ? -p.qty : p.qty) / req.lot_steps;
  } else {
    const auto side = text(body, "side");
    if (!side || (*side != "buy" && *side != "sell")) return invalid("side must be buy or sell.");
    req.side = *side == "buy" ? OrderSide::buy : OrderSide::sell;
    const auto it = body.find("size");
    const auto parsed = it == body.end() ? std::nullopt : integer(*it);
    if (!parsed) return invalid("size is required and must be a whole number of contracts.");
    if (*parsed < 1 || *parsed > kMaxOrderQty) {
      return invalid(fmt::format("size must be from 1 to {} contracts.", kMaxOrderQty));
    }
    size = *parsed;
  }
  req.qty = size * req.lot_steps;

  const std::string type = text(body, "type").value_or("limit");
  if (type != "limit" && type != "market") return invalid("type must be limit or market.");
  req.type = type == "limit" ? OrderType::limit : OrderType::market;
  const int max_leverage = inst.base == "BTC" ? 125 : 75;  // as contract_json prints
  if (const auto it = body.find("leverage"); it != body.end()) {
    const auto leverage = integer(*it);
    if (!leverage || *leverage < 1) return invalid("leverage must be a whole number from 1.");
    if (*leverage > max_leverage) {
      return refuse("300016", fmt::format("Leverage {} is higher than the maximum of {}.", *leverage, max_leverage));
    }
    req.leverage = static_cast<int>(*leverage);
  } else if (!req.reduce_only) {
    return invalid("leverage is required.");  // §8: except for closing orders
  }
  const std::string tif = text(body, "timeInForce").value_or("GTC");
  if (tif != "GTC" && tif != "IOC") return invalid("timeInForce must be GTC or IOC.");
  req.tif = tif == "IOC" ? TimeInForce::ioc : TimeInForce::gtc;
  if (*post_only) {
    if (req.tif == TimeInForce::ioc || req.type == OrderType::market) {
      return invalid("postOnly is invalid with timeInForce IOC or a market order.");
    }
    req.tif = TimeInForce::post_only;
  }
  const std::string margin = text(body, "marginMode").value_or("ISOLATED");
  if (margin != "ISOLATED" && margin != "CROSS") return invalid("marginMode must be ISOLATED or CROSS.");
  // §0: the sim is in one-way mode; hedge-mode sides are the position-mode mismatch.
  const std::string position_side = text(body, "positionSide").value_or("BOTH");
  if (position_side == "LONG" || position_side == "SHORT") {
    return refuse("330011", "The position mode does not match: this account is in one-way mode (BOTH).");
  }
  if (position_side != "BOTH") return invalid("positionSide must be BOTH, LONG or SHORT.");

  const std::int64_t mark = ctx_.market.book(*index).bid;
  if (req.type == OrderType::limit) {
    const auto it = body.find("price");
    if (it == body.end() || !(it->is_string() || it->is_number()))
      return invalid("price is required for a limit order.");
    const auto price = parse_fixed(it->is_string() ? it->get<std::string>() : it->dump(), inst.price_decimals);
    if (!price || *price <= 0) return invalid("price must be a positive multiple of tickSize.");
    if (*price > kMaxPrice * pow10(inst.price_decimals)) return invalid("price is above maxPrice.");
    // §2 buyLimit / sellLimit: mark +- 5 % (contract_json); §8 300011 above, 300012 below.
    const std::int64_t buy_limit = mark * 105 / 100;
    const std::int64_t sell_limit = mark * 95 / 100;
    if (req.side == OrderSide::buy && *price > buy_limit) {
      return refuse("300011",
                    fmt::format("Order price cannot be higher than {}.", trimmed(buy_limit, inst.price_decimals)));
    }
    if (req.side == OrderSide::sell && *price < sell_limit) {
      return refuse("300012",
                    fmt::format("Order price cannot be lower than {}.", trimmed(sell_limit, inst.price_decimals)));
    }
    req.price = *price;
  }

  const LedgerResult result = ledger_.place(req, ctx_.clock.venue_ms());
  switch (result.reject) {
    case Reject::none:
      break;
    case Reject::duplicate_client_id:
      return refuse("300018", "clientOid parameter repeated");
    case Reject::insufficient_margin: {
      const BookEvent book = ctx_.market.book(*index);
      const std::int64_t reference =
          req.type == OrderType::limit ? req.price : (req.side == OrderSide::buy ? book.ask : book.bid);
      const std::int64_t cost = quote_to_usdt(inst, reference * req.qty) / std::max(1, req.leverage);
      return refuse("300003",
                    fmt::format("Balance insufficient. The order would cost {} USDT.", trimmed(cost, kUsdtDecimals)));
    }
    case Reject::reduce_only_would_increase:
      return refuse("300009", "No open positions to close.");
    case Reject::post_only_would_take:
      return refuse("300000", "The post-only order would execute as taker and was not placed.");
    default:
      return invalid("The order parameters are invalid.");
  }
  const Order& order = *result.order;
  if (margin != "ISOLATED") margin_modes_[order.id] = margin;
  // Matching is done; an order that rests is announced now (on_order skipped "accepted").
  if (order.is_open()) {
    push_order(order, nullptr, OrderEvent::open);
    push_wallet(order.account);
  }
  // §8: acceptance only; the state comes from the private topics or a query.
  return ok(fmt::format(R"({{"orderId":"{}","clientOid":{}}})", order.id, json_string(order.client_id)));
}

HttpResponse KucoinTrading::cancel(const Account& account, std::optional<std::int64_t> id,
                                   const std::optional<std::string>& client_id,
                                   const std::optional<std::string>& symbol) {
  std::optional<std::size_t> index;
  if (client_id) {
    // §8: cancel by clientOid requires the symbol.
    if (!symbol || symbol->empty()) return invalid("symbol is required.");
    index = find_symbol(ctx_.market, *symbol);
    if (!index) return no_contract();
    const LedgerResult found = ledger_.find(account.api_key, std::nullopt, client_id);
    if (found.reject != Reject::none || found.order->symbol != *index) {
      return refuse("100004", "The order cannot be canceled: it does not exist or is already done.");
    }
  }
  const LedgerResult result = ledger_.cancel(account.api_key, id, client_id, ctx_.clock.venue_ms());
  // §8 100004: not cancelable, already filled or cancelled, or unknown.
  if (result.reject != Reject::none) {
    return refuse("100004", "The order cannot be canceled: it does not exist or is already done.");
  }
  if (client_id) return ok(fmt::format(R"({{"clientOid":{}}})", json_string(*client_id)));
  return ok(fmt::format(R"({{"cancelledOrderIds":["{}"]}})", result.order->id));
}

HttpResponse KucoinTrading::query(const Account& account, std::optional<std::int64_t> id,
                                  const std::optional<std::string>& client_id) {
  const LedgerResult found = ledger_.find(account.api_key, id, client_id);
  // §8 leaves the not-found shape unconfirmed; the sim answers 404000 with HTTP 200.
  if (found.reject != Reject::none) return refuse("404000", "The order does not exist.");
  const Order& o = *found.order;
  return ok(order_object(ctx_.market.instruments()[o.symbol], o, margin_mode(o.id)));
}

HttpResponse KucoinTrading::list_orders(const HttpRequest& r, const Account& account) {
  const std::string status = r.param("status").value_or("active");
  if (status == "done") return invalid("status=done is not supported by the simulator; query orders one by one.");
  if (status != "active") return invalid("status must be active or done.");
  std::optional<std::size_t> only;
  if (const auto symbol = r.param("symbol"); symbol && !symbol->empty()) {
    only = find_symbol(ctx_.market, *symbol);
    if (!only) return no_contract();
  }
  const std::int64_t page = page_param(r, "currentPage", 1);
  const std::int64_t size = page_param(r, "pageSize", 50);
  if (page < 1 || size < 1 || size > kMaxPageSize) return invalid("currentPage must be >= 1 and pageSize 1 to 1000.");
  auto open = ledger_.open_orders(account.api_key, only);
  std::reverse(open.begin(), open.end());  // newest first
  std::vector<std::string> items;
  for (const Order* o : open)
    items.push_back(order_object(ctx_.market.instruments()[o->symbol], *o, margin_mode(o->id)));
  return ok(page_json(page, size, items));
}

HttpResponse KucoinTrading::positions(const HttpRequest& r, const Account& account, bool one) {
  const auto& instruments = ctx_.market.instruments();
  const std::int64_t now = ctx_.clock.venue_ms();
  if (one) {
    const auto symbol = r.param("symbol");
    if (!symbol || symbol->empty()) return invalid("symbol is required.");
    const auto index = find_symbol(ctx_.market, *symbol);
    if (!index) return no_contract();
    return ok(position_object(instruments[*index], ledger_.position(account.api_key, *index),
                              ctx_.market.book(*index).bid, now));
  }
  std::string rows;
  const std::string currency = r.param("currency").value_or("USDT");
  for (std::size_t s = 0; s < instruments.size() && currency == "USDT"; ++s) {
    const Position p = ledger_.position(account.api_key, s);
    if (p.qty == 0) continue;  // open positions only
    rows += (rows.empty() ? "" : ",") + position_object(instruments[s], p, ctx_.market.book(s).bid, now);
  }
  return ok("[" + rows + "]");
}

HttpResponse KucoinTrading::fills(const HttpRequest& r, const Account& account) {
  // The sim answers fills of one order (§9: "price it from GET /api/v1/fills?orderId=").
  const auto order_id = r.param("orderId");
  if (!order_id || order_id->empty()) return invalid("orderId is required by the simulator.");
  const std::int64_t page = page_param(r, "currentPage", 1);
  const std::int64_t size = page_param(r, "pageSize", 50);
  if (page < 1 || size < 1 || size > kMaxPageSize) return invalid("currentPage must be >= 1 and pageSize 1 to 1000.");
  std::vector<std::string> items;
  const LedgerResult found = ledger_.find(account.api_key, parse_int(*order_id).value_or(-1), std::nullopt);
  if (found.reject == Reject::none) {
    const Order& o = *found.order;
    for (auto f = o.fills.rbegin(); f != o.fills.rend(); ++f) {  // newest first
      items.push_back(fill_object(ctx_.market.instruments()[o.symbol], o, *f, margin_mode(o.id)));
    }
  }
  return ok(page_json(page, size, items));
}

}  // namespace tradehost::sim::kucoinfutures
