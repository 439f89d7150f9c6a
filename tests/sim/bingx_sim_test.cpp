// exchange-sim's BingX swap side, seen from a plain WebSocket/HTTP client that gunzips every
// server frame (protocols/bingx.md §2-§6).
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <thread>

#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

// A /swap-market client: every server frame must be binary gzip (§4); `Ping` is answered with
// `Pong` unless told otherwise.
class BingxClient {
 public:
  explicit BingxClient(const std::string& url, bool answer_pings = true)
      : ws_(WsClient::connect(url)), answer_pings_(answer_pings) {}

  bool connected() const { return ws_ != nullptr; }
  WsClient& ws() { return *ws_; }
  void send(const std::string& text) { ws_->send_text(text); }
  void sub(const std::string& id, const std::string& data_type) {
    send(json{{"id", id}, {"reqType", "sub"}, {"dataType", data_type}}.dump());
  }
  void unsub(const std::string& id, const std::string& data_type) {
    send(json{{"id", id}, {"reqType", "unsub"}, {"dataType", data_type}}.dump());
  }

  // The next frame's gunzipped text, or nullopt on timeout or close.
  std::optional<std::string> next_text(std::chrono::milliseconds timeout) {
    auto f = ws_->read(timeout);
    if (!f) return std::nullopt;
    ++frames_;
    EXPECT_TRUE(f->binary) << "a text frame from the server: " << f->data;
    std::string text;
    try {
      text = gunzip(f->data);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not gzip: " << e.what();
      return std::string();
    }
    if (text == "Ping") {
      ++pings_;
      if (answer_pings_) send("Pong");
    }
    return text;
  }

  // Frames until one parses as JSON and satisfies `pred`, up to `timeout`.
  std::optional<json> next_json(std::chrono::milliseconds timeout,
                                const std::function<bool(const json&)>& pred) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && !ws_->closed()) {
      auto text = next_text(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!text) continue;
      auto j = json::parse(*text, nullptr, false);
      if (!j.is_discarded() && pred(j)) return j;
    }
    return std::nullopt;
  }

  // The reply (a frame with `id`) to the request sent last.
  json reply(std::chrono::milliseconds timeout = 2s) {
    return next_json(timeout, [](const json& j) { return j.contains("id"); }).value_or(json());
  }

  int pings() const { return pings_; }
  int frames() const { return frames_; }

 private:
  std::unique_ptr<WsClient> ws_;
  bool answer_pings_;
  int pings_ = 0;
  int frames_ = 0;
};

auto data_type_is(const std::string& dt) {
  return [dt](const json& j) { return j.value("dataType", "") == dt; };
}

json get(const std::string& url) {
  auto r = http("GET", url);
  EXPECT_EQ(r.status, 200) << url << " " << r.body;
  return json::parse(r.body, nullptr, false);
}

TEST(BingxSim, ReadyLineNamesRestAndTheSwapMarketWebSocket) {
  Sim sim;
  ASSERT_TRUE(sim.ready["venues"].contains("bingx")) << sim.ready.dump();
  EXPECT_EQ(sim.rest("bingx").rfind("http://127.0.0.1:", 0), 0u);
  const std::string ws = sim.ws("bingx");
  EXPECT_EQ(ws.rfind("ws://127.0.0.1:", 0), 0u);
  const std::string path = "/swap-market";
  ASSERT_GT(ws.size(), path.size());
  EXPECT_EQ(ws.substr(ws.size() - path.size()), path);
}

TEST(BingxSim, RestServesServerTimeInTheEnvelope) {
  Sim sim;
  auto time = get(sim.rest("bingx") + "/openApi/swap/v2/server/time");
  EXPECT_EQ(time["code"], 0);
  EXPECT_EQ(time["msg"], "");
  EXPECT_GT(time["data"]["serverTime"].get<std::int64_t>(), 1'700'000'000'000);
}

TEST(BingxSim, RestListsEveryContract) {
  Sim sim;
  auto list = get(sim.rest("bingx") + "/openApi/swap/v2/quote/contracts");
  EXPECT_EQ(list["code"], 0);
  ASSERT_EQ(list["data"].size(), 3u);
  const json& btc = list["data"][0];
  EXPECT_EQ(btc["symbol"], "BTC-USDT");
  EXPECT_EQ(btc["asset"], "BTC");
  EXPECT_EQ(btc["currency"], "USDT");
  EXPECT_EQ(btc["pricePrecision"], 1);
  EXPECT_EQ(btc["quantityPrecision"], 3);
  EXPECT_TRUE(btc["contractId"].is_string());
  EXPECT_TRUE(btc["tradeMinQuantity"].is_number());
  EXPECT_TRUE(btc["tradeMinUSDT"].is_number());
  EXPECT_EQ(btc["status"], 1);
  EXPECT_EQ(btc["apiStateOpen"], "true");
  EXPECT_EQ(btc["apiStateClose"], "true");
  EXPECT_GT(btc["maxLongLeverage"].get<int>(), 1);
  EXPECT_EQ(list["data"][2]["symbol"], "SOL-USDT");
  auto one = get(sim.rest("bingx") + "/openApi/swap/v2/quote/contracts?symbol=ETH-USDT");
  ASSERT_EQ(one["data"].size(), 1u);
  EXPECT_EQ(one["data"][0]["symbol"], "ETH-USDT");
}

TEST(BingxSim, RestKlinesAreOldestFirstAndIncludeTheOpenBar) {
  Sim sim({"--speed", "600"});
  for (const char* version : {"v3", "v2"}) {
    auto k = get(sim.rest("bingx") + "/openApi/swap/" + version +
                 "/quote/klines?symbol=BTC-USDT&interval=1m&limit=3");
    EXPECT_EQ(k["code"], 0);
    ASSERT_TRUE(k["data"].is_array()) << k.dump();
    ASSERT_GE(k["data"].size(), 1u);
    ASSERT_LE(k["data"].size(), 3u);
    for (const auto& bar : k["data"]) {
      for (const char* field : {"open", "close", "high", "low", "volume"}) {
        EXPECT_TRUE(bar[field].is_string()) << field;
      }
      EXPECT_EQ(bar["time"].get<std::int64_t>() % 60'000, 0);
    }
    for (std::size_t i = 1; i < k["data"].size(); ++i) {
      EXPECT_EQ(
          k["data"][i]["time"].get<std::int64_t>() - k["data"][i - 1]["time"].get<std::int64_t>(),
          60'000);
    }
    const auto now = get(sim.rest("bingx") + "/openApi/swap/v2/server/time")["data"]["serverTime"]
                         .get<std::int64_t>();
    EXPECT_GE(k["data"].back()["time"].get<std::int64_t>() + 2 * 60'000, now)
        << "the open bar is listed last";
  }
}

TEST(BingxSim, RestKlinesHonourStartAndEndTime) {
  Sim sim({"--speed", "600", "--start-ms", "1767225600000"});
  const std::string base =
      sim.rest("bingx") + "/openApi/swap/v3/quote/klines?symbol=ETH-USDT&interval=1m";
  json k;
  for (int i = 0; i < 100; ++i) {  // five minutes take 0.5 s at speed 600
    k = get(base + "&startTime=1767225660000&endTime=1767225840000");
    if (k["data"].size() == 4) break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(k["data"].size(), 4u) << k.dump();
  EXPECT_EQ(k["data"][0]["time"], 1767225660000);
  EXPECT_EQ(k["data"][3]["time"], 1767225840000);
  auto limited = get(base + "&startTime=1767225660000&limit=2");
  ASSERT_EQ(limited["data"].size(), 2u);
  EXPECT_EQ(limited["data"][1]["time"], 1767225720000);
}

TEST(BingxSim, RestErrorsAreBusinessCodesWithHttp200) {
  Sim sim;
  const std::string base = sim.rest("bingx") + "/openApi/swap/v3/quote/klines";
  for (const char* query :
       {"?symbol=NOPE-USDT&interval=1m", "?symbol=BTCUSDT&interval=1m",
        "?symbol=BTC-USDT&interval=7m", "?interval=1m", "?symbol=BTC-USDT",
        "?symbol=BTC-USDT&interval=1m&limit=1441", "?symbol=BTC-USDT&interval=1m&startTime=x"}) {
    auto r = http("GET", base + query);
    EXPECT_EQ(r.status, 200) << query;
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_EQ(j["code"], 109400) << query;
    EXPECT_FALSE(j["msg"].get<std::string>().empty()) << query;
  }
  EXPECT_NE(json::parse(http("GET", base + "?symbol=NOPE-USDT&interval=1m").body)["msg"]
                .get<std::string>()
                .find("NOPE-USDT"),
            std::string::npos);
  EXPECT_EQ(get(sim.rest("bingx") + "/openApi/swap/v2/quote/contracts?symbol=NOPE-USDT")["code"],
            109400);
  EXPECT_EQ(http("GET", sim.rest("bingx") + "/openApi/swap/v9/nothing").status, 404);
}

TEST(BingxSim, EveryServerFrameIsBinaryGzip) {
  Sim sim({"--speed", "60", "--set", "bingx.ping_interval_ms=200"});
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("1", "BTC-USDT@trade");
  c.sub("2", "BTC-USDT@bookTicker");
  c.sub("3", "BTC-USDT@kline_1m");
  c.sub("4", "BTC-USDT@nope");
  c.send("not json");
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < 1500ms) c.next_text(100ms);
  EXPECT_GT(c.frames(), 10);
  EXPECT_GE(c.pings(), 3);
  // BingxClient flags every text frame and every frame that does not gunzip.
}

TEST(BingxSim, SubAckEchoesTheIdWithTheCurrentLayout) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("e0b6c7a2-1f4d-4f7e-9d1c-3b2a8c9d0e1f", "BTC-USDT@kline_1m");
  EXPECT_EQ(
      c.reply(),
      json::parse(
          R"({"id":"e0b6c7a2-1f4d-4f7e-9d1c-3b2a8c9d0e1f","code":0,"msg":"","dataType":"","data":null})"));
  c.sub("again", "BTC-USDT@kline_1m");
  EXPECT_EQ(c.reply()["code"], 0) << "a repeated sub is acked";
}

TEST(BingxSim, KlineBarAdvancesEverySecondAtSpeed60AfterTheOldBarsFinalState) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("k", "BTC-USDT@kline_1m");
  ASSERT_EQ(c.reply()["code"], 0);
  std::vector<json> frames;
  std::vector<std::size_t> rolls;  // indexes of frames whose T is larger than the one before
  const auto start = std::chrono::steady_clock::now();
  while (rolls.size() < 3 && std::chrono::steady_clock::now() - start < 6s) {
    auto k = c.next_json(2s, data_type_is("BTC-USDT@kline_1m"));
    ASSERT_TRUE(k.has_value()) << "no kline pushed";
    EXPECT_EQ((*k)["code"], 0);
    EXPECT_EQ((*k)["s"], "BTC-USDT");
    ASSERT_EQ((*k)["data"].size(), 1u);
    for (const char* f : {"o", "h", "l", "c", "v"}) {
      EXPECT_TRUE((*k)["data"][0][f].is_string()) << f;
    }
    if (!frames.empty()) {
      const auto prev_t = frames.back()["data"][0]["T"].get<std::int64_t>();
      const auto t = (*k)["data"][0]["T"].get<std::int64_t>();
      EXPECT_GE(t, prev_t) << "T never goes back";
      if (t > prev_t) {
        EXPECT_EQ(t - prev_t, 60'000);
        rolls.push_back(frames.size());
      }
    }
    frames.push_back(*k);
  }
  ASSERT_EQ(rolls.size(), 3u) << "at speed 60 a 1m bar rolls about every second";
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  // The frame before each roll carries the old bar's final state, exactly as REST has it.
  for (std::size_t roll : rolls) {
    const json last_of_old = frames[roll - 1]["data"][0];
    const auto old_t = last_of_old["T"].get<std::int64_t>();
    auto rest = get(sim.rest("bingx") +
                    "/openApi/swap/v3/quote/klines?symbol=BTC-USDT&interval=1m&startTime=" +
                    std::to_string(old_t) + "&endTime=" + std::to_string(old_t));
    ASSERT_EQ(rest["data"].size(), 1u) << rest.dump();
    const json& bar = rest["data"][0];
    EXPECT_EQ(last_of_old["o"], bar["open"]);
    EXPECT_EQ(last_of_old["h"], bar["high"]);
    EXPECT_EQ(last_of_old["l"], bar["low"]);
    EXPECT_EQ(last_of_old["c"], bar["close"]);
    EXPECT_EQ(last_of_old["v"], bar["volume"]);
  }
}

TEST(BingxSim, TradeFramesAreNewestFirstAndMMeansTheTakerSold) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("t", "ETH-USDT@trade");
  c.sub("b", "ETH-USDT@bookTicker");
  // The market prints a taker buy at the ask and a taker sell at the bid; a step's trades come
  // right before that step's book ticker, whose T is the step time.
  int checked = 0;
  bool seen_maker_buyer = false, seen_taker_buyer = false;
  std::optional<json> pending;
  // Trade frames that came before the book ticker subscription took effect have no book frame
  // after them (seen under AddressSanitizer): pairs count from the first book frame on.
  bool book_live = false;
  const auto start = std::chrono::steady_clock::now();
  while (checked < 20 && std::chrono::steady_clock::now() - start < 5s) {
    auto j = c.next_json(2s, [](const json& m) {
      return m.contains("dataType") && !m["dataType"].get<std::string>().empty();
    });
    ASSERT_TRUE(j.has_value());
    if ((*j)["dataType"] != "ETH-USDT@trade" && !book_live) {
      book_live = true;
      pending.reset();
      continue;
    }
    if ((*j)["dataType"] == "ETH-USDT@trade") {
      const json& data = (*j)["data"];
      ASSERT_TRUE(data.is_array());
      ASSERT_FALSE(data.empty());
      for (std::size_t i = 0; i < data.size(); ++i) {
        const json& t = data[i];
        EXPECT_TRUE(t["q"].is_string());
        EXPECT_TRUE(t["p"].is_string());
        EXPECT_TRUE(t["m"].is_boolean());
        EXPECT_EQ(t["s"], "ETH-USDT");
        EXPECT_FALSE(t.contains("t")) << "USDT-M trades carry no id (§5)";
        if (i > 0) {
          EXPECT_LE(t["T"].get<std::int64_t>(), data[i - 1]["T"].get<std::int64_t>())
              << "newest first";
        }
      }
      pending = *j;
    } else if (pending) {
      const json& book = (*j)["data"];
      const json& trades = (*pending)["data"];
      ASSERT_EQ(trades.back()["T"], book["T"]) << "the oldest trade of a step has the step's time";
      for (const auto& t : trades) {
        const bool maker_buyer = t["m"].get<bool>();
        EXPECT_EQ(t["p"], maker_buyer ? book["b"] : book["a"]) << t.dump() << " " << book.dump();
        (maker_buyer ? seen_maker_buyer : seen_taker_buyer) = true;
      }
      ++checked;
      pending.reset();
    }
  }
  EXPECT_EQ(checked, 20);
  EXPECT_TRUE(seen_maker_buyer);
  EXPECT_TRUE(seen_taker_buyer);
}

TEST(BingxSim, BookTickerHasTheDocumentedLayoutAndBidBelowAsk) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("b", "BTC-USDT@bookTicker");
  std::int64_t last_u = 0;
  for (int i = 0; i < 5; ++i) {
    auto j = c.next_json(2s, data_type_is("BTC-USDT@bookTicker"));
    ASSERT_TRUE(j.has_value());
    EXPECT_EQ((*j)["code"], 0);
    const json& d = (*j)["data"];
    EXPECT_EQ(d["e"], "bookTicker");
    EXPECT_EQ(d["s"], "BTC-USDT");
    EXPECT_TRUE(d["E"].is_number_integer());
    EXPECT_TRUE(d["T"].is_number_integer());
    for (const char* f : {"b", "B", "a", "A"}) EXPECT_TRUE(d[f].is_string()) << f;
    EXPECT_LT(std::stod(d["b"].get<std::string>()), std::stod(d["a"].get<std::string>()));
    EXPECT_GT(d["u"].get<std::int64_t>(), last_u);
    last_u = d["u"].get<std::int64_t>();
  }
}

TEST(BingxSim, PingIsGzippedAndOnlyClientsThatAnswerPongStayOpen) {
  Sim sim({"--speed", "60", "--set", "bingx.ping_interval_ms=200", "--set",
           "bingx.pong_timeout_ms=1000"});
  BingxClient ponger(sim.ws("bingx"), true);
  BingxClient silent(sim.ws("bingx"), false);
  ASSERT_TRUE(ponger.connected());
  ASSERT_TRUE(silent.connected());
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < 2500ms) {
    ponger.next_text(50ms);
    silent.next_text(50ms);
  }
  EXPECT_GE(ponger.pings(), 5);
  EXPECT_FALSE(ponger.ws().closed());
  EXPECT_TRUE(silent.ws().closed());
  EXPECT_GE(silent.pings(), 2) << "the silent client was pinged before it was closed";
  EXPECT_EQ(silent.ws().close_code(), 1008);
  EXPECT_EQ(silent.ws().close_reason(), "Pong timeout");
}

TEST(BingxSim, UnknownSymbolsAndDataTypesGet80015) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  for (const char* dt : {"BTC-USDT@nope", "NOPE-USDT@trade", "BTC-USDT@kline_7m", "btc-usdt@trade",
                         "BTC-USDT@depth5@500ms"}) {
    c.sub(std::string("x-") + dt, dt);
    auto r = c.reply();
    EXPECT_EQ(r["id"], std::string("x-") + dt);
    EXPECT_EQ(r["code"], 80015) << dt;
    EXPECT_EQ(r["dataType"], "") << "an error is a control reply (§4)";
    EXPECT_NE(r["msg"].get<std::string>().find(dt), std::string::npos) << r.dump();
  }
}

TEST(BingxSim, BadRequestsGet100400AndTheConnectionStaysOpen) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.send("not json");
  EXPECT_EQ(c.reply()["code"], 100400);
  c.send(R"({"id":"q","reqType":"frob","dataType":"BTC-USDT@trade"})");
  auto r = c.reply();
  EXPECT_EQ(r["code"], 100400);
  EXPECT_EQ(r["id"], "q");
  c.sub("ok", "BTC-USDT@trade");
  EXPECT_EQ(c.reply()["code"], 0);
}

TEST(BingxSim, SubscriptionsOverTheTopicCapGet80403) {
  Sim sim({"--speed", "60", "--set", "bingx.max_topics_per_connection=2"});
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("1", "BTC-USDT@kline_1m");
  EXPECT_EQ(c.reply()["code"], 0);
  c.sub("2", "BTC-USDT@kline_5m");
  EXPECT_EQ(c.reply()["code"], 0);
  c.sub("3", "BTC-USDT@kline_15m");
  auto r = c.reply();
  EXPECT_EQ(r["code"], 80403);
  EXPECT_EQ(r["id"], "3");
  c.sub("4", "BTC-USDT@kline_1m");
  EXPECT_EQ(c.reply()["code"], 0) << "re-subscribing a topic adds nothing";
  c.unsub("5", "BTC-USDT@kline_5m");
  EXPECT_EQ(c.reply()["code"], 0);
  c.sub("6", "BTC-USDT@kline_15m");
  EXPECT_EQ(c.reply()["code"], 0);
}

TEST(BingxSim, RequestsOverTheRateLimitGet100410AndAreIgnored) {
  Sim sim({"--speed", "60", "--set", "bingx.max_sub_per_s=3"});
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  const char* topics[] = {"BTC-USDT@kline_1m", "BTC-USDT@kline_5m", "BTC-USDT@kline_15m",
                          "ETH-USDT@trade", "SOL-USDT@trade"};
  for (int i = 0; i < 5; ++i) c.sub(std::to_string(i), topics[i]);
  std::map<std::string, int> codes;
  for (int i = 0; i < 5; ++i) {
    auto r = c.reply();
    codes[r["id"].get<std::string>()] = r["code"].get<int>();
  }
  EXPECT_EQ(codes, (std::map<std::string, int>{
                       {"0", 0}, {"1", 0}, {"2", 0}, {"3", 100410}, {"4", 100410}}));
  // The refused subscriptions were not made: no trade of ETH or SOL arrives.
  EXPECT_FALSE(c.next_json(1500ms, [](const json& j) {
                  return j.value("dataType", "").find("@trade") != std::string::npos;
                }).has_value());
  EXPECT_FALSE(c.ws().closed());
}

TEST(BingxSim, UnsubStopsThePushes) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  c.sub("s", "BTC-USDT@trade");
  ASSERT_EQ(c.reply()["code"], 0);
  ASSERT_TRUE(c.next_json(3s, data_type_is("BTC-USDT@trade")).has_value());
  c.unsub("u", "BTC-USDT@trade");
  auto ack = c.next_json(2s, [](const json& j) { return j.contains("id"); });
  ASSERT_TRUE(ack.has_value());
  EXPECT_EQ((*ack)["id"], "u");
  EXPECT_EQ((*ack)["code"], 0);
  EXPECT_FALSE(c.next_json(1500ms, data_type_is("BTC-USDT@trade")).has_value())
      << "no push after the unsub ack";
}

TEST(BingxSim, ControlDropEndsConnectionsWithoutACloseFrame) {
  Sim sim;
  BingxClient c(sim.ws("bingx"));
  ASSERT_TRUE(c.connected());
  auto r = http("POST", sim.control() + "/drop?venue=bingx");
  EXPECT_EQ(json::parse(r.body)["dropped"], 1);
  while (c.next_text(1s)) {
  }
  EXPECT_TRUE(c.ws().closed());
  EXPECT_EQ(c.ws().close_code(), 0);
}

TEST(BingxSim, OtherWebSocketPathsAreRefused) {
  Sim sim;
  const std::string ws = sim.ws("bingx");
  const std::string root = ws.substr(0, ws.size() - std::string("/swap-market").size());
  std::string error;
  EXPECT_EQ(WsClient::connect(root + "/market", &error), nullptr);
  EXPECT_NE(error.find("404"), std::string::npos) << error;
}

}  // namespace
}  // namespace tradehost::test
