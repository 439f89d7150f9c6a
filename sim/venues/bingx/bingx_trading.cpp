#include "venues/bingx/bingx_trading.hpp"
#include "text_and_time.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "market/decimal_text.hpp"
#include "trading/hmac.hpp"
#include "venues/bingx/bingx_account_frames.hpp"
#include "venues/bingx/bingx_auth.hpp"
#include "venues/bingx/bingx_codes.hpp"
#include "venues/bingx/bingx_frames.hpp"
#include "venues/bingx/bingx_topics.hpp"

namespace tradehost::sim::bingx {
namespace {

using steady = std::chrono::steady_clock;

// §11: order ids above 2^53, so that a client parsing them as doubles loses digits.
constexpr std::int64_t kFirstOrderId = 1'800'000'000'000'000'001;
constexpr std::int64_t kFirstPositionId = 1'500'000'000'000'000'000;
constexpr std::size_t kMaxClientIdChars = 40;  // §7

constexpr std::string_view kOrderPath = "/openApi/swap/v2/trade/order";
constexpr std::string_view kOpenOrdersPath = "/openApi/swap/v2/trade/openOrders";
constexpr std::string_view kBalancePath = "/openApi/swap/v3/user/balance";
constexpr std::string_view kPositionsPath = "/openApi/swap/v2/user/positions";
constexpr std::string_view kListenKeyPath = "/openApi/user/auth/userDataStream";

HttpResponse business(int code, std::string_view msg) { return HttpResponse::json(200, error_body(code, msg)); }
HttpResponse invalid(std::string_view msg) { return business(code::kInvalidParameter, msg); }
HttpResponse ok(const std::string& data_json) { return HttpResponse::json(200, ok_body(data_json)); }

// A plain decimal cut (not rounded) to `decimals`: §2 says the venue truncates excess decimals
// of a quantity silently (0.123456 at 4 decimals is 0.1234). nullopt for anything else.
std::optional<std::int64_t> parse_truncated(std::string_view text, int decimals) {
  const auto dot = text.find('.');
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != dot && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  if (dot != std::string_view::npos) {
    text = text.substr(0, decimals == 0 ? dot : std::min(text.size(), dot + 1 + static_cast<std::size_t>(decimals)));
  }
  return parse_fixed(text, decimals);
}

// §7: clientOrderId, or its older spelling clientOrderID; the venue lowercases it.
std::optional<std::string> client_id(const RequestParams& p) {
  auto id = p.get("clientOrderId");
  if (!id || id->empty()) id = p.get("clientOrderID");
  if (!id || id->empty()) return std::nullopt;
  return lower(*id);
}

// A stable number for an account (the balance's userId).
std::int64_t user_id(const std::string& api_key) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
  for (char c : api_key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return static_cast<std::int64_t>(1'000'000'000 + h % 1'000'000'000);
}

}  // namespace

BingxTrading::BingxTrading(VenueContext& context, Tuning& tuning, UserEventSink& sink)
    : ctx_(context), tuning_(tuning), sink_(sink), ledger_("bingx", context.market, context.accounts, kFirstOrderId),
      store_(context.state_dir, "bingx") {
  ledger_.add_listener(this);
  // §1: a listen key is valid 60 minutes from creation or the last extension.
  tuning_.emplace("listen_key_ttl_ms", 3'600'000);
}

BingxTrading::~BingxTrading() = default;

bool BingxTrading::listen_key_live(const std::string& key) const { return listen_keys_.count(key) > 0; }

void BingxTrading::push(const std::string& account, const std::string& text) {
  for (const auto& [key, lk] : listen_keys_) {
    if (lk.account == account) sink_.send_user_event(key, text);
  }
}

std::int64_t BingxTrading::unrealized(std::size_t symbol, const Position& p) const {
  if (p.qty == 0) return 0;
  const Instrument& i = ctx_.market.instruments()[symbol];
  const std::int64_t mark = ctx_.market.book(symbol).bid;
  const std::int64_t signed_cost = p.qty > 0 ? p.cost : -p.cost;
  return (p.qty * mark - signed_cost) * pow10(kUsdtDecimals - i.price_decimals - i.qty_decimals);
}

void BingxTrading::on_order(const Order& order, const Fill* fill) {
  push(order.account, order_trade_update(ctx_.market.instruments()[order.symbol], order, fill, ctx_.clock.venue_ms()));
  (void)store_.save(ledger_);  // best effort: the next change writes again
}

void BingxTrading::on_position(const std::string& account, std::size_t symbol, const Position& position,
                               std::int64_t balance) {
  push(account, account_update(ctx_.market.instruments()[symbol], position, balance, unrealized(symbol, position),
                               ctx_.clock.venue_ms()));
}

void BingxTrading::tick() {
  const auto now = steady::now();
  for (auto it = listen_keys_.begin(); it != listen_keys_.end();) {
    if (now < it->second.expires) {
      ++it;
      continue;
    }
    // §1, §9: listenKeyExpired, then no more account events on that key; the socket stays open.
    sink_.send_user_event(it->first, listen_key_expired(it->first, ctx_.clock.venue_ms()));
    it = listen_keys_.erase(it);
  }
}

HttpResponse BingxTrading::listen_key(const HttpRequest& r) {
  // §1: X-BX-APIKEY only, no signature (a signature, if sent, is ignored).
  auto auth = authenticate(r, ledger_, ctx_.clock.venue_ms(), false);
  if (!auth.account) return auth.error;
  const auto ttl = std::chrono::milliseconds(tuning_.at("listen_key_ttl_ms"));
  if (r.method == "POST") {
    // Every POST makes a new key (§1 says nothing of reuse); all live keys of an account get
    // its events.
    const std::string seed = fmt::format("{}:{}", ++key_counter_, ctx_.clock.venue_ms());
    const std::string key = to_hex(hmac_sha256(auth.account->secret, seed));  // 64 hex characters
    listen_keys_[key] = {auth.account->api_key, steady::now() + ttl};
    return HttpResponse::json(200, fmt::format(R"({{"listenKey":"{}"}})", key));
  }
  const auto key = auth.params.get("listenKey");
  if (!key || key->empty()) return {204, "application/json", "", {}};  // §1: no request parameters
  auto it = listen_keys_.find(*key);
  if (it == listen_keys_.end() || it->second.account != auth.account->api_key) {
    return HttpResponse::json(404, error_body(404, "no such listenKey"));
  }
  if (r.method == "PUT") {
    it->second.expires = steady::now() + ttl;
  } else {
    listen_keys_.erase(it);  // DELETE: open connections stay, but get no more events
  }
  return HttpResponse::json(200, "{}");
}

std::optional<HttpResponse> BingxTrading::handle(const HttpRequest& r) {
  if (r.path == kListenKeyPath && (r.method == "POST" || r.method == "PUT" || r.method == "DELETE")) {
    return listen_key(r);
  }
  const bool order = r.path == kOrderPath && (r.method == "POST" || r.method == "DELETE" || r.method == "GET");
  const bool reads = r.method == "GET" && (r.path == kOpenOrdersPath || r.path == kBalancePath || r.path == kPositionsPath);
  if (!order && !reads) return std::nullopt;
  auto auth = authenticate(r, ledger_, ctx_.clock.venue_ms(), true);
  if (!auth.account) return auth.error;
  const Account& account = *auth.account;
  if (order && r.method == "POST") return place(auth.params, account);
  if (order) return cancel_or_query(auth.params, account, r.method == "DELETE");
  if (r.path == kOpenOrdersPath) return open_orders(auth.params, account);
  if (r.path == kBalancePath) return balance(account);
  return positions(auth.params, account);
}

HttpResponse BingxTrading::place(const RequestParams& p, const Account& account) {
  const auto symbol = p.get("symbol");
  if (!symbol || symbol->empty()) return invalid("symbol is required");
  const auto index = find_symbol(ctx_.market, *symbol);
  if (!index) return invalid("symbol " + *symbol + " does not exist");
  const Instrument& inst = ctx_.market.instruments()[*index];
  PlaceRequest req;
  req.account = account.api_key;
  req.symbol = *index;

  const auto side = p.get("side");
  if (!side || (*side != "BUY" && *side != "SELL")) return invalid("side must be BUY or SELL");
  req.side = *side == "BUY" ? OrderSide::buy : OrderSide::sell;
  // §7: LONG/SHORT are hedge mode; the sim's accounts are one-way (tradehost trades one-way).
  const auto position_side = p.get("positionSide").value_or("");
  if (!position_side.empty() && position_side != "BOTH") {
    return invalid("positionSide " + position_side + " does not match the position mode: one-way mode takes BOTH");
  }
  const auto type = p.get("type");
  if (!type) return invalid("type is required");
  if (*type != "LIMIT" && *type != "MARKET") {
    return invalid("type " + *type + " is not supported: the sim takes LIMIT and MARKET");
  }
  req.type = *type == "LIMIT" ? OrderType::limit : OrderType::market;

  const auto quantity = p.get("quantity");
  if (!quantity || quantity->empty()) return invalid("quantity is required (in " + inst.base + ")");
  const auto qty = parse_truncated(*quantity, inst.qty_decimals);
  if (!qty) return invalid("quantity " + *quantity + " is not a decimal number");
  if (*qty <= 0) return invalid("quantity must be greater than 0 after truncation to " +
                                std::to_string(inst.qty_decimals) + " decimals");
  if (*qty < inst.min_qty) {
    return business(code::kBelowMinimum,
                    "the quantity must be at least " + format_fixed(inst.min_qty, inst.qty_decimals) + " " + inst.base);
  }
  req.qty = *qty;
  if (req.type == OrderType::limit) {
    const auto price_text = p.get("price");
    if (!price_text || price_text->empty()) return invalid("price is required for LIMIT orders");
    const auto price = parse_truncated(*price_text, inst.price_decimals);
    if (!price || *price <= 0) return invalid("price " + *price_text + " is not a positive decimal number");
    req.price = *price;
    const auto tif = p.get("timeInForce").value_or("GTC");  // §7: default unconfirmed, GTC
    if (tif == "GTC") req.tif = TimeInForce::gtc;
    else if (tif == "IOC") req.tif = TimeInForce::ioc;
    else if (tif == "FOK") req.tif = TimeInForce::fok;
    else if (tif == "PostOnly") req.tif = TimeInForce::post_only;
    else return invalid("timeInForce " + tif + " is not one of GTC, IOC, FOK, PostOnly");
  }
  const auto reduce = p.get("reduceOnly").value_or("false");
  if (reduce != "true" && reduce != "false") return invalid("reduceOnly must be true or false");
  req.reduce_only = reduce == "true";
  if (auto cid = client_id(p)) {
    if (cid->size() > kMaxClientIdChars) return invalid("clientOrderId must be 1 to 40 characters");
    req.client_id = std::move(*cid);
  }
  // §2: tradeMinUSDT, the notional at the limit price or the touch a market order would take.
  const BookEvent book = ctx_.market.book(*index);
  const std::int64_t reference =
      req.type == OrderType::limit ? req.price : (req.side == OrderSide::buy ? book.ask : book.bid);
  if (!req.reduce_only && reference * req.qty < inst.min_notional * pow10(inst.price_decimals + inst.qty_decimals)) {
    return business(code::kBelowMinimum, fmt::format("the order value must be greater than {}u", inst.min_notional));
  }

  const auto result = ledger_.place(req, ctx_.clock.venue_ms());
  switch (result.reject) {
    case Reject::none: break;
    case Reject::duplicate_client_id: return business(code::kDuplicateClientId, "clientOrderID cannot be repeated");
    case Reject::insufficient_margin: return business(code::kInsufficientMargin, "Insufficient margin");
    case Reject::reduce_only_would_increase:
      return business(code::kReduceOnlyWouldOpen, "the reduce-only order would open or increase a position");
    case Reject::post_only_would_take:
      return business(code::kPostOnlyWouldTake, "the PostOnly order would take liquidity and was cancelled");
    case Reject::invalid_quantity:
      return business(code::kBelowMinimum, "the quantity is below the minimum");
    default: return invalid("the order was refused");
  }
  return ok(R"({"order":)" + placed_order_json(inst, *result.order) + "}");
}

HttpResponse BingxTrading::cancel_or_query(const RequestParams& p, const Account& account, bool cancel) {
  const auto symbol = p.get("symbol");
  if (!symbol || symbol->empty()) return invalid("symbol is required");
  const auto index = find_symbol(ctx_.market, *symbol);
  if (!index) return invalid("symbol " + *symbol + " does not exist");
  std::optional<std::int64_t> id;
  if (const auto text = p.get("orderId"); text && !text->empty()) {
    id = parse_int(*text);
    if (!id) return invalid("orderId " + *text + " is not a number");
  }
  const auto cid = client_id(p);
  if (!id && !cid) return invalid("orderId or clientOrderId is required");
  const auto found = ledger_.find(account.api_key, id, cid);
  if (found.reject != Reject::none || found.order->symbol != *index) {
    return business(code::kOrderNotExist, "order not exist");
  }
  const Order* order = found.order;
  if (cancel) {
    if (!order->is_open()) {
      return business(code::kOrderNotOpen,
                      fmt::format("the order is {}, it cannot be cancelled", rest_status(*order, false)));
    }
    order = ledger_.cancel(account.api_key, order->id, std::nullopt, ctx_.clock.venue_ms()).order;
  }
  return ok(R"({"order":)" + order_json(ctx_.market.instruments()[*index], *order) + "}");
}

HttpResponse BingxTrading::open_orders(const RequestParams& p, const Account& account) {
  std::optional<std::size_t> only;
  if (const auto s = p.get("symbol"); s && !s->empty()) {
    only = find_symbol(ctx_.market, *s);
    if (!only) return invalid("symbol " + *s + " does not exist");
  }
  std::string rows;
  for (const Order* o : ledger_.open_orders(account.api_key, only)) {
    if (!rows.empty()) rows += ",";
    rows += order_json(ctx_.market.instruments()[o->symbol], *o);
  }
  return ok(R"({"orders":[)" + rows + "]}");
}

HttpResponse BingxTrading::balance(const Account& account) {
  // §7: one element per margin asset (USDT, USDC). The sim's contracts are all USDT-margined,
  // so USDC follows USDT, empty: a client must pick its element by `asset`.
  BalanceView usdt{"USDT", ledger_.balance(account.api_key), 0, 0, ledger_.used_margin(account.api_key)};
  for (std::size_t s = 0; s < ctx_.market.instruments().size(); ++s) {
    const Position p = ledger_.position(account.api_key, s);
    usdt.unrealized += unrealized(s, p);
    usdt.realised += p.realized;
  }
  const std::int64_t uid = user_id(account.api_key);
  return ok("[" + balance_json(usdt, uid) + "," + balance_json(BalanceView{"USDC", 0, 0, 0, 0}, uid) + "]");
}

HttpResponse BingxTrading::positions(const RequestParams& p, const Account& account) {
  std::optional<std::size_t> only;
  if (const auto s = p.get("symbol"); s && !s->empty()) {
    only = find_symbol(ctx_.market, *s);
    if (!only) return invalid("symbol " + *s + " does not exist");
  }
  std::string rows;
  const auto& instruments = ctx_.market.instruments();
  for (std::size_t s = 0; s < instruments.size(); ++s) {
    if (only && *only != s) continue;
    const Position pos = ledger_.position(account.api_key, s);
    if (pos.qty == 0) continue;  // the venue lists open positions only
    const Instrument& i = instruments[s];
    PositionView view;
    view.mark = ctx_.market.book(s).bid;
    view.unrealized_usdt = unrealized(s, pos);
    view.margin_usdt = pos.cost * pow10(kUsdtDecimals - i.price_decimals - i.qty_decimals) / view.leverage;
    view.position_id = kFirstPositionId + static_cast<std::int64_t>(s);
    if (!rows.empty()) rows += ",";
    rows += position_json(i, pos, view, ctx_.clock.venue_ms());
  }
  return ok("[" + rows + "]");
}

}  // namespace tradehost::sim::bingx
