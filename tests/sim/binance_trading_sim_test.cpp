// exchange-sim's Binance private side: signatures, orders, idempotent client ids, the user data
// stream and state across restarts (protocols/binance.md §7-§9).
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/signing.hpp"
#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

class BinanceTrading {
 public:
  explicit BinanceTrading(const Sim& sim) : rest_(sim.rest("binance")), ws_(sim.ws("binance")) {
    key_ = sim.ready["venues"]["binance"]["account"]["api_key"];
    secret_ = sim.ready["venues"]["binance"]["account"]["secret"];
  }
  std::int64_t server_time() const {
    return json::parse(http("GET", rest_ + "/fapi/v1/time").body)["serverTime"].get<std::int64_t>();
  }
  // A signed request with every parameter in the query string (§7).
  HttpReply call(const std::string& method, const std::string& path, std::string params,
                 const std::string& secret = "", std::int64_t ts_offset_ms = 0) {
    params += (params.empty() ? "" : "&") + std::string("timestamp=") + std::to_string(server_time() + ts_offset_ms);
    const std::string sig = hmac_hex(secret.empty() ? secret_ : secret, params);
    return http(method, rest_ + path + "?" + params + "&signature=" + sig, "", {{"X-MBX-APIKEY", key_}});
  }
  std::string listen_key() {
    return json::parse(http("POST", rest_ + "/fapi/v1/listenKey", "", {{"X-MBX-APIKEY", key_}}).body)["listenKey"];
  }
  const std::string& ws() const { return ws_; }
  const std::string& key() const { return key_; }
  const std::string& rest() const { return rest_; }

 private:
  std::string rest_, ws_, key_, secret_;
};

std::optional<json> read_event(WsClient& ws, const std::string& type, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto f = ws.read(100ms);
    if (!f) continue;
    auto j = json::parse(f->data, nullptr, false);
    if (!j.is_discarded() && j.value("e", "") == type) return j;
  }
  return std::nullopt;
}

TEST(BinanceTradingSim, ACorrectlySignedOrderFillsAndAppearsInTheUserStream) {
  Sim sim;
  BinanceTrading t(sim);
  auto user = WsClient::connect(t.ws() + "/private/ws?listenKey=" + t.listen_key());
  ASSERT_NE(user, nullptr);
  auto r = t.call("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002&newClientOrderId=th-0001");
  ASSERT_EQ(r.status, 200) << r.body;
  auto ack = json::parse(r.body);
  EXPECT_EQ(ack["clientOrderId"], "th-0001");
  EXPECT_EQ(ack["status"], "NEW");
  auto trade = read_event(*user, "ORDER_TRADE_UPDATE", 3s);
  while (trade && (*trade)["o"]["x"] != "TRADE") trade = read_event(*user, "ORDER_TRADE_UPDATE", 3s);
  ASSERT_TRUE(trade.has_value());
  EXPECT_EQ((*trade)["o"]["c"], "th-0001");
  EXPECT_EQ((*trade)["o"]["X"], "FILLED");
  EXPECT_EQ((*trade)["o"]["z"], "0.002");
  auto account = read_event(*user, "ACCOUNT_UPDATE", 3s);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ((*account)["a"]["P"][0]["pa"], "0.002");
  auto query = json::parse(t.call("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=th-0001").body);
  EXPECT_EQ(query["status"], "FILLED");
}

TEST(BinanceTradingSim, AWrongSecretGetsTheSignatureError) {
  Sim sim;
  BinanceTrading t(sim);
  auto r = t.call("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002", "not-the-secret");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["code"], -1022);
}

TEST(BinanceTradingSim, ReplayingAClientOrderIdPlacesNoSecondOrder) {
  Sim sim;
  BinanceTrading t(sim);
  const std::string order = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002&newClientOrderId=th-retry";
  ASSERT_EQ(t.call("POST", "/fapi/v1/order", order).status, 200);
  auto again = t.call("POST", "/fapi/v1/order", order);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(json::parse(again.body)["code"], -4116);
  auto positions = json::parse(t.call("GET", "/fapi/v3/positionRisk", "").body);
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0]["positionAmt"], "0.002");
}

TEST(BinanceTradingSim, StaleTimestampsAndBadKeysAreRefused) {
  Sim sim({"--speed", "1"});  // the sim clock must not run ahead between time read and request
  BinanceTrading t(sim);
  auto stale = t.call("GET", "/fapi/v1/openOrders", "", "", -10'000);
  EXPECT_EQ(json::parse(stale.body)["code"], -1021);
  auto ahead = t.call("GET", "/fapi/v1/openOrders", "", "", 5'000);
  EXPECT_EQ(json::parse(ahead.body)["code"], -1021);
  EXPECT_EQ(json::parse(http("GET", t.rest() + "/fapi/v1/openOrders?timestamp=1").body)["code"], -2014);
  auto unknown = http("GET", t.rest() + "/fapi/v1/openOrders?timestamp=1", "", {{"X-MBX-APIKEY", "nobody"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(unknown.body)["code"], -2015);
}

TEST(BinanceTradingSim, LimitOrdersRestAndCancelOnceByClientId) {
  Sim sim;
  BinanceTrading t(sim);
  auto placed = t.call("POST", "/fapi/v1/order",
                       "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.002&price=50000.0&newClientOrderId=th-l1");
  ASSERT_EQ(placed.status, 200) << placed.body;
  auto open = json::parse(t.call("GET", "/fapi/v1/openOrders", "symbol=BTCUSDT").body);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["clientOrderId"], "th-l1");
  auto cancel = t.call("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=th-l1");
  EXPECT_EQ(json::parse(cancel.body)["status"], "CANCELED");
  EXPECT_EQ(json::parse(t.call("DELETE", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=th-l1").body)["code"], -2011);
  EXPECT_EQ(json::parse(t.call("GET", "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=th-none").body)["code"], -2013);
}

TEST(BinanceTradingSim, OrderValidationUsesTheVenuesCodes) {
  Sim sim;
  BinanceTrading t(sim);
  auto code = [&](const std::string& params) { return json::parse(t.call("POST", "/fapi/v1/order", params).body)["code"]; };
  EXPECT_EQ(code("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.0001"), -1111);
  EXPECT_EQ(code("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001"), -4164);
  EXPECT_EQ(code("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.002&reduceOnly=true"), -2022);
  EXPECT_EQ(code("symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.002"), -4120);
  EXPECT_EQ(code("symbol=NOPEUSDT&side=BUY&type=MARKET&quantity=0.002"), -1121);
  EXPECT_EQ(code("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=500"), -2019);
}

TEST(BinanceTradingSim, ALargeOrderFillsInSeveralPartsAtWorsePrices) {
  Sim sim;
  BinanceTrading t(sim);
  auto user = WsClient::connect(t.ws() + "/private/ws?listenKey=" + t.listen_key());
  ASSERT_NE(user, nullptr);
  auto r = t.call("POST", "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.800&newOrderRespType=RESULT");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "FILLED");
  EXPECT_EQ(json::parse(r.body)["executedQty"], "0.800");
  std::vector<double> prices;
  for (auto e = read_event(*user, "ORDER_TRADE_UPDATE", 2s); e; e = read_event(*user, "ORDER_TRADE_UPDATE", 500ms)) {
    if ((*e)["o"]["x"] == "TRADE") prices.push_back(std::stod((*e)["o"]["L"].get<std::string>()));
  }
  ASSERT_GE(prices.size(), 2u);
  EXPECT_GT(prices.back(), prices.front()) << "each further part takes a worse level";
}

TEST(BinanceTradingSim, ListenKeysAreReusedAndExpireWithAnEvent) {
  Sim sim({"--speed", "60", "--set", "binance.listen_key_ttl_ms=700"});
  BinanceTrading t(sim);
  const std::string key = t.listen_key();
  EXPECT_EQ(t.listen_key(), key) << "a live key is returned again (§1)";
  auto user = WsClient::connect(t.ws() + "/private/ws?listenKey=" + key);
  ASSERT_NE(user, nullptr);
  auto expired = read_event(*user, "listenKeyExpired", 3s);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ((*expired)["listenKey"], key);
  std::string error;
  EXPECT_EQ(WsClient::connect(t.ws() + "/private/ws?listenKey=" + key, &error), nullptr);
  EXPECT_NE(error.find("-1125"), std::string::npos) << error;
}

TEST(BinanceTradingSim, StateSurvivesARestartWithStateDir) {
  TempDir dir;
  const std::vector<std::string> args = {"--speed", "60", "--state-dir", dir.path().string()};
  {
    Sim sim(args);
    BinanceTrading t(sim);
    ASSERT_EQ(t.call("POST", "/fapi/v1/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.050&newClientOrderId=th-keep").status,
              200);
    EXPECT_EQ(sim.process.stop(SIGTERM, 2s), 0);
  }
  Sim again(args);
  BinanceTrading t(again);
  auto positions = json::parse(t.call("GET", "/fapi/v3/positionRisk", "").body);
  ASSERT_EQ(positions.size(), 1u) << positions.dump();
  EXPECT_EQ(positions[0]["positionAmt"], "-0.050");
  auto replay = t.call("POST", "/fapi/v1/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.050&newClientOrderId=th-keep");
  EXPECT_EQ(json::parse(replay.body)["code"], -4116);
}

TEST(BinanceTradingSim, AccountsComeFromTheAccountsFile) {
  TempDir dir;
  const auto file = dir.write("accounts.json",
                              R"([{"venue":"binance","name":"alice","api_key":"alice-key","secret":"alice-secret",)"
                              R"("balance_usdt":"500"}])");
  Sim sim({"--speed", "60", "--accounts", file.string()});
  ASSERT_TRUE(sim.ready.value("ready", false)) << sim.process.stderr_text();
  EXPECT_EQ(sim.ready["venues"]["binance"]["account"]["api_key"], "alice-key");
  BinanceTrading t(sim);
  auto balance = json::parse(t.call("GET", "/fapi/v2/balance", "").body);
  ASSERT_TRUE(balance.is_array()) << balance.dump();
  EXPECT_EQ(balance[0]["balance"], "500.00000000");
  // The default test account no longer exists.
  auto old = http("GET", t.rest() + "/fapi/v2/balance?timestamp=1", "", {{"X-MBX-APIKEY", "sim-binance-key"}});
  EXPECT_EQ(json::parse(old.body)["code"], -2015);
}

TEST(BinanceTradingSim, ABadAccountsFileIsRefusedAtStart) {
  TempDir dir;
  const auto file = dir.write("accounts.json", R"([{"venue":"nowhere","api_key":"k","secret":"s"}])");
  auto r = run_process(kSimBin, {"--accounts", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("venue must be binance, bingx or kucoinfutures"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tradehost::test
