#include "venues/binance/binance_trading.hpp"

#include <regex>

#include <fmt/format.h>

#include "market/decimal_text.hpp"
#include "server/heartbeat.hpp"
#include "trading/hmac.hpp"
#include "venues/binance/binance_auth.hpp"
#include "venues/binance/binance_frames.hpp"
#include "venues/binance/binance_streams.hpp"

namespace tradehost::sim::binance {
namespace {

using steady = std::chrono::steady_clock;

HttpResponse error(int status, int code, const std::string& msg) { return HttpResponse::json(status, error_body(code, msg)); }
HttpResponse missing(const std::string& name) {
  return error(400, -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
}

}  // namespace

class BinanceTrading::UserConnection final : public WsHandler {
 public:
  UserConnection(BinanceTrading& trading, std::string key) : trading_(trading), key_(std::move(key)) {}
  void on_open(WsPeer& peer) override {
    peer_ = &peer;
    heartbeat_.start();
    trading_.connections_.insert(this);
  }
  void on_close(WsPeer&) override {
    trading_.connections_.erase(this);
    peer_ = nullptr;
  }
  void on_pong(WsPeer&, std::string_view) override { heartbeat_.on_pong(); }
  void tick() {
    if (peer_ == nullptr) return;
    const auto& t = trading_.tuning_;
    heartbeat_.tick(*peer_, t.at("ping_interval_ms"), t.at("pong_timeout_ms"), t.at("max_lifetime_ms"),
                    std::to_string(trading_.ctx_.clock.venue_ms()));
  }
  const std::string& key() const { return key_; }
  WsPeer* peer() { return peer_; }

 private:
  BinanceTrading& trading_;
  std::string key_;
  WsPeer* peer_ = nullptr;
  Heartbeat heartbeat_;
};

BinanceTrading::BinanceTrading(VenueContext& context, Tuning& tuning)
    : ctx_(context), tuning_(tuning), ledger_("binance", context.market, context.accounts, 700'000'000'000),
      store_(context.state_dir, "binance") {
  ledger_.add_listener(this);
  // §1: a listen key lives 60 minutes from creation or the last keep-alive.
  tuning_.emplace("listen_key_ttl_ms", 3'600'000);
}

BinanceTrading::~BinanceTrading() = default;

void BinanceTrading::push(const std::string& account, const std::string& payload) {
  for (auto* c : connections_) {
    auto k = listen_keys_.find(c->key());
    if (c->peer() && k != listen_keys_.end() && !k->second.expired && k->second.account == account) {
      c->peer()->send_text(payload);
    }
  }
}

void BinanceTrading::on_order(const Order& order, const Fill* fill) {
  push(order.account, order_trade_update(ctx_.market.instruments()[order.symbol], order, fill, ctx_.clock.venue_ms()));
  (void)store_.save(ledger_);  // best effort: the next change writes again
}

void BinanceTrading::on_position(const std::string& account, std::size_t symbol, const Position& position,
                                 std::int64_t balance) {
  push(account, account_update(ctx_.market.instruments()[symbol], position, balance, ctx_.clock.venue_ms()));
}

void BinanceTrading::tick() {
  const auto now = steady::now();
  for (auto& [key, lk] : listen_keys_) {
    if (lk.expired || now < lk.expires) continue;
    lk.expired = true;
    // §9: listenKeyExpired, then nothing more on that key.
    for (auto* c : connections_) {
      if (c->key() == key && c->peer()) c->peer()->send_text(listen_key_expired(key, ctx_.clock.venue_ms()));
    }
  }
  for (auto* c : std::set<UserConnection*>(connections_)) c->tick();
}

std::size_t BinanceTrading::drop_connections() {
  std::size_t n = 0;
  for (auto* c : std::set<UserConnection*>(connections_)) {
    if (c->peer()) {
      c->peer()->drop();
      ++n;
    }
  }
  return n;
}

std::unique_ptr<WsHandler> BinanceTrading::upgrade(const HttpRequest& r, HttpResponse& refusal) {
  std::optional<std::string> key = r.param("listenKey");
  if (!key && r.path.rfind("/private/ws/", 0) == 0) key = r.path.substr(12);
  auto it = key ? listen_keys_.find(*key) : listen_keys_.end();
  if (it == listen_keys_.end() || it->second.expired) {
    refusal = error(400, -1125, "This listenKey does not exist.");
    return nullptr;
  }
  return std::make_unique<UserConnection>(*this, *key);
}

HttpResponse BinanceTrading::listen_key(const HttpRequest& r) {
  auto auth = authenticate(r, ledger_, ctx_.clock.venue_ms(), false);
  if (!auth.account) return auth.error;
  const auto ttl = std::chrono::milliseconds(tuning_.at("listen_key_ttl_ms"));
  if (r.method == "POST") {
    // §1: an account with a live key gets the same key back, extended.
    for (auto& [key, lk] : listen_keys_) {
      if (lk.account == auth.account->api_key && !lk.expired) {
        lk.expires = steady::now() + ttl;
        return HttpResponse::json(200, fmt::format(R"({{"listenKey":"{}"}})", key));
      }
    }
    const std::string counter = std::to_string(++key_counter_);
    const std::string key = to_hex(hmac_sha256(auth.account->api_key, counter + "listen")) +
                            to_hex(hmac_sha256(auth.account->secret, counter));
    listen_keys_[key.substr(0, 64)] = {auth.account->api_key, steady::now() + ttl, false};
    return HttpResponse::json(200, fmt::format(R"({{"listenKey":"{}"}})", key.substr(0, 64)));
  }
  for (auto& [key, lk] : listen_keys_) {
    if (lk.account != auth.account->api_key || lk.expired) continue;
    if (r.method == "PUT") {
      lk.expires = steady::now() + ttl;
      return HttpResponse::json(200, fmt::format(R"({{"listenKey":"{}"}})", key));
    }
    lk.expired = true;  // DELETE
    return HttpResponse::json(200, "{}");
  }
  return error(400, -1125, "This listenKey does not exist.");
}

std::optional<HttpResponse> BinanceTrading::handle(const HttpRequest& r) {
  if (r.path == "/fapi/v1/listenKey") return listen_key(r);
  const bool order = r.path == "/fapi/v1/order";
  const bool known = order || r.path == "/fapi/v1/openOrders" || r.path == "/fapi/v2/positionRisk" ||
                     r.path == "/fapi/v3/positionRisk" || r.path == "/fapi/v2/balance" || r.path == "/fapi/v3/balance";
  if (!known) return std::nullopt;
  auto auth = authenticate(r, ledger_, ctx_.clock.venue_ms(), true);
  if (!auth.account) return auth.error;
  const Account& account = *auth.account;
  if (order && r.method == "POST") return place(r, account);
  if (order && (r.method == "DELETE" || r.method == "GET")) return cancel_or_query(r, account, r.method == "DELETE");
  if (r.method != "GET") return error(405, -1000, "Method not allowed.");

  const auto& instruments = ctx_.market.instruments();
  std::optional<std::size_t> only;
  if (auto s = request_param(r, "symbol")) {
    only = find_rest_symbol(ctx_.market, *s);
    if (!only) return error(400, -1121, "Invalid symbol.");
  }
  if (r.path == "/fapi/v1/openOrders") {
    std::string out = "[";
    for (const Order* o : ledger_.open_orders(account.api_key, only)) {
      if (out.size() > 1) out += ",";
      out += order_json(instruments[o->symbol], *o, false);
    }
    return HttpResponse::json(200, out + "]");
  }
  if (r.path.ends_with("/balance")) {
    const std::int64_t balance = ledger_.balance(account.api_key);
    const std::int64_t available = balance - ledger_.used_margin(account.api_key);
    return HttpResponse::json(
        200, fmt::format(R"([{{"accountAlias":"SimA","asset":"USDT","balance":"{0}","crossWalletBalance":"{0}","crossUnPnl":"0","availableBalance":"{1}","maxWithdrawAmount":"{1}","marginAvailable":true,"updateTime":{2}}}])",
                         format_fixed(balance, kUsdtDecimals), format_fixed(available, kUsdtDecimals),
                         ctx_.clock.venue_ms()));
  }
  // positionRisk: v3 lists symbols with a position; v2 lists every symbol.
  const bool v3 = r.path.rfind("/fapi/v3/", 0) == 0;
  std::string out = "[";
  for (std::size_t s = 0; s < instruments.size(); ++s) {
    if (only && *only != s) continue;
    const Position p = ledger_.position(account.api_key, s);
    if (v3 && p.qty == 0) continue;
    const Instrument& i = instruments[s];
    const std::int64_t mark = ctx_.market.book(s).bid;
    const std::string entry = p.qty == 0 ? "0" : format_fixed(p.cost / (p.qty < 0 ? -p.qty : p.qty), i.price_decimals);
    if (out.size() > 1) out += ",";
    out += fmt::format(
        R"({{"symbol":"{}","positionSide":"BOTH","positionAmt":"{}","entryPrice":"{}","breakEvenPrice":"{}","markPrice":"{}","unRealizedProfit":"0","liquidationPrice":"0","notional":"{}","marginAsset":"USDT","isolatedWallet":"0","leverage":"10","marginType":"cross","updateTime":{}}})",
        rest_symbol(i), format_fixed(p.qty, i.qty_decimals), entry, entry, format_fixed(mark, i.price_decimals),
        format_fixed(p.qty * mark, i.price_decimals + i.qty_decimals), ctx_.clock.venue_ms());
  }
  return HttpResponse::json(200, out + "]");
}

HttpResponse BinanceTrading::place(const HttpRequest& r, const Account& account) {
  const auto symbol = request_param(r, "symbol");
  if (!symbol) return missing("symbol");
  const auto index = find_rest_symbol(ctx_.market, *symbol);
  if (!index) return error(400, -1121, "Invalid symbol.");
  const Instrument& inst = ctx_.market.instruments()[*index];
  PlaceRequest req;
  req.account = account.api_key;
  req.symbol = *index;
  const auto side = request_param(r, "side");
  if (!side) return missing("side");
  if (*side != "BUY" && *side != "SELL") return error(400, -1117, "Invalid side.");
  req.side = *side == "BUY" ? OrderSide::buy : OrderSide::sell;
  const auto type = request_param(r, "type");
  if (!type) return missing("type");
  if (*type == "STOP" || *type == "STOP_MARKET" || *type == "TAKE_PROFIT" || *type == "TAKE_PROFIT_MARKET" ||
      *type == "TRAILING_STOP_MARKET") {
    return error(400, -4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
  }
  if (*type != "LIMIT" && *type != "MARKET") return error(400, -1116, "Invalid orderType.");
  req.type = *type == "LIMIT" ? OrderType::limit : OrderType::market;
  const auto quantity = request_param(r, "quantity");
  if (!quantity) return missing("quantity");
  const auto qty = parse_fixed(*quantity, inst.qty_decimals);
  if (!qty) return error(400, -1111, "Precision is over the maximum defined for this asset.");
  if (*qty <= 0) return error(400, -4003, "Quantity less than or equal to zero.");
  if (*qty < inst.min_qty) return error(400, -4004, "Quantity less than min qty.");
  req.qty = *qty;
  if (req.type == OrderType::limit) {
    const auto price_text = request_param(r, "price");
    if (!price_text) return missing("price");
    const auto price = parse_fixed(*price_text, inst.price_decimals);
    if (!price) return error(400, -1111, "Precision is over the maximum defined for this asset.");
    req.price = *price;
    const auto tif = request_param(r, "timeInForce");
    if (!tif) return missing("timeInForce");
    if (*tif == "GTC") req.tif = TimeInForce::gtc;
    else if (*tif == "IOC") req.tif = TimeInForce::ioc;
    else if (*tif == "FOK") req.tif = TimeInForce::fok;
    else if (*tif == "GTX") req.tif = TimeInForce::post_only;
    else return error(400, -1115, "Invalid timeInForce.");
  }
  if (auto reduce = request_param(r, "reduceOnly")) req.reduce_only = *reduce == "true";
  if (auto cid = request_param(r, "newClientOrderId")) {
    static const std::regex kClientId(R"(^[\.A-Z\:/a-z0-9_-]{1,36}$)");  // §7
    if (!std::regex_match(*cid, kClientId)) return error(400, -4015, "Client order id is not valid.");
    req.client_id = *cid;
  }
  const std::int64_t reference = req.type == OrderType::limit ? req.price : ctx_.market.book(*index).ask;
  const std::int64_t notional_units = reference * req.qty;  // ticks x steps
  if (!req.reduce_only && notional_units < inst.min_notional * pow10(inst.price_decimals + inst.qty_decimals)) {
    return error(400, -4164, fmt::format("Order's notional must be no smaller than {} (unless you choose reduce only).",
                                         inst.min_notional));
  }
  const auto result = ledger_.place(req, ctx_.clock.venue_ms());
  switch (result.reject) {
    case Reject::none: break;
    case Reject::duplicate_client_id: return error(400, -4116, "ClientOrderId is duplicated.");
    case Reject::insufficient_margin: return error(400, -2019, "Margin is insufficient.");
    case Reject::reduce_only_would_increase: return error(400, -2022, "ReduceOnly Order is rejected.");
    case Reject::post_only_would_take:
      return error(400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");
    case Reject::invalid_quantity: return error(400, -4004, "Quantity less than min qty.");
    case Reject::invalid_price: return error(400, -4013, "Price less than min price.");
    default: return error(400, -1000, "An unknown error occurred while processing the request.");
  }
  const bool result_type = request_param(r, "newOrderRespType").value_or("ACK") == "RESULT";
  return HttpResponse::json(200, order_json(inst, *result.order, !result_type));
}

HttpResponse BinanceTrading::cancel_or_query(const HttpRequest& r, const Account& account, bool cancel) {
  const auto symbol = request_param(r, "symbol");
  if (!symbol) return missing("symbol");
  const auto index = find_rest_symbol(ctx_.market, *symbol);
  if (!index) return error(400, -1121, "Invalid symbol.");
  std::optional<std::int64_t> id;
  if (auto text = request_param(r, "orderId")) {
    try {
      id = std::stoll(*text);
    } catch (...) {
      return missing("orderId");
    }
  }
  const auto client_id = request_param(r, "origClientOrderId");
  if (!id && !client_id) return error(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
  const auto result = cancel ? ledger_.cancel(account.api_key, id, client_id, ctx_.clock.venue_ms())
                             : ledger_.find(account.api_key, id, client_id);
  if (result.reject != Reject::none || result.order->symbol != *index) {
    // §8: -2011 for a cancel of an order that is not open, -2013 for a query of none.
    return cancel ? error(400, -2011, "Unknown order sent.") : error(400, -2013, "Order does not exist.");
  }
  return HttpResponse::json(200, order_json(ctx_.market.instruments()[*index], *result.order, false));
}

}  // namespace tradehost::sim::binance
