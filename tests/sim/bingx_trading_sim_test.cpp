// exchange-sim's BingX private side against the real process: signing in the query string, a
// form body and a JSON body, orders and their §8 codes, idempotent client ids, listen keys and
// the gzip user data stream, state across restarts, and BingX's faults (protocols/bingx.md §1,
// §7-§9).
#include <gtest/gtest.h>

#include <algorithm>
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

constexpr std::int64_t kTwoTo53 = 9'007'199'254'740'992;

// A BingX REST client for the ready line's test account. Each call fetches server time first,
// so that the 5 s window holds even at --speed 60.
class BingxRest {
 public:
  explicit BingxRest(const Sim& sim) : rest_(sim.rest("bingx")), ws_(sim.ws("bingx")) {
    key_ = sim.ready["venues"]["bingx"]["account"]["api_key"];
    secret_ = sim.ready["venues"]["bingx"]["account"]["secret"];
  }
  std::int64_t server_time() const {
    return json::parse(http("GET", rest_ + "/openApi/swap/v2/server/time").body)["data"]["serverTime"]
        .get<std::int64_t>();
  }
  // Every parameter in the query string, signed in the order given (§7 item 4).
  HttpReply call(const std::string& method, const std::string& path, std::string params,
                 const std::string& secret = "", std::int64_t ts_offset_ms = 0) {
    params += (params.empty() ? "" : "&") + std::string("timestamp=") + std::to_string(server_time() + ts_offset_ms);
    const std::string sig = hmac_hex(secret.empty() ? secret_ : secret, params);
    return http(method, rest_ + path + "?" + params + "&signature=" + sig, "", {{"X-BX-APIKEY", key_}});
  }
  json data(const std::string& method, const std::string& path, const std::string& params) {
    auto r = call(method, path, params);
    EXPECT_EQ(r.status, 200) << r.body;
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_EQ(j.value("code", -1), 0) << r.body;
    return j.is_object() ? j["data"] : json();
  }
  int code(const HttpReply& r) const {
    EXPECT_EQ(r.status, 200) << "business errors come with HTTP 200: " << r.body;
    return json::parse(r.body, nullptr, false).value("code", -1);
  }
  std::string listen_key() {
    auto r = http("POST", rest_ + "/openApi/user/auth/userDataStream", "", {{"X-BX-APIKEY", key_}});
    return json::parse(r.body, nullptr, false).value("listenKey", "");
  }
  const std::string& rest() const { return rest_; }
  const std::string& ws() const { return ws_; }
  const std::string& key() const { return key_; }
  const std::string& secret() const { return secret_; }

 private:
  std::string rest_, ws_, key_, secret_;
};

// A /swap-market connection that gunzips every frame and answers `Ping` with `Pong`.
class BingxStream {
 public:
  explicit BingxStream(const std::string& url, bool answer_pings = true)
      : ws_(WsClient::connect(url, &error_)), answer_pings_(answer_pings) {}
  bool connected() const { return ws_ != nullptr; }
  const std::string& error() const { return error_; }
  WsClient& ws() { return *ws_; }

  // The next JSON frame satisfying `pred`, up to `timeout`.
  std::optional<json> next(std::chrono::milliseconds timeout, const std::function<bool(const json&)>& pred) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && !ws_->closed()) {
      auto f = ws_->read(50ms);
      if (!f) continue;
      EXPECT_TRUE(f->binary) << "every BingX server frame is binary gzip (§4)";
      std::string text;
      try {
        text = gunzip(f->data);
      } catch (const std::exception&) {
        ++corrupt_;
        continue;
      }
      if (text == "Ping") {
        if (answer_pings_) ws_->send_text("Pong");
        continue;
      }
      auto j = json::parse(text, nullptr, false);
      if (!j.is_discarded() && pred(j)) return j;
    }
    return std::nullopt;
  }
  std::optional<json> event(const std::string& e, std::chrono::milliseconds timeout = 3s) {
    return next(timeout, [&](const json& j) { return j.value("e", "") == e; });
  }
  // Reads (answering pings) until the connection closes or `timeout` passes.
  void drain(std::chrono::milliseconds timeout) {
    next(timeout, [](const json&) { return false; });
  }
  int corrupt() const { return corrupt_; }

 private:
  std::string error_;
  std::unique_ptr<WsClient> ws_;
  bool answer_pings_;
  int corrupt_ = 0;
};

void set(const Sim& sim, const std::string& key, std::int64_t value) {
  auto r = http("POST", sim.control() + "/set?key=" + key + "&value=" + std::to_string(value));
  ASSERT_EQ(r.status, 200) << r.body;
}

const std::string kOrderPath = "/openApi/swap/v2/trade/order";

TEST(BingxTradingSim, ASignedMarketOrderFillsAndAppearsOnTheUserStream) {
  Sim sim;
  BingxRest t(sim);
  const std::string key = t.listen_key();
  ASSERT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  BingxStream user(t.ws() + "?listenKey=" + key);
  ASSERT_TRUE(user.connected()) << user.error();

  auto order = t.data("POST", kOrderPath,
                      "symbol=BTC-USDT&side=BUY&positionSide=BOTH&type=MARKET&quantity=0.002&clientOrderId=TH-Mkt-1");
  ASSERT_TRUE(order.contains("order")) << order.dump();
  const json& o = order["order"];
  EXPECT_EQ(o["symbol"], "BTC-USDT");
  EXPECT_EQ(o["clientOrderId"], "th-mkt-1") << "the venue lowercases client ids (§7)";
  ASSERT_TRUE(o["orderId"].is_number_integer());
  const std::int64_t id = o["orderId"].get<std::int64_t>();
  EXPECT_GT(id, kTwoTo53) << "§11: order ids above 2^53";
  EXPECT_EQ(o["status"], "FILLED");
  EXPECT_EQ(o["executedQty"], "0.002");
  EXPECT_EQ(o["positionSide"], "BOTH");

  auto trade = user.next(3s, [](const json& j) {
    return j.value("e", "") == "ORDER_TRADE_UPDATE" && j["o"].value("x", "") == "TRADE";
  });
  ASSERT_TRUE(trade.has_value());
  const json& u = (*trade)["o"];
  EXPECT_EQ(u["s"], "BTC-USDT");
  EXPECT_EQ(u["c"], "th-mkt-1");
  EXPECT_EQ(u["i"].get<std::int64_t>(), id);
  EXPECT_EQ(u["S"], "BUY");
  EXPECT_EQ(u["o"], "MARKET");
  EXPECT_EQ(u["X"], "FILLED");
  EXPECT_EQ(u["z"], "0.002");
  EXPECT_EQ(u["N"], "USDT");
  EXPECT_LT(std::stod(u["n"].get<std::string>()), 0.0) << "commission is negative when paid";
  EXPECT_EQ(u["ps"], "BOTH");
  EXPECT_GT(u["T"].get<std::int64_t>(), 0);
  for (const char* field : {"q", "p", "sp", "ap", "wt", "rp"}) EXPECT_TRUE(u.contains(field)) << field;

  auto account = user.event("ACCOUNT_UPDATE");
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ((*account)["a"]["m"], "ORDER");
  EXPECT_EQ((*account)["a"]["B"][0]["a"], "USDT");
  EXPECT_EQ((*account)["a"]["P"][0]["s"], "BTC-USDT");
  EXPECT_EQ((*account)["a"]["P"][0]["pa"], "0.002");

  auto query = t.data("GET", kOrderPath, "symbol=BTC-USDT&orderId=" + std::to_string(id));
  EXPECT_EQ(query["order"]["status"], "FILLED");
  EXPECT_EQ(query["order"]["orderId"].get<std::int64_t>(), id);
  auto positions = t.data("GET", "/openApi/swap/v2/user/positions", "");
  ASSERT_EQ(positions.size(), 1u) << positions.dump();
  EXPECT_EQ(positions[0]["symbol"], "BTC-USDT");
  EXPECT_EQ(positions[0]["positionAmt"], "0.002");
  auto balance = t.data("GET", "/openApi/swap/v3/user/balance", "");
  ASSERT_TRUE(balance.is_array());
  ASSERT_GE(balance.size(), 1u);
  EXPECT_EQ(balance[0]["asset"], "USDT");
  EXPECT_LT(std::stod(balance[0]["balance"].get<std::string>()), 10000.0) << "the taker fee was paid";
  EXPECT_GT(std::stod(balance[0]["usedMargin"].get<std::string>()), 0.0);
  EXPECT_TRUE(balance[0].contains("availableMargin"));
  EXPECT_TRUE(balance[0].contains("equity"));
}

TEST(BingxTradingSim, AWrongSecretGets100001) {
  Sim sim;
  BingxRest t(sim);
  auto r = t.call("POST", kOrderPath, "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002", "not-the-secret");
  EXPECT_EQ(t.code(r), 100001);
  EXPECT_TRUE(t.data("GET", "/openApi/swap/v2/user/positions", "").empty()) << "nothing was placed";
}

TEST(BingxTradingSim, ReplayingAClientOrderIdGets101481AndNoSecondPosition) {
  Sim sim;
  BingxRest t(sim);
  ASSERT_EQ(t.code(t.call("POST", kOrderPath,
                          "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002&clientOrderId=th-retry")),
            0);
  auto again = t.call("POST", kOrderPath, "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002&clientOrderId=TH-RETRY");
  EXPECT_EQ(t.code(again), 101481) << "the same id once lowercased";
  EXPECT_EQ(json::parse(again.body)["msg"], "clientOrderID cannot be repeated");
  auto older_spelling =
      t.call("POST", kOrderPath, "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002&clientOrderID=th-retry");
  EXPECT_EQ(t.code(older_spelling), 101481);
  auto positions = t.data("GET", "/openApi/swap/v2/user/positions", "symbol=BTC-USDT");
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["positionAmt"], "0.002");
}

TEST(BingxTradingSim, StaleTimestampsAndBadKeysAreRefused) {
  Sim sim({"--speed", "1"});  // the sim clock must not run ahead between time read and request
  BingxRest t(sim);
  EXPECT_EQ(t.code(t.call("GET", "/openApi/swap/v2/trade/openOrders", "", "", -10'000)), 100421);
  EXPECT_EQ(t.code(t.call("GET", "/openApi/swap/v2/trade/openOrders", "", "", 10'000)), 100421);
  EXPECT_EQ(t.code(t.call("GET", "/openApi/swap/v2/trade/openOrders", "recvWindow=60000", "", -10'000)), 0)
      << "a larger recvWindow admits it";
  EXPECT_EQ(t.code(http("GET", t.rest() + "/openApi/swap/v2/trade/openOrders?timestamp=1")), 100413);
  EXPECT_EQ(t.code(http("GET", t.rest() + "/openApi/swap/v2/trade/openOrders?timestamp=1", "",
                        {{"X-BX-APIKEY", "nobody"}})),
            100413);
}

TEST(BingxTradingSim, FormAndJsonBodiesAreSignedAsSection7Says) {
  Sim sim;
  BingxRest t(sim);
  const std::map<std::string, std::string> form_headers = {
      {"X-BX-APIKEY", t.key()}, {"Content-Type", "application/x-www-form-urlencoded"}};
  // A form body, signed over its parameters in the order sent.
  std::string form = "symbol=ETH-USDT&type=MARKET&side=SELL&quantity=0.050&clientOrderId=th-form&timestamp=" +
                     std::to_string(t.server_time());
  form += "&signature=" + hmac_hex(t.secret(), form);
  auto r = http("POST", t.rest() + kOrderPath, form, form_headers);
  ASSERT_EQ(t.code(r), 0) << r.body;
  EXPECT_EQ(json::parse(r.body)["data"]["order"]["clientOrderId"], "th-form");

  // A JSON body: the signature covers the members sorted a-z.
  const std::map<std::string, std::string> json_headers = {{"X-BX-APIKEY", t.key()},
                                                           {"Content-Type", "application/json"}};
  json body = {{"symbol", "ETH-USDT"},   {"side", "BUY"},      {"type", "MARKET"},
               {"quantity", "0.020"},    {"positionSide", "BOTH"}, {"clientOrderId", "th-json"},
               {"timestamp", t.server_time()}};
  std::string sorted;
  for (const auto& [k, v] : body.items()) {  // nlohmann keeps members sorted
    sorted += (sorted.empty() ? "" : "&") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  body["signature"] = hmac_hex(t.secret(), sorted);
  r = http("POST", t.rest() + kOrderPath, body.dump(), json_headers);
  ASSERT_EQ(t.code(r), 0) << r.body;
  EXPECT_EQ(json::parse(r.body)["data"]["order"]["clientOrderId"], "th-json");

  // The same members signed in the order written, not sorted, do not verify.
  body = {{"symbol", "ETH-USDT"}, {"side", "BUY"}, {"type", "MARKET"}, {"quantity", "0.020"},
          {"timestamp", t.server_time()}};
  body["signature"] = hmac_hex(t.secret(), "symbol=ETH-USDT&side=BUY&type=MARKET&quantity=0.020&timestamp=" +
                                               body["timestamp"].dump());
  EXPECT_EQ(t.code(http("POST", t.rest() + kOrderPath, body.dump(), json_headers)), 100001);

  auto positions = t.data("GET", "/openApi/swap/v2/user/positions", "symbol=ETH-USDT");
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["positionAmt"], "-0.030");
}

TEST(BingxTradingSim, ALimitOrderRestsAndCancelsOnce) {
  Sim sim;
  BingxRest t(sim);
  BingxStream user(t.ws() + "?listenKey=" + t.listen_key());
  ASSERT_TRUE(user.connected()) << user.error();
  auto placed = t.data("POST", kOrderPath,
                       "symbol=BTC-USDT&side=BUY&positionSide=BOTH&type=LIMIT&timeInForce=GTC&quantity=0.002&"
                       "price=50000.0&clientOrderId=th-l1");
  EXPECT_EQ(placed["order"]["status"], "NEW");
  auto open = t.data("GET", "/openApi/swap/v2/trade/openOrders", "symbol=BTC-USDT");
  ASSERT_EQ(open["orders"].size(), 1u) << open.dump();
  EXPECT_EQ(open["orders"][0]["clientOrderId"], "th-l1");
  EXPECT_EQ(open["orders"][0]["price"], "50000.0");
  EXPECT_EQ(open["orders"][0]["origQty"], "0.002");
  EXPECT_EQ(open["orders"][0]["status"], "PENDING");

  auto cancel = t.call("DELETE", kOrderPath, "symbol=BTC-USDT&clientOrderId=th-l1");
  ASSERT_EQ(t.code(cancel), 0) << cancel.body;
  EXPECT_EQ(json::parse(cancel.body)["data"]["order"]["status"], "CANCELLED") << "double L in REST (§7)";
  auto canceled = user.next(3s, [](const json& j) {
    return j.value("e", "") == "ORDER_TRADE_UPDATE" && j["o"].value("x", "") == "CANCELED";
  });
  ASSERT_TRUE(canceled.has_value());
  EXPECT_EQ((*canceled)["o"]["X"], "CANCELED") << "one L on the stream (§9)";

  EXPECT_EQ(t.code(t.call("DELETE", kOrderPath, "symbol=BTC-USDT&clientOrderId=th-l1")), 109422);
  EXPECT_TRUE(t.data("GET", "/openApi/swap/v2/trade/openOrders", "")["orders"].empty());
  EXPECT_EQ(t.code(t.call("GET", kOrderPath, "symbol=BTC-USDT&clientOrderId=th-none")), 109421);
  EXPECT_EQ(t.code(t.call("GET", kOrderPath, "symbol=BTC-USDT&orderId=1800000000000999999")), 109421);
}

TEST(BingxTradingSim, OrderChecksUseTheSection8Codes) {
  Sim sim;
  BingxRest t(sim);
  auto code = [&](const std::string& params) { return t.code(t.call("POST", kOrderPath, params)); };
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.001"), 101400) << "under tradeMinUSDT";
  EXPECT_EQ(code("symbol=BTC-USDT&side=SELL&type=MARKET&quantity=0.002&reduceOnly=true"), 101290);
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=MARKET&quantity=5"), 101204);
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=LIMIT&timeInForce=PostOnly&quantity=0.002&price=200000.0"), 101215);
  EXPECT_EQ(code("symbol=NOPE-USDT&side=BUY&type=MARKET&quantity=0.002"), 109400);
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&positionSide=LONG&type=MARKET&quantity=0.002"), 109400)
      << "one-way mode takes BOTH";
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=STOP_MARKET&quantity=0.002"), 109400);
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=LIMIT&quantity=0.002"), 109400) << "LIMIT without price";
  EXPECT_EQ(code("symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002&clientOrderId=" + std::string(41, 'a')),
            109400);
  // §2: excess decimals are cut, not refused.
  auto r = t.call("POST", kOrderPath, "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.0029");
  ASSERT_EQ(t.code(r), 0) << r.body;
  EXPECT_EQ(json::parse(r.body)["data"]["order"]["executedQty"], "0.002");
}

TEST(BingxTradingSim, ListenKeysExtendExpireAndPushListenKeyExpired) {
  Sim sim({"--speed", "60", "--set", "bingx.listen_key_ttl_ms=800"});
  BingxRest t(sim);
  const auto stream_call = [&](const std::string& method, const std::string& query) {
    return http(method, t.rest() + "/openApi/user/auth/userDataStream" + query, "", {{"X-BX-APIKEY", t.key()}});
  };
  EXPECT_EQ(stream_call("PUT", "").status, 204) << "no listenKey parameter";
  EXPECT_EQ(stream_call("PUT", "?listenKey=" + std::string(64, '0')).status, 404);
  const std::string gone = t.listen_key();
  EXPECT_EQ(stream_call("DELETE", "?listenKey=" + gone).status, 200);
  EXPECT_EQ(stream_call("PUT", "?listenKey=" + gone).status, 404) << "deleted";

  const std::string key = t.listen_key();
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(stream_call("PUT", "?listenKey=" + key).status, 200);
  BingxStream user(t.ws() + "?listenKey=" + key);
  ASSERT_TRUE(user.connected()) << user.error();
  auto expired = user.event("listenKeyExpired");
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ((*expired)["listenKey"], key);
  EXPECT_GT((*expired)["E"].get<std::int64_t>(), 0);
  // Account events stop on that key; the socket may stay open (§9).
  ASSERT_EQ(t.code(t.call("POST", kOrderPath, "symbol=BTC-USDT&side=BUY&type=MARKET&quantity=0.002")), 0);
  EXPECT_FALSE(user.event("ORDER_TRADE_UPDATE", 1s).has_value());
  BingxStream late(t.ws() + "?listenKey=" + key);
  EXPECT_FALSE(late.connected());
  EXPECT_NE(late.error().find("404"), std::string::npos) << late.error();
}

TEST(BingxTradingSim, StateSurvivesARestartWithStateDir) {
  TempDir dir;
  const std::vector<std::string> args = {"--speed", "60", "--state-dir", dir.path().string()};
  const std::string order = "symbol=ETH-USDT&side=SELL&type=MARKET&quantity=0.050&clientOrderId=th-keep";
  {
    Sim sim(args);
    BingxRest t(sim);
    ASSERT_EQ(t.code(t.call("POST", kOrderPath, order)), 0);
    EXPECT_EQ(sim.process.stop(SIGTERM, 2s), 0);
  }
  Sim again(args);
  BingxRest t(again);
  auto positions = t.data("GET", "/openApi/swap/v2/user/positions", "");
  ASSERT_EQ(positions.size(), 1u) << positions.dump();
  EXPECT_EQ(positions[0]["symbol"], "ETH-USDT");
  EXPECT_EQ(positions[0]["positionAmt"], "-0.050");
  EXPECT_EQ(t.code(t.call("POST", kOrderPath, order)), 101481) << "the used client id survives too";
  auto query = t.data("GET", kOrderPath, "symbol=ETH-USDT&clientOrderId=th-keep");
  EXPECT_EQ(query["order"]["status"], "FILLED");
}

TEST(BingxTradingSim, RestFaultsAnswerInBingxFormatWithRetryAfter) {
  Sim sim;
  BingxRest t(sim);
  set(sim, "bingx.fault_retry_after_s", 9);
  set(sim, "bingx.fault_rest_status", 429);
  auto limited = http("GET", t.rest() + "/openApi/swap/v2/server/time");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.headers["retry-after"], "9");
  auto body = json::parse(limited.body, nullptr, false);
  EXPECT_EQ(body["code"], 109429);
  EXPECT_EQ(body["msg"], "Too many requests, please try again later");
  EXPECT_TRUE(body["data"].is_object());
  set(sim, "bingx.fault_rest_status", 418);
  auto banned = http("GET", t.rest() + "/openApi/swap/v2/server/time");
  EXPECT_EQ(banned.status, 418);
  EXPECT_NE(json::parse(banned.body)["msg"].get<std::string>().find("banned"), std::string::npos) << banned.body;
  set(sim, "bingx.fault_rest_status", 0);
  EXPECT_EQ(http("GET", t.rest() + "/openApi/swap/v2/server/time").status, 200);
}

TEST(BingxTradingSim, IgnoredPongsEndInThePongTimeout) {
  Sim sim({"--speed", "60", "--set", "bingx.ping_interval_ms=100", "--set", "bingx.pong_timeout_ms=800", "--faults",
           "bingx.fault_ignore_pongs=1"});
  BingxRest t(sim);
  BingxStream market(t.ws());
  BingxStream user(t.ws() + "?listenKey=" + t.listen_key());
  ASSERT_TRUE(market.connected());
  ASSERT_TRUE(user.connected()) << user.error();
  market.drain(2500ms);  // answers every Ping with Pong, which the fault hides
  user.drain(500ms);
  for (BingxStream* s : {&market, &user}) {
    EXPECT_TRUE(s->ws().closed());
    EXPECT_EQ(s->ws().close_code(), 1008);
    EXPECT_EQ(s->ws().close_reason(), "Pong timeout");
  }
}

TEST(BingxTradingSim, AnsweredPongsKeepTheUserStreamOpen) {
  Sim sim({"--speed", "60", "--set", "bingx.ping_interval_ms=100", "--set", "bingx.pong_timeout_ms=800"});
  BingxRest t(sim);
  BingxStream user(t.ws() + "?listenKey=" + t.listen_key());
  ASSERT_TRUE(user.connected()) << user.error();
  user.drain(2s);
  EXPECT_FALSE(user.ws().closed());
}

TEST(BingxTradingSim, SubAcksCanBeDelayed) {
  Sim sim({"--speed", "60", "--faults", "bingx.fault_ack_delay_ms=800"});
  BingxStream market(sim.ws("bingx"));
  ASSERT_TRUE(market.connected());
  const auto sent = std::chrono::steady_clock::now();
  market.ws().send_text(R"({"id":"a1","reqType":"sub","dataType":"BTC-USDT@bookTicker"})");
  auto ack = market.next(3s, [](const json& j) { return j.value("id", "") == "a1"; });
  ASSERT_TRUE(ack.has_value()) << "the delayed ack is still a gzip binary frame";
  EXPECT_EQ((*ack)["code"], 0);
  EXPECT_GE(std::chrono::steady_clock::now() - sent, 750ms);
}

TEST(BingxTradingSim, MalformedFramesAreTruncatedGzip) {
  Sim sim({"--speed", "60", "--faults", "bingx.fault_malformed_every=2"});
  BingxStream market(sim.ws("bingx"));
  ASSERT_TRUE(market.connected());
  market.ws().send_text(R"({"id":"m1","reqType":"sub","dataType":"BTC-USDT@bookTicker"})");
  int good = 0;
  market.next(3s, [&](const json& j) { return j.value("dataType", "") == "BTC-USDT@bookTicker" && ++good >= 3; });
  EXPECT_GE(good, 3);
  EXPECT_GT(market.corrupt(), 0);
}

}  // namespace
}  // namespace tradehost::test
