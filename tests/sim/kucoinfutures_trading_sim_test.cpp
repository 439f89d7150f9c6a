// exchange-sim's KuCoin Futures private side through the real process: signed REST, orders,
// idempotent clientOids, private topics, state across restarts and the KuCoin-specific faults
// (protocols/kucoinfutures.md §1, §7, §8, §9).
#include <gtest/gtest.h>

#include <csignal>
#include <functional>

#include "support/process.hpp"
#include "support/signing.hpp"
#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr const char* kVenue = "kucoinfutures";

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// How a request is signed; the defaults are a correct client with a v2 key.
struct Signing {
  std::string secret;      // empty: the account's
  std::string passphrase;  // empty: the account's
  std::string version = "2";
  std::int64_t ts_offset_ms = 0;
  bool use_offset_clock = false;  // a client that synced once: local clock + the offset it measured
  std::string content_type = "application/json";

  // A correct client with one thing changed.
  Signing& with(std::string Signing::*field, std::string value) {
    this->*field = std::move(value);
    return *this;
  }
};

Signing signing() { return Signing{}; }
Signing offset_by(std::int64_t ms) {
  Signing s;
  s.ts_offset_ms = ms;
  return s;
}

class Kucoin {
 public:
  explicit Kucoin(const Sim& sim) : rest_(sim.rest(kVenue)) {
    const json& a = sim.ready["venues"][kVenue]["account"];
    key_ = a["api_key"];
    secret_ = a["secret"];
    passphrase_ = a["passphrase"];
    clock_offset_ms_ = server_time() - wall_ms();
  }

  std::int64_t server_time() const {
    return json::parse(http("GET", rest_ + "/api/v1/timestamp").body)["data"].get<std::int64_t>();
  }

  // A signed call (§7): `target` is the path and query as sent, `body` the exact JSON bytes.
  HttpReply call(const std::string& method, const std::string& target, const std::string& body = "",
                 const Signing& s = {}) const {
    const std::int64_t now = s.use_offset_clock ? wall_ms() + clock_offset_ms_ : server_time();
    const std::string ts = std::to_string(now + s.ts_offset_ms);
    const std::string secret = s.secret.empty() ? secret_ : s.secret;
    const std::string passphrase = s.passphrase.empty() ? passphrase_ : s.passphrase;
    std::map<std::string, std::string> headers = {
        {"KC-API-KEY", key_},
        {"KC-API-SIGN", hmac_base64(secret, ts + method + target + body)},
        {"KC-API-TIMESTAMP", ts},
        {"KC-API-PASSPHRASE", s.version == "1" ? passphrase : hmac_base64(secret, passphrase)},
        {"KC-API-KEY-VERSION", s.version},
    };
    if (!body.empty() && !s.content_type.empty()) headers["Content-Type"] = s.content_type;
    return http(method, rest_ + target, body, headers);
  }

  json data(const std::string& method, const std::string& target, const std::string& body = "") const {
    const HttpReply r = call(method, target, body);
    const json j = json::parse(r.body, nullptr, false);
    EXPECT_EQ(j.value("code", ""), "200000") << method << " " << target << ": " << r.body;
    return j.value("data", json());
  }

  // The `code` of a signed call's answer.
  std::string code(const std::string& method, const std::string& target, const std::string& body = "",
                   const Signing& s = {}) const {
    const json j = json::parse(call(method, target, body, s).body, nullptr, false);
    return j.is_object() ? j.value("code", "") : "unparsable";
  }

  std::string place(const json& order) const { return code("POST", "/api/v1/orders", order.dump()); }

  const std::string& rest() const { return rest_; }

 private:
  std::string rest_, key_, secret_, passphrase_;
  std::int64_t clock_offset_ms_ = 0;
};

json market_order(const std::string& client_oid, const std::string& side, int size,
                  const std::string& symbol = "XBTUSDTM") {
  return {{"clientOid", client_oid}, {"side", side}, {"symbol", symbol},
          {"type", "market"},        {"size", size}, {"leverage", 10}};
}

json limit_order(const std::string& client_oid, const std::string& side, int size, const std::string& price) {
  return {{"clientOid", client_oid}, {"side", side}, {"symbol", "XBTUSDTM"}, {"type", "limit"},
          {"price", price},          {"size", size}, {"leverage", 10},       {"timeInForce", "GTC"}};
}

std::optional<json> read_until(WsClient& ws, std::chrono::milliseconds timeout,
                               const std::function<bool(const json&)>& pred) {
  const auto deadline = steady::now() + timeout;
  while (steady::now() < deadline && !ws.closed()) {
    auto f = ws.read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()));
    if (!f) continue;
    auto j = json::parse(f->data, nullptr, false);
    if (!j.is_discarded() && pred(j)) return j;
  }
  return std::nullopt;
}

bool is_type(const json& j, const char* type) { return j.is_object() && j.value("type", "") == type; }

std::function<bool(const json&)> subject(const char* s) {
  return [s](const json& j) { return is_type(j, "message") && j.value("subject", "") == s; };
}

std::string encode(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string url_from(const json& bullet, const std::string& connect_id) {
  return bullet["instanceServers"][0]["endpoint"].get<std::string>() +
         "?token=" + encode(bullet["token"].get<std::string>()) + "&connectId=" + connect_id;
}

std::unique_ptr<WsClient> connect_welcomed(const std::string& url) {
  auto ws = WsClient::connect(url);
  if (!ws) return nullptr;
  return read_until(*ws, 2s, [](const json& j) { return is_type(j, "welcome"); }) ? std::move(ws) : nullptr;
}

// A connection opened with a bullet-private token, past its welcome.
std::unique_ptr<WsClient> open_private(const Kucoin& k, const std::string& connect_id = "th-p-1") {
  return connect_welcomed(url_from(k.data("POST", "/api/v1/bullet-private"), connect_id));
}

std::unique_ptr<WsClient> open_public(const Sim& sim, const std::string& connect_id = "th-c-1") {
  const json b = json::parse(http("POST", sim.rest(kVenue) + "/api/v1/bullet-public").body);
  return connect_welcomed(url_from(b["data"], connect_id));
}

std::string subscribe(const std::string& id, const std::string& topic, bool private_channel = true) {
  return json{
      {"id", id}, {"type", "subscribe"}, {"topic", topic}, {"privateChannel", private_channel}, {"response", true}}
      .dump();
}

json reply(WsClient& ws, const std::string& text) {
  ws.send_text(text);
  return read_until(ws, 2s,
                    [](const json& m) { return is_type(m, "ack") || is_type(m, "pong") || is_type(m, "error"); })
      .value_or(json());
}

void set(const Sim& sim, const std::string& key, std::int64_t value) {
  auto r = http("POST", sim.control() + "/set?key=" + key + "&value=" + std::to_string(value));
  ASSERT_EQ(r.status, 200) << r.body;
}

// A buy price far below the market: the order rests.
std::string resting_buy_price(const Kucoin& k) {
  const double mark = k.data("GET", "/api/v1/contracts/XBTUSDTM")["markPrice"].get<double>();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", mark * 0.9);
  return buf;
}

TEST(KucoinTradingSim, ASignedMarketOrderFillsAndItsEventsArriveOnAPrivateConnection) {
  Sim sim;
  Kucoin k(sim);
  auto ws = open_private(k);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/tradeOrders"))["type"], "ack");
  EXPECT_EQ(reply(*ws, subscribe("s2", "/contract/position:XBTUSDTM"))["type"], "ack");
  EXPECT_EQ(reply(*ws, subscribe("s3", "/contractAccount/wallet"))["type"], "ack");

  const HttpReply placed = k.call("POST", "/api/v1/orders", market_order("th-0001", "buy", 2).dump());
  ASSERT_EQ(placed.status, 200);
  const json ack = json::parse(placed.body);
  ASSERT_EQ(ack["code"], "200000") << placed.body;
  EXPECT_EQ(ack["data"]["clientOid"], "th-0001");
  const std::string order_id = ack["data"]["orderId"];
  EXPECT_FALSE(order_id.empty());

  // §9: per fill a `match`, then `filled`.
  int matched = 0;
  std::optional<json> filled;
  while (!filled) {
    auto e = read_until(*ws, 3s, subject("orderChange"));
    ASSERT_TRUE(e.has_value()) << "no orderChange after " << matched << " contracts matched";
    EXPECT_EQ((*e)["channelType"], "private");
    EXPECT_EQ((*e)["topic"], "/contractMarket/tradeOrders");
    const json& d = (*e)["data"];
    EXPECT_EQ(d["orderId"], order_id);
    EXPECT_EQ(d["clientOid"], "th-0001");
    EXPECT_EQ(d["symbol"], "XBTUSDTM");
    EXPECT_GT(d["ts"].get<std::int64_t>(), 1'000'000'000'000'000'000LL) << "ns";
    if (d["type"] == "match") {
      EXPECT_EQ(d["status"], "match") << "a taker fill";
      EXPECT_EQ(d["liquidity"], "taker");
      EXPECT_FALSE(d["tradeId"].get<std::string>().empty());
      matched += std::stoi(d["matchSize"].get<std::string>());
      EXPECT_EQ(std::stoi(d["filledSize"].get<std::string>()), matched);
    } else {
      ASSERT_EQ(d["type"], "filled") << e->dump();
      filled = e;
    }
  }
  EXPECT_EQ(matched, 2);
  EXPECT_EQ((*filled)["data"]["status"], "done");
  EXPECT_EQ((*filled)["data"]["filledSize"], "2");
  EXPECT_EQ((*filled)["data"]["remainSize"], "0");

  auto position = read_until(*ws, 2s, subject("position.change"));
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ((*position)["topic"], "/contract/position:XBTUSDTM");
  EXPECT_EQ((*position)["data"]["currentQty"], 2);
  auto wallet = read_until(*ws, 2s, subject("walletBalance.change"));
  ASSERT_TRUE(wallet.has_value());
  EXPECT_EQ((*wallet)["data"]["currency"], "USDT");
  EXPECT_LT(std::stod((*wallet)["data"]["availableBalance"].get<std::string>()), 10000.0);

  const json order = k.data("GET", "/api/v1/orders/" + order_id);
  EXPECT_EQ(order["status"], "done");
  EXPECT_EQ(order["isActive"], false);
  EXPECT_EQ(order["cancelExist"], false);
  EXPECT_EQ(order["dealSize"], 2);
  EXPECT_EQ(order["filledSize"], 2);
  EXPECT_EQ(k.data("GET", "/api/v1/orders/byClientOid?clientOid=th-0001")["id"], order_id);
  const json positions = k.data("GET", "/api/v1/positions?currency=USDT");
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["symbol"], "XBTUSDTM");
  EXPECT_EQ(positions[0]["currentQty"], 2);
  EXPECT_GT(positions[0]["avgEntryPrice"].get<double>(), 0.0);
  const json fills = k.data("GET", "/api/v1/fills?orderId=" + order_id);
  int fill_contracts = 0;
  for (const auto& f : fills["items"]) fill_contracts += f["size"].get<int>();
  EXPECT_EQ(fill_contracts, 2);
  const json overview = k.data("GET", "/api/v1/account-overview?currency=USDT");
  EXPECT_EQ(overview["currency"], "USDT");
  EXPECT_GT(overview["positionMargin"].get<double>(), 0.0);
}

TEST(KucoinTradingSim, FillsAreWholeContractsWhenAContractIsSeveralSteps) {
  Sim sim;
  Kucoin k(sim);
  // ETH: a contract is 0.01 ETH, ten of the market's 0.001 steps; the top of the book holds any
  // number of steps, yet every fill is a whole number of contracts.
  for (int i = 0; i < 5; ++i) {
    const std::string cid = "th-eth-" + std::to_string(i);
    ASSERT_EQ(k.place(market_order(cid, i % 2 ? "sell" : "buy", 3 + i, "ETHUSDTM")), "200000");
    const json order = k.data("GET", "/api/v1/orders/byClientOid?clientOid=" + cid);
    EXPECT_EQ(order["dealSize"], 3 + i);
    int total = 0;
    const json fills = k.data("GET", "/api/v1/fills?orderId=" + order["id"].get<std::string>());
    for (const auto& f : fills["items"]) {
      ASSERT_TRUE(f["size"].is_number_integer()) << f.dump();
      total += f["size"].get<int>();
    }
    EXPECT_EQ(total, 3 + i);
  }
}

TEST(KucoinTradingSim, AuthenticationErrorsUseSection7Codes) {
  Sim sim;
  Kucoin k(sim);
  const std::string target = "/api/v1/orders?status=active&symbol=XBTUSDTM";
  const HttpReply wrong_secret = k.call("GET", target, "", signing().with(&Signing::secret, "not-the-secret"));
  EXPECT_EQ(wrong_secret.status, 401);
  EXPECT_EQ(json::parse(wrong_secret.body)["code"], "400005");
  // v2 passphrase HMAC'd with the right secret over the wrong passphrase.
  EXPECT_EQ(k.code("GET", target, "", signing().with(&Signing::passphrase, "not-the-passphrase")), "400004");
  EXPECT_EQ(k.code("GET", target, "", signing().with(&Signing::version, "1")), "200000")
      << "v1 sends the passphrase in plain text";
  EXPECT_EQ(k.code("GET", target, "",
                   signing().with(&Signing::passphrase, "not-the-passphrase").with(&Signing::version, "1")),
            "400004");
  EXPECT_EQ(k.code("GET", target, "", signing().with(&Signing::version, "7")), "400009");
  const HttpReply bare = http("GET", k.rest() + target);
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(json::parse(bare.body)["code"], "400001");
  const HttpReply nobody = http("GET", k.rest() + target, "",
                                {{"KC-API-KEY", "nobody"},
                                 {"KC-API-SIGN", "x"},
                                 {"KC-API-PASSPHRASE", "x"},
                                 {"KC-API-TIMESTAMP", std::to_string(k.server_time())}});
  EXPECT_EQ(json::parse(nobody.body)["code"], "400003");
}

TEST(KucoinTradingSim, TimestampsMoreThan5SecondsOffAreRefused) {
  // At speed 1: at the default 60, the 20 ms between reading the server's time and the signed
  // request (more under the sanitizers) move the sim's clock by over a second, and +6 s lands
  // inside the window.
  Sim sim({"--speed", "1"});
  Kucoin k(sim);
  const std::string target = "/api/v1/account-overview?currency=USDT";
  EXPECT_EQ(k.code("GET", target, "", offset_by(-6'000)), "400002");
  EXPECT_EQ(k.code("GET", target, "", offset_by(6'000)), "400002");
  const HttpReply r = k.call("GET", target, "", offset_by(-6'000));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(k.code("GET", target, "", offset_by(-3'000)), "200000");
}

TEST(KucoinTradingSim, TheSkewFaultMakesASyncedClientFailTheSameWay) {
  Sim sim({"--speed", "1"});  // at speed 1 a synced offset stays right
  Kucoin k(sim);
  const std::string target = "/api/v1/account-overview?currency=USDT";
  Signing synced;
  synced.use_offset_clock = true;
  EXPECT_EQ(k.code("GET", target, "", synced), "200000");
  set(sim, "sim.skew_ms", 7'000);
  EXPECT_EQ(k.code("GET", target, "", synced), "400002");
  set(sim, "sim.skew_ms", 0);
  EXPECT_EQ(k.code("GET", target, "", synced), "200000");
}

TEST(KucoinTradingSim, AReplayedClientOidGets300018AndNoSecondPosition) {
  Sim sim;
  Kucoin k(sim);
  const json order = market_order("th-retry", "sell", 3);
  ASSERT_EQ(k.place(order), "200000");
  const json again = json::parse(k.call("POST", "/api/v1/orders", order.dump()).body);
  EXPECT_EQ(again["code"], "300018");
  EXPECT_EQ(again["msg"], "clientOid parameter repeated");
  const json positions = k.data("GET", "/api/v1/positions?currency=USDT");
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["currentQty"], -3);
}

TEST(KucoinTradingSim, ALimitOrderRestsIsListedAndCancelsOnceByClientOid) {
  Sim sim;
  Kucoin k(sim);
  auto ws = open_private(k);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/tradeOrders:XBTUSDTM"))["type"], "ack");
  ASSERT_EQ(k.place(limit_order("th-l1", "buy", 4, resting_buy_price(k))), "200000");
  auto open = read_until(*ws, 2s, subject("symbolOrderChange"));
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ((*open)["topic"], "/contractMarket/tradeOrders:XBTUSDTM");
  EXPECT_EQ((*open)["data"]["type"], "open");
  EXPECT_EQ((*open)["data"]["status"], "open");
  EXPECT_EQ((*open)["data"]["remainSize"], "4");

  const json active = k.data("GET", "/api/v1/orders?status=active&symbol=XBTUSDTM");
  EXPECT_EQ(active["totalNum"], 1);
  EXPECT_EQ(active["currentPage"], 1);
  ASSERT_EQ(active["items"].size(), 1u);
  EXPECT_EQ(active["items"][0]["clientOid"], "th-l1");
  EXPECT_EQ(active["items"][0]["isActive"], true);
  EXPECT_EQ(active["items"][0]["status"], "open");

  const json cancelled = k.data("DELETE", "/api/v1/orders/client-order/th-l1?symbol=XBTUSDTM");
  EXPECT_EQ(cancelled["clientOid"], "th-l1");
  auto gone = read_until(*ws, 2s, subject("symbolOrderChange"));
  ASSERT_TRUE(gone.has_value());
  EXPECT_EQ((*gone)["data"]["type"], "canceled");
  EXPECT_EQ((*gone)["data"]["status"], "done");
  EXPECT_EQ((*gone)["data"]["canceledSize"], "4");
  EXPECT_EQ(k.code("DELETE", "/api/v1/orders/client-order/th-l1?symbol=XBTUSDTM"), "100004");
  const json order = k.data("GET", "/api/v1/orders/byClientOid?clientOid=th-l1");
  EXPECT_EQ(order["status"], "done");
  EXPECT_EQ(order["cancelExist"], true);
  EXPECT_EQ(k.data("GET", "/api/v1/orders?status=active")["totalNum"], 0);

  // By id: cancelledOrderIds, then 100004; an unknown id reads 404000.
  ASSERT_EQ(k.place(limit_order("th-l2", "buy", 1, resting_buy_price(k))), "200000");
  const std::string id = k.data("GET", "/api/v1/orders/byClientOid?clientOid=th-l2")["id"];
  EXPECT_EQ(k.data("DELETE", "/api/v1/orders/" + id)["cancelledOrderIds"], json::array({id}));
  EXPECT_EQ(k.code("DELETE", "/api/v1/orders/" + id), "100004");
  EXPECT_EQ(k.code("GET", "/api/v1/orders/123"), "404000");
}

TEST(KucoinTradingSim, ARestingOrderFillsAsMakerWithMatchThenFilled) {
  Sim sim;
  Kucoin k(sim);
  auto ws = open_private(k);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/tradeOrders"))["type"], "ack");
  // A buy a few ticks under the best bid rests, and fills once a taker sells at (or through) that
  // price. The price walks, so a try that is not reached within 3 s is cancelled and placed again,
  // and a try that the market had already crossed when it arrived (a taker fill on a slow,
  // sanitized run) does not count.
  std::optional<json> match;
  for (int attempt = 0; attempt < 8 && !match; ++attempt) {
    const std::string cid = "th-maker-" + std::to_string(attempt);
    const double bid = k.data("GET", "/api/v1/contracts/XBTUSDTM")["markPrice"].get<double>();
    char price[32];
    std::snprintf(price, sizeof price, "%.1f", bid - 0.5);
    ASSERT_EQ(k.place(limit_order(cid, "buy", 1, price)), "200000");
    match = read_until(*ws, 3s, [&](const json& j) {
      return subject("orderChange")(j) && j["data"]["clientOid"] == cid && j["data"]["type"] == "match";
    });
    if (!match) {
      (void)k.code("DELETE", "/api/v1/orders/client-order/" + cid + "?symbol=XBTUSDTM");
    } else if ((*match)["data"]["liquidity"] != "maker") {
      (void)read_until(*ws, 1s, subject("orderChange"));  // its "filled" event
      match.reset();
    }
  }
  ASSERT_TRUE(match.has_value()) << "the market never traded through a resting bid in eight tries";
  EXPECT_EQ((*match)["data"]["status"], "open") << "§9: a maker fill";
  EXPECT_EQ((*match)["data"]["liquidity"], "maker");
  EXPECT_EQ((*match)["data"]["feeType"], "makerFee");
  EXPECT_EQ((*match)["data"]["matchSize"], "1");
  auto filled = read_until(*ws, 2s, subject("orderChange"));
  ASSERT_TRUE(filled.has_value());
  EXPECT_EQ((*filled)["data"]["type"], "filled");
  EXPECT_EQ((*filled)["data"]["status"], "done");
}

TEST(KucoinTradingSim, OrderValidationUsesTheVenuesCodes) {
  Sim sim;
  Kucoin k(sim);
  EXPECT_EQ(k.place(market_order("v1", "buy", 1, "BTCUSDTM")), "100003");
  json qty = market_order("v2", "buy", 1);
  qty.erase("size");
  qty["qty"] = "0.001";
  EXPECT_EQ(k.place(qty), "100001") << "the sim takes size only";
  EXPECT_EQ(k.place(market_order("bad id!", "buy", 1)), "100001");
  EXPECT_EQ(k.place(market_order(std::string(41, 'a'), "buy", 1)), "100001");
  json no_leverage = market_order("v3", "buy", 1);
  no_leverage.erase("leverage");
  EXPECT_EQ(k.place(no_leverage), "100001");
  json reduce = market_order("v4", "sell", 1);
  reduce["reduceOnly"] = true;
  EXPECT_EQ(k.place(reduce), "300009");
  EXPECT_EQ(k.place(market_order("v5", "buy", 900'000)), "300003");
  EXPECT_EQ(k.place(limit_order("v6", "buy", 1, "999999.0")), "300011") << "above the buy limit";
  const double mark = k.data("GET", "/api/v1/contracts/XBTUSDTM")["markPrice"].get<double>();
  char crossing[32];
  std::snprintf(crossing, sizeof crossing, "%.1f", mark * 1.01);
  json post = limit_order("v9", "buy", 1, crossing);
  post["postOnly"] = true;
  EXPECT_EQ(k.place(post), "300000") << "post-only that would take is refused (the sim's choice)";
  json hedge = market_order("v7", "buy", 1);
  hedge["positionSide"] = "LONG";
  EXPECT_EQ(k.place(hedge), "330011");
  EXPECT_EQ(k.code("POST", "/api/v1/orders", market_order("v8", "buy", 1).dump(),
                   signing().with(&Signing::content_type, "text/plain")),
            "415000");
  EXPECT_EQ(k.place(market_order("v5", "buy", 1)), "200000") << "a refused order does not use up its clientOid";
}

TEST(KucoinTradingSim, StateSurvivesARestartWithStateDir) {
  TempDir dir;
  const std::vector<std::string> args = {"--speed", "60", "--state-dir", dir.path().string()};
  {
    Sim sim(args);
    Kucoin k(sim);
    ASSERT_EQ(k.place(market_order("th-keep", "sell", 5, "SOLUSDTM")), "200000");
    EXPECT_EQ(sim.process.stop(SIGTERM, 2s), 0);
  }
  Sim again(args);
  Kucoin k(again);
  const json positions = k.data("GET", "/api/v1/positions?currency=USDT");
  ASSERT_EQ(positions.size(), 1u) << positions.dump();
  EXPECT_EQ(positions[0]["symbol"], "SOLUSDTM");
  EXPECT_EQ(positions[0]["currentQty"], -5);
  EXPECT_EQ(k.place(market_order("th-keep", "sell", 5, "SOLUSDTM")), "300018");
}

TEST(KucoinTradingSim, BulletPrivateAnswersOnlySignedRequests) {
  Sim sim;
  Kucoin k(sim);
  const HttpReply bare = http("POST", k.rest() + "/api/v1/bullet-private");
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(json::parse(bare.body)["code"], "400001");
  EXPECT_EQ(k.code("POST", "/api/v1/bullet-private", "", signing().with(&Signing::secret, "wrong")), "400005");
  const json b = k.data("POST", "/api/v1/bullet-private");
  EXPECT_GE(b["token"].get<std::string>().size(), 100u);
  EXPECT_EQ(b["instanceServers"][0]["endpoint"], sim.ws(kVenue));
  EXPECT_EQ(b["instanceServers"][0]["pingInterval"], 18000);
}

TEST(KucoinTradingSim, OnlyAPrivateTokenWithPrivateChannelMaySubscribePrivateTopics) {
  Sim sim;
  Kucoin k(sim);
  auto pub = open_public(sim);
  ASSERT_NE(pub, nullptr);
  const json refused = reply(*pub, subscribe("p1", "/contractMarket/tradeOrders"));
  EXPECT_EQ(refused, json::parse(R"({"id":"p1","type":"error","code":403,"data":"login is required"})"));
  auto priv = open_private(k);
  ASSERT_NE(priv, nullptr);
  EXPECT_EQ(reply(*priv, subscribe("q1", "/contractMarket/tradeOrders", false))["code"], 403)
      << "privateChannel must be true";
  EXPECT_EQ(reply(*priv, subscribe("q2", "/contract/positionAll"))["type"], "ack");
  EXPECT_EQ(reply(*priv, subscribe("q3", "/contract/positionAll:XBTUSDTM"))["code"], 404);
  EXPECT_EQ(reply(*priv, subscribe("q4", "/contractMarket/execution:XBTUSDTM"))["type"], "ack")
      << "a private connection takes public topics too";
}

TEST(KucoinTradingSim, AnotherAccountsConnectionSeesNothing) {
  TempDir dir;
  const auto accounts = dir.write("accounts.json", R"([
    {"venue":"kucoinfutures","name":"alice","api_key":"ka","secret":"sa","passphrase":"pa"},
    {"venue":"kucoinfutures","name":"bob","api_key":"kb","secret":"sb","passphrase":"pb"}])");
  Sim sim({"--speed", "60", "--accounts", accounts.string()});
  Kucoin alice(sim);  // the ready line shows the first account
  auto ws = open_private(alice);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/tradeOrders"))["type"], "ack");
  // bob trades: sign as bob.
  const std::string body = market_order("th-bob", "buy", 1).dump();
  const std::string ts = std::to_string(alice.server_time());
  const HttpReply r = http("POST", alice.rest() + "/api/v1/orders", body,
                           {{"KC-API-KEY", "kb"},
                            {"KC-API-SIGN", hmac_base64("sb", ts + "POST/api/v1/orders" + body)},
                            {"KC-API-TIMESTAMP", ts},
                            {"KC-API-PASSPHRASE", hmac_base64("sb", "pb")},
                            {"KC-API-KEY-VERSION", "3"},
                            {"Content-Type", "application/json"}});
  ASSERT_EQ(json::parse(r.body)["code"], "200000") << r.body;
  EXPECT_FALSE(read_until(*ws, 1s, subject("orderChange")).has_value());
  ASSERT_EQ(alice.place(market_order("th-alice", "buy", 1)), "200000");
  auto own = read_until(*ws, 2s, subject("orderChange"));
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ((*own)["data"]["clientOid"], "th-alice");
  EXPECT_EQ((*own)["userId"], "alice");
}

TEST(KucoinTradingSim, TheRestFaultAnswers429000WithRateLimitHeaders) {
  Sim sim;
  set(sim, "kucoinfutures.fault_retry_after_s", 7);
  set(sim, "kucoinfutures.fault_rest_status", 429);
  const HttpReply limited = http("GET", sim.rest(kVenue) + "/api/v1/timestamp");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(json::parse(limited.body), json::parse(R"({"code":"429000","msg":"Too Many Requests"})"));
  EXPECT_EQ(limited.headers.at("gw-ratelimit-reset"), "7000");
  EXPECT_EQ(limited.headers.at("gw-ratelimit-remaining"), "0");
  EXPECT_EQ(limited.headers.at("gw-ratelimit-limit"), "2000");
  EXPECT_EQ(limited.headers.count("retry-after"), 0u) << "KuCoin sends no Retry-After (§8)";
  set(sim, "kucoinfutures.fault_retry_after_s", 0);
  const HttpReply overloaded = http("GET", sim.rest(kVenue) + "/api/v1/timestamp");
  EXPECT_EQ(overloaded.status, 429);
  EXPECT_EQ(overloaded.headers.count("gw-ratelimit-reset"), 0u) << "the overload shape has no headers";
  set(sim, "kucoinfutures.fault_rest_status", 0);
  EXPECT_EQ(http("GET", sim.rest(kVenue) + "/api/v1/timestamp").status, 200);
}

TEST(KucoinTradingSim, ExpireTokensClosesEveryConnectionAndANewBulletWorks) {
  Sim sim;
  Kucoin k(sim);
  auto pub = open_public(sim, "th-c-7");
  auto priv = open_private(k, "th-p-7");
  ASSERT_NE(pub, nullptr);
  ASSERT_NE(priv, nullptr);
  const json unused = json::parse(http("POST", sim.rest(kVenue) + "/api/v1/bullet-public").body)["data"];
  const HttpReply r = http("POST", sim.control() + "/trigger?venue=kucoinfutures&action=expire_tokens");
  ASSERT_EQ(r.status, 200) << r.body;
  for (auto* ws : {pub.get(), priv.get()}) {
    auto error = read_until(*ws, 2s, [](const json& j) { return is_type(j, "error"); });
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ((*error)["code"], 401);
    EXPECT_EQ((*error)["data"], "token is expired");
    while (ws->read(1s)) {
    }
    EXPECT_TRUE(ws->closed());
    EXPECT_EQ(ws->close_code(), 1000);
  }
  auto stale = WsClient::connect(url_from(unused, "th-c-8"));
  ASSERT_NE(stale, nullptr);
  auto error = read_until(*stale, 2s, [](const json& j) { return is_type(j, "error"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ((*error)["data"], "token is expired") << "tokens issued before the trigger are dead";
  EXPECT_NE(open_public(sim, "th-c-9"), nullptr) << "a new bullet works";
  EXPECT_NE(open_private(k, "th-p-9"), nullptr);
  EXPECT_EQ(http("POST", sim.control() + "/trigger?venue=kucoinfutures&action=nope").status, 400);
}

TEST(KucoinTradingSim, IgnorePongsStopsThePongsWhileSet) {
  Sim sim;
  auto ws = open_public(sim);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, R"({"id":"p1","type":"ping"})")["type"], "pong");
  set(sim, "kucoinfutures.fault_ignore_pongs", 1);
  ws->send_text(R"({"id":"p2","type":"ping"})");
  EXPECT_FALSE(read_until(*ws, 1500ms, [](const json& j) { return is_type(j, "pong"); }).has_value());
  EXPECT_FALSE(ws->closed()) << "the client's pingTimeout is what ends it";
  set(sim, "kucoinfutures.fault_ignore_pongs", 0);
  EXPECT_EQ(reply(*ws, R"({"id":"p3","type":"ping"})")["id"], "p3");
}

TEST(KucoinTradingSim, TheAckDelayFaultHoldsSubscribeAcksBack) {
  Sim sim({"--speed", "60", "--faults", "kucoinfutures.fault_ack_delay_ms=800"});
  auto ws = open_public(sim);
  ASSERT_NE(ws, nullptr);
  const auto sent = steady::now();
  ws->send_text(subscribe("a1", "/contractMarket/tickerV2:XBTUSDTM", false));
  auto ack = read_until(*ws, 3s, [](const json& j) { return is_type(j, "ack"); });
  ASSERT_TRUE(ack.has_value());
  EXPECT_GE(steady::now() - sent, 750ms);
  EXPECT_EQ((*ack)["id"], "a1");
}

}  // namespace
}  // namespace tradehost::test
