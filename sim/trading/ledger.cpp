#include "trading/ledger.hpp"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "market/decimal_text.hpp"

namespace tradehost::sim {
namespace {

constexpr int kMaxLevels = 20;

std::int64_t sign(std::int64_t v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

}  // namespace

Ledger::Ledger(std::string venue, Market& market, std::vector<Account> accounts, std::int64_t first_order_id)
    : venue_(std::move(venue)), market_(market), next_order_id_(first_order_id), next_trade_id_(first_order_id / 2) {
  for (auto& a : accounts) {
    if (a.venue != venue_) continue;
    AccountState s;
    s.balance = a.initial_balance;
    s.account = a;
    accounts_.emplace(a.api_key, std::move(s));
  }
}

const Account* Ledger::account_by_key(const std::string& api_key) const {
  auto it = accounts_.find(api_key);
  return it == accounts_.end() ? nullptr : &it->second.account;
}

std::int64_t Ledger::to_usdt(std::size_t symbol, std::int64_t quote) const {
  const Instrument& i = market_.instruments()[symbol];
  return quote * pow10(kUsdtDecimals - i.price_decimals - i.qty_decimals);
}

std::int64_t Ledger::level_qty(std::size_t symbol, int level) const {
  const Instrument& i = market_.instruments()[symbol];
  if (level == 0) return 0;  // the caller uses the book's own top quantity
  return i.min_qty * 200 * (level + 1);
}

std::int64_t Ledger::balance(const std::string& account) const {
  auto it = accounts_.find(account);
  return it == accounts_.end() ? 0 : it->second.balance;
}

Position Ledger::position(const std::string& account, std::size_t symbol) const {
  auto it = accounts_.find(account);
  if (it == accounts_.end()) return {};
  auto p = it->second.positions.find(symbol);
  return p == it->second.positions.end() ? Position{} : p->second;
}

std::int64_t Ledger::used_margin(const std::string& account) const {
  auto it = accounts_.find(account);
  if (it == accounts_.end()) return 0;
  std::int64_t used = 0;
  for (const auto& [symbol, p] : it->second.positions) used += to_usdt(symbol, p.cost) / 10;  // 10x leverage
  for (const auto& [id, o] : orders_) {
    if (o.account == account && o.is_open()) used += to_usdt(o.symbol, o.price * (o.qty - o.filled)) / o.leverage;
  }
  return used;
}

void Ledger::notify(const Order& order, const Fill* fill) {
  for (auto* l : listeners_) l->on_order(order, fill);
}

void Ledger::execute(Order& order, std::int64_t price, std::int64_t qty, bool maker, std::int64_t now_ms) {
  AccountState& acc = accounts_.at(order.account);
  Position& pos = acc.positions[order.symbol];
  const std::int64_t quote = price * qty;
  const std::int64_t fee = to_usdt(order.symbol, quote) * (maker ? kMakerFeePpm : kTakerFeePpm) / 1'000'000;
  const std::int64_t delta = order.side == OrderSide::buy ? qty : -qty;
  std::int64_t realized = 0;
  if (pos.qty == 0 || sign(pos.qty) == sign(delta)) {
    pos.cost += quote;
  } else {
    const std::int64_t held = std::abs(pos.qty);
    const std::int64_t closed = std::min(held, qty);
    const std::int64_t closed_cost = pos.cost * closed / held;
    realized = to_usdt(order.symbol, (price * closed - closed_cost) * sign(pos.qty));
    pos.cost -= closed_cost;
    if (qty > closed) pos.cost = price * (qty - closed);  // the order flipped the position
  }
  pos.qty += delta;
  if (pos.qty == 0) pos.cost = 0;
  pos.realized += realized;
  acc.balance += realized - fee;

  order.filled += qty;
  order.filled_quote += quote;
  order.fees += fee;
  order.updated_ms = now_ms;
  order.status = order.filled == order.qty ? OrderStatus::filled : OrderStatus::partially_filled;
  order.fills.push_back({next_trade_id_++, price, qty, fee, realized, maker, now_ms});
  notify(order, &order.fills.back());
  for (auto* l : listeners_) l->on_position(order.account, order.symbol, pos, acc.balance);
}

LedgerResult Ledger::place(const PlaceRequest& r, std::int64_t now_ms) {
  auto acc_it = accounts_.find(r.account);
  if (acc_it == accounts_.end()) return {Reject::unknown_account, nullptr};
  AccountState& acc = acc_it->second;
  if (!r.client_id.empty()) {
    if (auto used = acc.client_ids.find(r.client_id); used != acc.client_ids.end()) {
      return {Reject::duplicate_client_id, &orders_.at(used->second)};
    }
  }
  const Instrument& inst = market_.instruments()[r.symbol];
  if (r.qty <= 0 || r.qty < inst.min_qty) return {Reject::invalid_quantity, nullptr};
  if (r.type == OrderType::limit && r.price <= 0) return {Reject::invalid_price, nullptr};

  const BookEvent book = market_.book(r.symbol);
  const bool buy = r.side == OrderSide::buy;
  const std::int64_t touch = buy ? book.ask : book.bid;
  const bool marketable = r.type == OrderType::market || (buy ? r.price >= touch : r.price <= touch);
  if (r.tif == TimeInForce::post_only && marketable) return {Reject::post_only_would_take, nullptr};

  std::int64_t qty = r.qty;
  const Position pos = position(r.account, r.symbol);
  if (r.reduce_only) {
    const bool reduces = pos.qty != 0 && sign(pos.qty) != (buy ? 1 : -1);
    if (!reduces) return {Reject::reduce_only_would_increase, nullptr};
    qty = std::min(qty, std::abs(pos.qty));
  } else {
    const std::int64_t reference = r.type == OrderType::market ? touch : r.price;
    const std::int64_t required = to_usdt(r.symbol, reference * qty) / std::max(1, r.leverage);
    if (required > acc.balance - used_margin(r.account)) return {Reject::insufficient_margin, nullptr};
  }

  Order order;
  order.id = next_order_id_++;
  order.account = r.account;
  order.client_id = r.client_id.empty() ? "sim-" + std::to_string(order.id) : r.client_id;
  order.symbol = r.symbol;
  order.side = r.side;
  order.type = r.type;
  order.tif = r.tif;
  order.price = r.type == OrderType::limit ? r.price : 0;
  order.qty = qty;
  order.reduce_only = r.reduce_only;
  order.leverage = r.leverage;
  order.created_ms = order.updated_ms = now_ms;
  Order& o = orders_.emplace(order.id, std::move(order)).first->second;
  acc.client_ids.emplace(o.client_id, o.id);

  // What the book offers within the limit, level by level.
  std::vector<std::pair<std::int64_t, std::int64_t>> takes;
  if (marketable) {
    std::int64_t left = o.qty;
    for (int level = 0; level < kMaxLevels && left > 0; ++level) {
      const std::int64_t price = buy ? touch + level : touch - level;
      if (o.type == OrderType::limit && (buy ? price > o.price : price < o.price)) break;
      if (price <= 0) break;
      std::int64_t available = level == 0 ? (buy ? book.ask_qty : book.bid_qty) : level_qty(o.symbol, level);
      available -= available % std::max<std::int64_t>(1, r.lot_steps);  // whole lots only
      const std::int64_t take = std::min(left, available);
      if (take <= 0) continue;  // less than a lot at this level: take the next one
      takes.emplace_back(price, take);
      left -= take;
    }
    if (o.tif == TimeInForce::fok && left > 0) takes.clear();  // all or nothing
  }
  notify(o, nullptr);  // accepted
  for (const auto& [price, take] : takes) execute(o, price, take, false, now_ms);
  if (o.filled < o.qty && (o.type == OrderType::market || o.tif == TimeInForce::ioc || o.tif == TimeInForce::fok)) {
    o.status = OrderStatus::expired;
    o.updated_ms = now_ms;
    notify(o, nullptr);
  }
  return {Reject::none, &o};
}

LedgerResult Ledger::find(const std::string& account, std::optional<std::int64_t> id,
                          const std::optional<std::string>& client_id) const {
  auto acc = accounts_.find(account);
  if (acc == accounts_.end()) return {Reject::unknown_account, nullptr};
  std::optional<std::int64_t> order_id = id;
  if (!order_id && client_id) {
    auto c = acc->second.client_ids.find(*client_id);
    if (c != acc->second.client_ids.end()) order_id = c->second;
  }
  if (!order_id) return {Reject::unknown_order, nullptr};
  auto it = orders_.find(*order_id);
  if (it == orders_.end() || it->second.account != account) return {Reject::unknown_order, nullptr};
  return {Reject::none, &it->second};
}

LedgerResult Ledger::cancel(const std::string& account, std::optional<std::int64_t> id,
                            const std::optional<std::string>& client_id, std::int64_t now_ms) {
  auto found = find(account, id, client_id);
  if (found.reject != Reject::none) return found;
  Order& o = orders_.at(found.order->id);
  if (!o.is_open()) return {Reject::not_open, &o};
  o.status = OrderStatus::canceled;
  o.updated_ms = now_ms;
  notify(o, nullptr);
  return {Reject::none, &o};
}

std::vector<const Order*> Ledger::open_orders(const std::string& account, std::optional<std::size_t> symbol) const {
  std::vector<const Order*> out;
  for (const auto& [id, o] : orders_) {
    if (o.account == account && o.is_open() && (!symbol || o.symbol == *symbol)) out.push_back(&o);
  }
  return out;
}

void Ledger::on_market_trade(const TradeEvent& t) {
  for (auto& [id, o] : orders_) {
    if (!o.is_open() || o.symbol != t.symbol || o.type != OrderType::limit) continue;
    const bool crossed = o.side == OrderSide::buy ? t.price <= o.price : t.price >= o.price;
    if (crossed) execute(o, o.price, o.qty - o.filled, true, t.time_ms);
  }
}

nlohmann::json Ledger::to_json() const {
  using json = nlohmann::json;
  json accounts = json::array();
  for (const auto& [key, a] : accounts_) {
    json positions = json::array();
    for (const auto& [symbol, p] : a.positions) {
      positions.push_back({{"symbol", market_.instruments()[symbol].base}, {"qty", p.qty}, {"cost", p.cost},
                           {"realized", p.realized}});
    }
    accounts.push_back({{"api_key", key}, {"balance", a.balance}, {"positions", positions}, {"client_ids", a.client_ids}});
  }
  json orders = json::array();
  for (const auto& [id, o] : orders_) {
    json fills = json::array();
    for (const auto& f : o.fills) {
      fills.push_back({f.trade_id, f.price, f.qty, f.fee, f.realized_pnl, f.maker, f.time_ms});
    }
    orders.push_back({{"id", o.id}, {"account", o.account}, {"client_id", o.client_id},
                      {"symbol", market_.instruments()[o.symbol].base}, {"side", static_cast<int>(o.side)},
                      {"type", static_cast<int>(o.type)}, {"tif", static_cast<int>(o.tif)}, {"price", o.price},
                      {"qty", o.qty}, {"filled", o.filled}, {"filled_quote", o.filled_quote}, {"fees", o.fees},
                      {"reduce_only", o.reduce_only}, {"leverage", o.leverage},
                      {"status", static_cast<int>(o.status)}, {"created_ms", o.created_ms},
                      {"updated_ms", o.updated_ms}, {"fills", fills}});
  }
  return {{"venue", venue_}, {"next_order_id", next_order_id_}, {"next_trade_id", next_trade_id_},
          {"accounts", accounts}, {"orders", orders}};
}

sdk::Status Ledger::load_json(const nlohmann::json& j) {
  try {
    next_order_id_ = std::max(next_order_id_, j.at("next_order_id").get<std::int64_t>());
    next_trade_id_ = std::max(next_trade_id_, j.at("next_trade_id").get<std::int64_t>());
    auto symbol_of = [&](const std::string& base) -> std::optional<std::size_t> { return market_.find(base); };
    for (const auto& a : j.at("accounts")) {
      auto it = accounts_.find(a.at("api_key").get<std::string>());
      if (it == accounts_.end()) continue;  // an account no longer configured
      it->second.balance = a.at("balance").get<std::int64_t>();
      it->second.client_ids = a.at("client_ids").get<std::map<std::string, std::int64_t>>();
      for (const auto& p : a.at("positions")) {
        if (auto s = symbol_of(p.at("symbol").get<std::string>())) {
          it->second.positions[*s] = {p.at("qty").get<std::int64_t>(), p.at("cost").get<std::int64_t>(),
                                      p.at("realized").get<std::int64_t>()};
        }
      }
    }
    for (const auto& o : j.at("orders")) {
      auto s = symbol_of(o.at("symbol").get<std::string>());
      if (!s) continue;
      Order order;
      order.id = o.at("id").get<std::int64_t>();
      order.account = o.at("account").get<std::string>();
      order.client_id = o.at("client_id").get<std::string>();
      order.symbol = *s;
      order.side = static_cast<OrderSide>(o.at("side").get<int>());
      order.type = static_cast<OrderType>(o.at("type").get<int>());
      order.tif = static_cast<TimeInForce>(o.at("tif").get<int>());
      order.price = o.at("price").get<std::int64_t>();
      order.qty = o.at("qty").get<std::int64_t>();
      order.filled = o.at("filled").get<std::int64_t>();
      order.filled_quote = o.at("filled_quote").get<std::int64_t>();
      order.fees = o.at("fees").get<std::int64_t>();
      order.reduce_only = o.at("reduce_only").get<bool>();
      order.leverage = o.at("leverage").get<int>();
      order.status = static_cast<OrderStatus>(o.at("status").get<int>());
      order.created_ms = o.at("created_ms").get<std::int64_t>();
      order.updated_ms = o.at("updated_ms").get<std::int64_t>();
      for (const auto& f : o.at("fills")) {
        order.fills.push_back({f[0].get<std::int64_t>(), f[1].get<std::int64_t>(), f[2].get<std::int64_t>(),
                               f[3].get<std::int64_t>(), f[4].get<std::int64_t>(), f[5].get<bool>(),
                               f[6].get<std::int64_t>()});
      }
      orders_[order.id] = std::move(order);
    }
  } catch (const std::exception& e) {
    return sdk::fail(sdk::ErrorCode::invalid_config, std::string("state file: ") + e.what());
  }
  return sdk::ok();
}

}  // namespace tradehost::sim
