// exchange-sim's Binance USD-M side, seen from a plain WebSocket/HTTP client
// (protocols/binance.md §1, §4, §5, §6).
#include <gtest/gtest.h>

#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// Reads frames until `pred` holds for one (parsed as JSON), up to `timeout`.
std::optional<json> read_until(WsClient& ws, std::chrono::milliseconds timeout, const std::function<bool(const json&)>& pred) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto f = ws.read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
    if (!f) continue;
    auto j = json::parse(f->data, nullptr, false);
    if (!j.is_discarded() && pred(j)) return j;
  }
  return std::nullopt;
}

TEST(BinanceSim, RestServesTimeExchangeInfoAndKlines) {
  Sim sim;
  auto time = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/time").body);
  EXPECT_GT(time["serverTime"].get<std::int64_t>(), 1'700'000'000'000);
  auto info = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/exchangeInfo").body);
  ASSERT_EQ(info["symbols"].size(), 3u);
  EXPECT_EQ(info["symbols"][0]["symbol"], "BTCUSDT");
  EXPECT_EQ(info["symbols"][0]["contractType"], "PERPETUAL");
  EXPECT_EQ(info["symbols"][0]["filters"][0]["tickSize"], "0.1");
  auto klines = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=2").body);
  ASSERT_TRUE(klines.is_array());
  ASSERT_GE(klines.size(), 1u);
  EXPECT_EQ(klines[0].size(), 12u);
  EXPECT_EQ(klines[0][6].get<std::int64_t>() - klines[0][0].get<std::int64_t>(), 59'999);
}

TEST(BinanceSim, RestErrorsUseTheVenuesCodes) {
  Sim sim;
  auto missing = http("GET", sim.rest("binance") + "/fapi/v1/klines?interval=1m");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body)["code"], -1102);
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/klines?symbol=NOPEUSDT&interval=1m").body)["code"], -1121);
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/klines?symbol=BTCUSDT&interval=7m").body)["code"], -1120);
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1501").body)["code"],
            -1130);
}

TEST(BinanceSim, SubscribedKlineClosesAboutEverySecondAtSpeed60) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  ws->send_text(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":1})");
  auto ack = read_until(*ws, 2s, [](const json& j) { return j.contains("id"); });
  ASSERT_TRUE(ack.has_value());
  EXPECT_EQ(*ack, json::parse(R"({"result":null,"id":1})"));
  std::vector<json> closed;
  const auto start = std::chrono::steady_clock::now();
  while (closed.size() < 2 && std::chrono::steady_clock::now() - start < 5s) {
    auto k = read_until(*ws, 3s, [](const json& j) { return j.value("e", "") == "kline"; });
    ASSERT_TRUE(k.has_value()) << "no kline pushed";
    EXPECT_EQ((*k)["s"], "BTCUSDT");
    EXPECT_EQ((*k)["k"]["i"], "1m");
    if ((*k)["k"]["x"].get<bool>()) closed.push_back(*k);
  }
  ASSERT_EQ(closed.size(), 2u);
  EXPECT_EQ(closed[1]["k"]["t"].get<std::int64_t>() - closed[0]["k"]["t"].get<std::int64_t>(), 60'000);
  EXPECT_EQ(closed[0]["k"]["T"].get<std::int64_t>(), closed[0]["k"]["t"].get<std::int64_t>() + 59'999);
}

TEST(BinanceSim, AggTradesAnswersFromAnIdTheTradesTheStreamCarried) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(ws, nullptr);
  std::vector<json> streamed;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (streamed.size() < 5 && std::chrono::steady_clock::now() < deadline) {
    auto t = read_until(*ws, 2s, [](const json& j) { return j.value("e", "") == "aggTrade"; });
    if (t) streamed.push_back(*t);
  }
  ASSERT_EQ(streamed.size(), 5u);
  const std::int64_t first = streamed[0]["a"].get<std::int64_t>();
  auto rows = json::parse(
      http("GET", sim.rest("binance") + "/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=" + std::to_string(first) + "&limit=5")
          .body);
  ASSERT_TRUE(rows.is_array());
  ASSERT_EQ(rows.size(), 5u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    // Ids rise by one, and each row is the trade the stream carried under that id.
    EXPECT_EQ(rows[i]["a"].get<std::int64_t>(), first + static_cast<std::int64_t>(i));
    EXPECT_EQ(rows[i]["p"], streamed[i]["p"]);
    EXPECT_EQ(rows[i]["q"], streamed[i]["q"]);
    EXPECT_EQ(rows[i]["T"], streamed[i]["T"]);
    EXPECT_EQ(rows[i]["m"], streamed[i]["m"]);
  }
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/aggTrades?symbol=BTCUSDT&limit=1001").body)["code"],
            -1130);
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/aggTrades?symbol=NOPEUSDT").body)["code"], -1121);
  EXPECT_EQ(json::parse(http("GET", sim.rest("binance") + "/fapi/v1/aggTrades").body)["code"], -1102);
  // Without fromId: the latest trades, oldest first.
  auto latest = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/aggTrades?symbol=BTCUSDT&limit=3").body);
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[1]["a"].get<std::int64_t>(), latest[0]["a"].get<std::int64_t>() + 1);
}

TEST(BinanceSim, CombinedStreamsAreWrappedWithTheStreamName) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/stream?streams=ethusdt@aggTrade/ethusdt@kline_1m");
  ASSERT_NE(ws, nullptr);
  auto trade = read_until(*ws, 3s, [](const json& j) { return j.value("stream", "") == "ethusdt@aggTrade"; });
  ASSERT_TRUE(trade.has_value());
  EXPECT_EQ((*trade)["data"]["e"], "aggTrade");
  EXPECT_TRUE((*trade)["data"]["m"].is_boolean());
  auto kline = read_until(*ws, 3s, [](const json& j) { return j.value("stream", "") == "ethusdt@kline_1m"; });
  ASSERT_TRUE(kline.has_value());
}

TEST(BinanceSim, BookTickerFlowsOnPublicButNotOnMarket) {
  Sim sim;
  auto pub = WsClient::connect(sim.ws("binance") + "/public/ws/btcusdt@bookTicker");
  auto market = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@bookTicker");
  ASSERT_NE(pub, nullptr);
  ASSERT_NE(market, nullptr);
  auto book = read_until(*pub, 3s, [](const json& j) { return j.value("e", "") == "bookTicker"; });
  ASSERT_TRUE(book.has_value());
  EXPECT_LT(std::stod((*book)["b"].get<std::string>()), std::stod((*book)["a"].get<std::string>()));
  EXPECT_FALSE(market->read(1500ms).has_value()) << "a stream on the wrong path must stay silent (§0)";
}

TEST(BinanceSim, TheLegacyPathAcksKlinesThenStaysSilent) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/ws");
  ASSERT_NE(ws, nullptr);
  ws->send_text(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":7})");
  auto ack = read_until(*ws, 2s, [](const json& j) { return j.contains("id"); });
  ASSERT_TRUE(ack.has_value());
  EXPECT_EQ((*ack)["id"], 7);
  EXPECT_FALSE(ws->read(2s).has_value());
}

TEST(BinanceSim, ControlMessagesFollowTheProtocol) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  auto reply = [&](const std::string& text) {
    ws->send_text(text);
    auto j = read_until(*ws, 2s, [](const json& m) { return m.contains("id") || m.contains("error"); });
    return j.value_or(json());
  };
  EXPECT_EQ(reply(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":"a"})")["error"]["msg"],
            "Invalid request: request ID must be an unsigned integer");
  EXPECT_EQ(reply(R"({"method":"SUBSCRIBE","params":["btcusdt@nope"],"id":2})")["error"]["msg"],
            "Invalid request: invalid stream");
  EXPECT_EQ(reply("not json")["error"]["code"], 3);
  EXPECT_EQ(reply(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m","ethusdt@aggTrade"],"id":3})"),
            json::parse(R"({"result":null,"id":3})"));
  EXPECT_EQ(reply(R"({"method":"LIST_SUBSCRIPTIONS","id":4})")["result"],
            json::parse(R"(["btcusdt@kline_1m","ethusdt@aggTrade"])"));
  EXPECT_EQ(reply(R"({"method":"UNSUBSCRIBE","params":["ethusdt@aggTrade"],"id":5})")["result"], nullptr);
  EXPECT_EQ(reply(R"({"method":"GET_PROPERTY","params":["combined"],"id":6})")["result"], false);
  EXPECT_EQ(reply(R"({"method":"SET_PROPERTY","params":["combined",true],"id":7})")["result"], nullptr);
  EXPECT_EQ(reply(R"({"method":"FROB","id":8})")["error"]["code"], 2);
}

TEST(BinanceSim, TooManyIncomingMessagesCloseTheConnection) {
  Sim sim({"--speed", "60", "--set", "binance.max_incoming_per_s=3"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  for (int i = 1; i <= 5; ++i) ws->send_text(R"({"method":"LIST_SUBSCRIPTIONS","id":)" + std::to_string(i) + "}");
  while (ws->read(2s)) {
  }
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 1008);
  EXPECT_EQ(ws->close_reason(), "Too many requests");
}

TEST(BinanceSim, SubscriptionsOverTheCapAreRefused) {
  Sim sim({"--speed", "60", "--set", "binance.max_streams_per_connection=2"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  ws->send_text(R"({"method":"SUBSCRIBE","params":["btcusdt@kline_1m","btcusdt@kline_5m","btcusdt@kline_15m"],"id":1})");
  auto r = read_until(*ws, 2s, [](const json& j) { return j.contains("id"); });
  ASSERT_TRUE(r.has_value());
  EXPECT_NE((*r)["error"]["msg"].get<std::string>().find("too many streams"), std::string::npos);
}

TEST(BinanceSim, ServerPingsAndClosesAConnectionThatNeverPongs) {
  Sim sim({"--speed", "60", "--set", "binance.ping_interval_ms=200", "--set", "binance.pong_timeout_ms=1500"});
  // A reading client answers pings (Beast pongs automatically) and stays open.
  auto reader = WsClient::connect(sim.ws("binance") + "/market/ws");
  // A client that never reads never pongs.
  auto silent = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(reader, nullptr);
  ASSERT_NE(silent, nullptr);
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < 2500ms) reader->read(100ms);
  EXPECT_GE(reader->pings_received(), 5);
  EXPECT_FALSE(reader->closed());
  while (silent->read(1s)) {
  }
  EXPECT_TRUE(silent->closed());
  EXPECT_EQ(silent->close_code(), 1008);
}

TEST(BinanceSim, ConnectionsEndAtTheirLifetime) {
  Sim sim({"--speed", "60", "--set", "binance.max_lifetime_ms=800"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@kline_1m");
  ASSERT_NE(ws, nullptr);
  const auto start = std::chrono::steady_clock::now();
  while (!ws->closed() && std::chrono::steady_clock::now() - start < 3s) ws->read(200ms);
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 1001);
}

TEST(BinanceSim, ControlDropEndsConnectionsWithoutACloseFrame) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@kline_1m");
  ASSERT_NE(ws, nullptr);
  auto r = http("POST", sim.control() + "/drop?venue=binance");
  EXPECT_EQ(json::parse(r.body)["dropped"], 1);
  while (ws->read(1s)) {
  }
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 0);
}

TEST(BinanceSim, UnknownStreamsInTheUrlRefuseTheHandshake) {
  Sim sim;
  std::string error;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@nope", &error);
  EXPECT_EQ(ws, nullptr);
  EXPECT_NE(error.find("400"), std::string::npos) << error;
}

}  // namespace
}  // namespace tradehost::test
