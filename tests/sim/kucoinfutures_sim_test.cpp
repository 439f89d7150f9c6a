// exchange-sim's KuCoin Futures side, seen from a plain WebSocket/HTTP client
// (protocols/kucoinfutures.md §1, §2, §4, §5, §6).
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr const char* kVenue = "kucoinfutures";

// Reads frames until `pred` holds for one (parsed as JSON), up to `timeout`.
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

// Percent-encodes everything but unreserved characters, as ccxt does with the token (§1).
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

json bullet(const Sim& sim) {
  auto r = http("POST", sim.rest(kVenue) + "/api/v1/bullet-public");
  EXPECT_EQ(r.status, 200);
  return json::parse(r.body);
}

std::string connect_url(const Sim& sim, const std::string& connect_id) {
  const json b = bullet(sim);
  const std::string endpoint = b["data"]["instanceServers"][0]["endpoint"].get<std::string>();
  return endpoint + "?token=" + encode(b["data"]["token"].get<std::string>()) + "&connectId=" + connect_id;
}

// A connection past its welcome, or nullptr.
std::unique_ptr<WsClient> open(const Sim& sim, const std::string& connect_id = "th-c-1") {
  auto ws = WsClient::connect(connect_url(sim, connect_id));
  if (!ws) return nullptr;
  auto welcome = read_until(*ws, 2s, [](const json& j) { return is_type(j, "welcome"); });
  return welcome ? std::move(ws) : nullptr;
}

// Sends `text` and returns the next ack, pong or error frame.
json reply(WsClient& ws, const std::string& text) {
  ws.send_text(text);
  auto j =
      read_until(ws, 2s, [](const json& m) { return is_type(m, "ack") || is_type(m, "pong") || is_type(m, "error"); });
  return j.value_or(json());
}

std::string subscribe(const std::string& id, const std::string& topic, bool response = true) {
  return json{{"id", id}, {"type", "subscribe"}, {"topic", topic}, {"privateChannel", false}, {"response", response}}
      .dump();
}

double number(const json& j) { return j.is_string() ? std::stod(j.get<std::string>()) : j.get<double>(); }

TEST(KucoinSim, BulletPublicHandsOutATokenAndThisListenersEndpoint) {
  Sim sim;
  const json b = bullet(sim);
  EXPECT_EQ(b["code"], "200000");
  const std::string token = b["data"]["token"].get<std::string>();
  EXPECT_GE(token.size(), 100u);
  ASSERT_EQ(b["data"]["instanceServers"].size(), 1u);
  const json& server = b["data"]["instanceServers"][0];
  EXPECT_EQ(server["endpoint"], sim.ws(kVenue));
  const std::string rest = sim.rest(kVenue);
  const std::string port = rest.substr(rest.rfind(':') + 1);
  EXPECT_EQ(server["endpoint"], "ws://127.0.0.1:" + port + "/");
  EXPECT_EQ(server["encrypt"], false);
  EXPECT_EQ(server["protocol"], "websocket");
  EXPECT_EQ(server["pingInterval"], 18000);
  EXPECT_EQ(server["pingTimeout"], 10000);
  EXPECT_NE(bullet(sim)["data"]["token"], token) << "a fresh token per bullet";
}

TEST(KucoinSim, ConnectingWithoutATokenFailsTheHandshakeWith401) {
  Sim sim;
  std::string error;
  auto ws = WsClient::connect(sim.ws(kVenue) + "?connectId=x", &error);
  EXPECT_EQ(ws, nullptr);
  EXPECT_EQ(error.rfind("HTTP 401", 0), 0u) << error;
}

TEST(KucoinSim, AnUnknownTokenGetsA401ErrorFrameThenTheClose) {
  Sim sim;
  auto ws = WsClient::connect(sim.ws(kVenue) + "?token=bogus&connectId=th-c-9");
  ASSERT_NE(ws, nullptr) << "an unknown token still upgrades (§1)";
  auto f = ws->read(2s);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(json::parse(f->data),
            json::parse(R"({"id":"th-c-9","type":"error","code":401,"data":"token is invalid"})"));
  EXPECT_FALSE(ws->read(2s).has_value());
  EXPECT_TRUE(ws->closed());
}

TEST(KucoinSim, AUsedTokenReadsExpired) {
  Sim sim;
  const std::string url = connect_url(sim, "first");
  auto first = WsClient::connect(url);
  ASSERT_NE(first, nullptr);
  auto second = WsClient::connect(url);
  ASSERT_NE(second, nullptr);
  auto error = read_until(*second, 2s, [](const json& j) { return is_type(j, "error"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ((*error)["code"], 401);
  EXPECT_EQ((*error)["data"], "token is expired");
}

TEST(KucoinSim, TokensExpireAfterTheirLifetime) {
  Sim sim({"--speed", "60", "--set", "kucoinfutures.token_ttl_ms=300"});
  const std::string url = connect_url(sim, "late");
  std::this_thread::sleep_for(500ms);  // the lifetime is what is under test
  auto ws = WsClient::connect(url);
  ASSERT_NE(ws, nullptr);
  auto error = read_until(*ws, 2s, [](const json& j) { return is_type(j, "error"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ((*error)["data"], "token is expired");
  EXPECT_EQ((*error)["id"], "late");
}

TEST(KucoinSim, TheWelcomeCarriesTheConnectId) {
  Sim sim;
  auto ws = WsClient::connect(connect_url(sim, "th-c-1732441199"));
  ASSERT_NE(ws, nullptr);
  auto f = ws->read(2s);
  ASSERT_TRUE(f.has_value()) << "the welcome is the first frame";
  EXPECT_EQ(json::parse(f->data), json::parse(R"({"id":"th-c-1732441199","type":"welcome"})"));
}

TEST(KucoinSim, AnyConnectIdIsEchoedAsValidJson) {
  Sim sim;
  auto quote = WsClient::connect(connect_url(sim, "a%22b"));
  ASSERT_NE(quote, nullptr);
  auto f = quote->read(2s);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(json::parse(f->data)["id"], "a\"b");
  auto bytes = WsClient::connect(connect_url(sim, "%FF"));  // not UTF-8 once decoded
  ASSERT_NE(bytes, nullptr);
  auto g = bytes->read(2s);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(json::parse(g->data)["type"], "welcome");
}

TEST(KucoinSim, APingGetsAPongWithTheIdAndAMicrosecondTimestamp) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  const json pong = reply(*ws, R"({"id":"1732441218000","type":"ping"})");
  EXPECT_EQ(pong["type"], "pong");
  EXPECT_EQ(pong["id"], "1732441218000");
  const std::int64_t server_ms = json::parse(http("GET", sim.rest(kVenue) + "/api/v1/timestamp").body)["data"];
  const std::int64_t ts_us = pong["timestamp"];
  EXPECT_LT(std::abs(ts_us / 1000 - server_ms), 60'000) << "µs of venue time (speed 60: a second is a minute)";
}

TEST(KucoinSim, SubscribeAcksOnlyWhenResponseIsTrue) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  ws->send_text(subscribe("s1", "/contractMarket/tickerV2:XBTUSDTM", false));
  auto data = read_until(*ws, 3s, [](const json& j) { return is_type(j, "message") || is_type(j, "ack"); });
  ASSERT_TRUE(data.has_value());
  EXPECT_EQ((*data)["type"], "message") << "no ack without response:true";
  EXPECT_EQ(reply(*ws, subscribe("s2", "/contractMarket/execution:XBTUSDTM")),
            json::parse(R"({"id":"s2","type":"ack"})"));
  EXPECT_EQ(reply(*ws, subscribe("s3", "/contractMarket/execution:XBTUSDTM"))["type"], "ack") << "a duplicate is acked";
  EXPECT_EQ(
      reply(*ws, R"({"id":"u1","type":"unsubscribe","topic":"/contractMarket/execution:XBTUSDTM","response":true})"),
      json::parse(R"({"id":"u1","type":"ack"})"));
}

TEST(KucoinSim, AnUnknownSymbolIsAckedAndStaysSilent) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/execution:BTCUSDTM"))["type"], "ack");
  EXPECT_FALSE(read_until(*ws, 1500ms, [](const json& j) { return is_type(j, "message"); }).has_value());
}

TEST(KucoinSim, CandlesRollEverySecondAtSpeed60WithTheOldCandlesFinalStateFirst) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  ws->send_text(subscribe("c1", "/contractMarket/limitCandle:XBTUSDTM_1min", false));
  struct Seen {
    json candles;
    steady::time_point at;
  };
  std::vector<Seen> frames;
  const auto start = steady::now();
  int rolls = 0;
  while (rolls < 3 && steady::now() - start < 6s) {
    auto c = read_until(*ws, 2s, [](const json& j) { return j.value("subject", "") == "candle.stick"; });
    ASSERT_TRUE(c.has_value()) << "no candle pushed";
    EXPECT_EQ((*c)["topic"], "/contractMarket/limitCandle:XBTUSDTM_1min");
    EXPECT_EQ((*c)["data"]["symbol"], "XBTUSDTM");
    const json& k = (*c)["data"]["candles"];
    ASSERT_EQ(k.size(), 7u);
    for (const auto& v : k) ASSERT_TRUE(v.is_string());
    EXPECT_EQ(k[5].get<std::string>(), k[6].get<std::string>() + ".0");
    if (!frames.empty() && k[0] != frames.back().candles[0]) {
      ++rolls;
      EXPECT_EQ(std::stoll(k[0].get<std::string>()) - std::stoll(frames.back().candles[0].get<std::string>()), 60);
    }
    frames.push_back({k, steady::now()});
  }
  ASSERT_EQ(rolls, 3);
  // The last frame of each finished candle is its final state: the REST row for it agrees.
  std::vector<std::pair<json, steady::time_point>> finals, firsts;
  for (std::size_t i = 1; i < frames.size(); ++i) {
    if (frames[i].candles[0] != frames[i - 1].candles[0]) {
      finals.emplace_back(frames[i - 1].candles, frames[i - 1].at);
      firsts.emplace_back(frames[i].candles, frames[i].at);
    }
  }
  for (const auto& [k, at] : finals) {
    const std::int64_t start_ms = std::stoll(k[0].get<std::string>()) * 1000;
    auto rows = json::parse(http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=" +
                                            std::to_string(start_ms) + "&to=" + std::to_string(start_ms))
                                .body)["data"];
    ASSERT_EQ(rows.size(), 1u);
    const json& row = rows[0];  // o-h-l-c over the wire's o-c-h-l
    EXPECT_EQ(number(k[1]), number(row[1])) << "open";
    EXPECT_EQ(number(k[2]), number(row[4])) << "close";
    EXPECT_EQ(number(k[3]), number(row[2])) << "high";
    EXPECT_EQ(number(k[4]), number(row[3])) << "low";
    EXPECT_EQ(std::stoll(k[6].get<std::string>()), row[5].get<std::int64_t>()) << "volume";
  }
  // About a second of real time between rolls at speed 60.
  for (std::size_t i = 1; i < firsts.size(); ++i) {
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(firsts[i].second - firsts[i - 1].second);
    EXPECT_GT(gap.count(), 600);
    EXPECT_LT(gap.count(), 1500);
  }
}

TEST(KucoinSim, ATwoTargetSubscriptionGetsFramesWithOneTargetTopics) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("s1", "/contractMarket/execution:XBTUSDTM,ETHUSDTM"))["type"], "ack");
  std::map<std::string, int> topics;
  const auto start = steady::now();
  while (topics.size() < 2 && steady::now() - start < 4s) {
    auto m = read_until(*ws, 2s, [](const json& j) { return is_type(j, "message"); });
    if (!m) continue;
    ++topics[(*m)["topic"].get<std::string>()];
    const std::string symbol = (*m)["data"]["symbol"];
    EXPECT_EQ((*m)["topic"], "/contractMarket/execution:" + symbol);
  }
  EXPECT_EQ(topics.size(), 2u);
  EXPECT_TRUE(topics.count("/contractMarket/execution:XBTUSDTM"));
  EXPECT_TRUE(topics.count("/contractMarket/execution:ETHUSDTM"));
}

TEST(KucoinSim, ExecutionFramesCarryTakerSideWholeContractsAndNanoseconds) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  ws->send_text(subscribe("s1", "/contractMarket/execution:SOLUSDTM", false));
  std::int64_t last_sequence = 0;
  for (int i = 0; i < 10; ++i) {
    auto m = read_until(*ws, 2s, [](const json& j) { return is_type(j, "message"); });
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ((*m)["subject"], "match");
    const json& d = (*m)["data"];
    EXPECT_EQ(d["symbol"], "SOLUSDTM");
    EXPECT_EQ((*m)["sn"], d["sequence"]);
    EXPECT_GT(d["sequence"].get<std::int64_t>(), last_sequence);
    last_sequence = d["sequence"];
    EXPECT_TRUE(d["side"] == "buy" || d["side"] == "sell") << d;
    ASSERT_TRUE(d["size"].is_number_integer()) << d;
    EXPECT_GE(d["size"].get<std::int64_t>(), 1);
    ASSERT_TRUE(d["price"].is_string());
    EXPECT_GT(std::stod(d["price"].get<std::string>()), 0);
    EXPECT_TRUE(d["tradeId"].is_string());
    EXPECT_TRUE(d["takerOrderId"].is_string());
    EXPECT_TRUE(d["makerOrderId"].is_string());
    EXPECT_NE(d["takerOrderId"], d["makerOrderId"]);
    EXPECT_GT(d["ts"].get<std::int64_t>(), 1'700'000'000'000'000'000) << "ns";
  }
}

TEST(KucoinSim, TickerV2FramesCarryTheBestBidBelowTheBestAsk) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  ws->send_text(subscribe("s1", "/contractMarket/tickerV2:ETHUSDTM", false));
  for (int i = 0; i < 5; ++i) {
    auto m = read_until(*ws, 2s, [](const json& j) { return is_type(j, "message"); });
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ((*m)["topic"], "/contractMarket/tickerV2:ETHUSDTM");
    EXPECT_EQ((*m)["subject"], "tickerV2");
    const json& d = (*m)["data"];
    EXPECT_EQ((*m)["sn"], d["sequence"]);
    EXPECT_LT(std::stod(d["bestBidPrice"].get<std::string>()), std::stod(d["bestAskPrice"].get<std::string>()));
    EXPECT_TRUE(d["bestBidSize"].is_number_integer());
    EXPECT_TRUE(d["bestAskSize"].is_number_integer());
    EXPECT_GE(d["bestBidSize"].get<std::int64_t>(), 1);
    EXPECT_GT(d["ts"].get<std::int64_t>(), 1'700'000'000'000'000'000) << "ns";
  }
}

TEST(KucoinSim, KlineVolumeIsTheSumOfTheTradeSizes) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  // ETH trades in tenths of a contract on the shared market: the rounding shows here if anywhere.
  ws->send_text(subscribe("s1", "/contractMarket/execution:ETHUSDTM", false));
  std::map<std::int64_t, std::int64_t> per_minute;  // start ms -> contracts
  const auto start = steady::now();
  while (per_minute.size() < 4 && steady::now() - start < 6s) {
    auto m = read_until(*ws, 2s, [](const json& j) { return is_type(j, "message"); });
    ASSERT_TRUE(m.has_value());
    const std::int64_t ts_ms = (*m)["data"]["ts"].get<std::int64_t>() / 1'000'000;
    per_minute[ts_ms / 60'000 * 60'000] += (*m)["data"]["size"].get<std::int64_t>();
  }
  ASSERT_GE(per_minute.size(), 3u);
  // Minutes strictly inside the observation were seen whole.
  for (auto it = std::next(per_minute.begin()); it != std::prev(per_minute.end()); ++it) {
    auto rows = json::parse(http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=ETHUSDTM&granularity=1&from=" +
                                            std::to_string(it->first) + "&to=" + std::to_string(it->first))
                                .body)["data"];
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][5].get<std::int64_t>(), it->second) << "minute " << it->first;
  }
}

TEST(KucoinSim, ControlMessageErrorsFollowSection4) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  const json unknown = reply(*ws, subscribe("e1", "/contractMarket/nope:XBTUSDTM"));
  EXPECT_EQ(unknown, json::parse(R"({"id":"e1","type":"error","code":404,"data":"topic does not exist"})"));
  EXPECT_EQ(reply(*ws, subscribe("e2", "/contractMarket/limitCandle:XBTUSDTM_7min"))["code"], 404);
  EXPECT_EQ(reply(*ws, R"({"id":"e3","type":"subscribe","response":true})")["code"], 406);
  EXPECT_EQ(reply(*ws, subscribe("e4", "/contractMarket/tradeOrders"))["code"], 403);
  EXPECT_EQ(reply(*ws, R"({"id":"e5","type":"frob"})"),
            json::parse(R"({"id":"e5","type":"error","code":415,"data":"command type is invalid"})"));
  const json bad = reply(*ws, "not json");
  EXPECT_EQ(bad["code"], 400);
  EXPECT_TRUE(bad["id"].is_string());
  EXPECT_FALSE(ws->closed());
}

TEST(KucoinSim, MoreThan100TargetsInOneMessageGet509) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  std::string targets;
  for (int i = 0; i < 101; ++i) targets += (i ? "," : "") + std::string("S") + std::to_string(i) + "USDTM";
  EXPECT_EQ(
      reply(*ws, subscribe("m1", "/contractMarket/execution:" + targets)),
      json::parse(
          R"({"id":"m1","type":"error","code":509,"data":"exceed max subscription count limitation of 100 per time"})"));
  targets.resize(targets.rfind(','));
  EXPECT_EQ(reply(*ws, subscribe("m2", "/contractMarket/execution:" + targets))["type"], "ack") << "100 are fine";
}

TEST(KucoinSim, TopicsOverThePerConnectionCapGet509) {
  Sim sim({"--speed", "60", "--set", "kucoinfutures.max_topics_per_connection=3"});
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  EXPECT_EQ(reply(*ws, subscribe("a", "/contractMarket/tickerV2:XBTUSDTM,ETHUSDTM"))["type"], "ack");
  EXPECT_EQ(reply(*ws, subscribe("b", "/contractMarket/tickerV2:ETHUSDTM,SOLUSDTM"))["type"], "ack")
      << "a topic already held does not count again";
  EXPECT_EQ(
      reply(*ws, subscribe("c", "/contractMarket/execution:XBTUSDTM")),
      json::parse(
          R"({"id":"c","type":"error","code":509,"data":"exceed max subscription count limitation of 3 per session"})"));
}

TEST(KucoinSim, MessagesOverTheRateGet509AndAreIgnored) {
  Sim sim({"--speed", "60", "--set", "kucoinfutures.max_client_msgs_per_10s=5"});
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  for (int i = 1; i <= 7; ++i) ws->send_text(R"({"type":"ping","id":")" + std::to_string(i) + "\"}");
  std::vector<json> replies;
  while (replies.size() < 7) {
    auto j = read_until(*ws, 2s, [](const json& m) { return is_type(m, "pong") || is_type(m, "error"); });
    if (!j) break;
    replies.push_back(*j);
  }
  ASSERT_EQ(replies.size(), 7u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(replies[i]["type"], "pong") << i;
  for (std::size_t i = 5; i < 7; ++i) {
    EXPECT_EQ(replies[i]["code"], 509);
    EXPECT_EQ(replies[i]["data"], "exceed max permits per second");
    EXPECT_EQ(replies[i]["id"], std::to_string(i + 1));
  }
  EXPECT_FALSE(ws->closed());
}

TEST(KucoinSim, AnIdleConnectionGetsPingTimeoutThenTheClose) {
  Sim sim({"--speed", "60", "--set", "kucoinfutures.idle_timeout_ms=1000"});
  auto idle = open(sim, "idle");
  auto pinging = open(sim, "pinging");
  ASSERT_NE(idle, nullptr);
  ASSERT_NE(pinging, nullptr);
  const auto start = steady::now();
  std::optional<json> error;
  while (steady::now() - start < 2500ms) {
    if (!error) {
      error = read_until(*idle, 100ms, [](const json& j) { return is_type(j, "error"); });
      if (error) {
        EXPECT_GT(steady::now() - start, 700ms) << "not before the idle time";
      }
    }
    pinging->send_text(R"({"id":"p","type":"ping"})");
    read_until(*pinging, 200ms, [](const json& j) { return is_type(j, "pong"); });
  }
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error, json::parse(R"({"type":"error","code":400,"data":"ping timeout"})"));
  while (idle->read(1s)) {
  }
  EXPECT_TRUE(idle->closed());
  EXPECT_EQ(idle->close_code(), 1000);
  EXPECT_FALSE(pinging->closed()) << "pings keep a connection alive";
  EXPECT_EQ(idle->pings_received(), 0) << "the server sends no pings (§4)";
}

TEST(KucoinSim, ConnectionsEndAtTheirLifetime) {
  Sim sim({"--speed", "60", "--set", "kucoinfutures.max_lifetime_ms=800"});
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  const auto start = steady::now();
  while (!ws->closed() && steady::now() - start < 3s) ws->read(200ms);
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 1000);
}

TEST(KucoinSim, ControlDropEndsConnectionsWithoutACloseFrame) {
  Sim sim;
  auto ws = open(sim);
  ASSERT_NE(ws, nullptr);
  auto r = http("POST", sim.control() + "/drop?venue=kucoinfutures");
  EXPECT_EQ(json::parse(r.body)["dropped"], 1);
  while (ws->read(1s)) {
  }
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 0);
}

TEST(KucoinSim, RestServesTimestampAndContracts) {
  Sim sim;
  auto ts = json::parse(http("GET", sim.rest(kVenue) + "/api/v1/timestamp").body);
  EXPECT_EQ(ts["code"], "200000");
  EXPECT_GT(ts["data"].get<std::int64_t>(), 1'700'000'000'000);
  auto r = http("GET", sim.rest(kVenue) + "/api/v1/contracts/active");
  EXPECT_EQ(r.status, 200);
  auto contracts = json::parse(r.body);
  EXPECT_EQ(contracts["code"], "200000");
  ASSERT_EQ(contracts["data"].size(), 3u);
  const json& xbt = contracts["data"][0];
  EXPECT_EQ(xbt["symbol"], "XBTUSDTM");
  EXPECT_EQ(xbt["type"], "FFWCSX");
  EXPECT_EQ(xbt["baseCurrency"], "XBT");
  EXPECT_EQ(xbt["quoteCurrency"], "USDT");
  EXPECT_EQ(xbt["settleCurrency"], "USDT");
  EXPECT_EQ(xbt["status"], "Open");
  EXPECT_EQ(xbt["isInverse"], false);
  EXPECT_EQ(xbt["lotSize"], 1);
  ASSERT_TRUE(xbt["multiplier"].is_number());
  EXPECT_DOUBLE_EQ(xbt["multiplier"].get<double>(), 0.001);
  EXPECT_DOUBLE_EQ(xbt["tickSize"].get<double>(), 0.1);
  EXPECT_GT(xbt["markPrice"].get<double>(), 0);
  EXPECT_GT(xbt["lastTradePrice"].get<double>(), 0);
  EXPECT_EQ(contracts["data"][1]["symbol"], "ETHUSDTM");
  EXPECT_DOUBLE_EQ(contracts["data"][1]["multiplier"].get<double>(), 0.01);
  EXPECT_EQ(contracts["data"][2]["symbol"], "SOLUSDTM");
  EXPECT_DOUBLE_EQ(contracts["data"][2]["multiplier"].get<double>(), 0.1);
}

TEST(KucoinSim, KlineRowsAreAscendingOhlcNumbers) {
  Sim sim({"--speed", "600", "--start-ms", "1767225600000"});
  const std::string query = "/api/v1/kline/query?symbol=XBTUSDTM&granularity=1&from=1767225600000&to=1767225840000";
  json rows;
  for (int i = 0; i < 100; ++i) {  // four closed minutes take 0.4 s at speed 600
    rows = json::parse(http("GET", sim.rest(kVenue) + query).body)["data"];
    if (rows.size() == 5) break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(rows.size(), 5u) << rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& row = rows[i];
    ASSERT_EQ(row.size(), 6u);
    for (const auto& v : row) ASSERT_TRUE(v.is_number()) << row;
    EXPECT_EQ(row[0].get<std::int64_t>(), 1'767'225'600'000 + static_cast<std::int64_t>(i) * 60'000);
    const double open = row[1], high = row[2], low = row[3], close = row[4];
    EXPECT_GE(high, std::max(open, close)) << row;
    EXPECT_LE(low, std::min(open, close)) << row;
    EXPECT_TRUE(row[5].is_number_integer());
  }
  auto hourly = json::parse(http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=XBTUSDTM&granularity=60").body);
  EXPECT_EQ(hourly["code"], "200000");
  EXPECT_EQ(hourly["data"].size(), 1u);
}

TEST(KucoinSim, KlineErrorsComeWithHttp200AndTheVenuesCodes) {
  Sim sim;
  auto bad_symbol = http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=BTCUSDTM&granularity=1");
  EXPECT_EQ(bad_symbol.status, 200);
  EXPECT_EQ(json::parse(bad_symbol.body), json::parse(R"({"code":"200003","msg":"Invalid symbol."})"));
  auto bad_granularity = http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=XBTUSDTM&granularity=3");
  EXPECT_EQ(bad_granularity.status, 200);
  EXPECT_EQ(json::parse(bad_granularity.body)["code"], "400100");
  EXPECT_EQ(json::parse(http("GET", sim.rest(kVenue) + "/api/v1/kline/query?symbol=XBTUSDTM").body)["code"], "400100");
  auto unknown = http("GET", sim.rest(kVenue) + "/api/v1/nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(json::parse(unknown.body)["code"], "404");
}

}  // namespace
}  // namespace tradehost::test
