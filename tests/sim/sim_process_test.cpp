// exchange-sim as a process: the ready line, clean shutdown, usage errors, the control endpoint.
#include <signal.h>

#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/process.hpp"
#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

TEST(SimProcess, PrintsOneReadyLineWithEveryVenue) {
  Sim sim;
  ASSERT_TRUE(sim.ready.value("ready", false)) << sim.process.stderr_text();
  for (const char* venue : {"binance", "bingx", "kucoinfutures"}) {
    const std::string rest = sim.rest(venue);
    EXPECT_EQ(rest.rfind("http://127.0.0.1:", 0), 0u) << rest;
    EXPECT_EQ(sim.ws(venue).rfind("ws://127.0.0.1:", 0), 0u);
  }
  EXPECT_EQ(sim.control().rfind("http://127.0.0.1:", 0), 0u);
  // The venue clock as the line went out: at or after the start, and (speed 60, a start-up well
  // under 10 s) less than 10 minutes of venue time past it.
  const auto start_ms = sim.ready.at("start_ms").get<std::int64_t>();
  const auto venue_ms = sim.ready.at("venue_ms").get<std::int64_t>();
  EXPECT_GE(venue_ms, start_ms);
  EXPECT_LT(venue_ms - start_ms, 600000);
  EXPECT_EQ(sim.process.read_line(std::chrono::milliseconds(300)), "") << "stdout must hold the ready line only";
}

TEST(SimProcess, ShutsDownWithinASecondOnSigtermAndSigint) {
  for (int signal : {SIGTERM, SIGINT}) {
    Sim sim;
    ASSERT_TRUE(sim.ready.value("ready", false));
    auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@kline_1m");
    ASSERT_NE(ws, nullptr);
    EXPECT_EQ(sim.process.stop(signal, std::chrono::seconds(1)), 0) << "signal " << signal;
  }
}

TEST(SimProcess, RefusesBadOptionsWithTheReason) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{{{"--speed", "0"}, "--speed '0' must be a number > 0"},
                                         {{"--host", "0.0.0.0"}, "--host must be a loopback address"},
                                         {{"--symbols", "btc"}, "'btc' is not a base asset"},
                                         {{"--set", "binance.nope=1"}, "unknown tuning key 'binance.nope'"},
                                         {{"--frobnicate"}, "unknown option '--frobnicate'"}}) {
    auto r = run_process(kSimBin, c.args);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

TEST(SimProcess, ControlEndpointChangesTuningWhileRunning) {
  Sim sim;
  auto set = http("POST", sim.control() + "/set?key=binance.max_incoming_per_s&value=3");
  EXPECT_EQ(set.status, 200) << set.body;
  auto status = nlohmann::json::parse(http("GET", sim.control() + "/status").body);
  EXPECT_EQ(status["venues"]["binance"]["tuning"]["max_incoming_per_s"], 3);
  auto bad = http("POST", sim.control() + "/set?key=binance.nope&value=1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("unknown tuning key"), std::string::npos);
}

TEST(SimProcess, SameSeedAndStartGiveTheSameKlines) {
  const std::vector<std::string> args = {"--speed", "600", "--seed", "42", "--start-ms", "1767225600000"};
  Sim a(args), b(args);
  const std::string query = "/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=1767225600000&endTime=1767225840000";
  // Four closed minutes take 0.4 s at speed 600; wait until both have them.
  std::string ka, kb;
  for (int i = 0; i < 100; ++i) {
    ka = http("GET", a.rest("binance") + query).body;
    kb = http("GET", b.rest("binance") + query).body;
    if (nlohmann::json::parse(ka).size() == 5 && nlohmann::json::parse(kb).size() == 5) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto ja = nlohmann::json::parse(ka);
  auto jb = nlohmann::json::parse(kb);
  ASSERT_EQ(ja.size(), 5u) << ka;
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(ja[i], jb[i]) << "closed minute " << i;
  Sim c({"--speed", "600", "--seed", "43", "--start-ms", "1767225600000"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto jc = nlohmann::json::parse(http("GET", c.rest("binance") + query).body);
  ASSERT_GE(jc.size(), 4u);
  EXPECT_NE(ja[0], jc[0]) << "another seed, another market";
}

TEST(SimTls, ServesHttpsAndWssThatVerifyAgainstTheWrittenCa) {
  TempDir dir;
  const std::string ca = (dir.path() / "ca.pem").string();
  Sim sim({"--speed", "60", "--tls", "--ca-file", ca});
  ASSERT_TRUE(sim.ready.value("ready", false)) << sim.process.stderr_text();
  EXPECT_EQ(sim.ready["ca_file"], ca);
  for (const char* venue : {"binance", "bingx", "kucoinfutures"}) {
    EXPECT_EQ(sim.rest(venue).rfind("https://127.0.0.1:", 0), 0u) << sim.rest(venue);
    EXPECT_EQ(sim.ws(venue).rfind("wss://127.0.0.1:", 0), 0u) << sim.ws(venue);
  }
  auto time = http("GET", sim.rest("binance") + "/fapi/v1/time", "", {}, ca);
  EXPECT_EQ(time.status, 200) << time.body;
  // KuCoin hands out its WebSocket endpoint in the bullet answer: it must be wss:// too.
  auto bullet = nlohmann::json::parse(http("POST", sim.rest("kucoinfutures") + "/api/v1/bullet-public", "", {}, ca).body);
  EXPECT_EQ(bullet["data"]["instanceServers"][0]["endpoint"].get<std::string>().rfind("wss://127.0.0.1:", 0), 0u);
  std::string error;
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@kline_1m", &error, ca);
  ASSERT_NE(ws, nullptr) << error;
  bool got = false;
  for (int i = 0; i < 30 && !got; ++i) got = ws->read(std::chrono::milliseconds(100)).has_value();
  EXPECT_TRUE(got) << "klines flow over wss";
}

TEST(SimTls, AClientThatDoesNotTrustTheCaIsRefused) {
  TempDir dir;
  Sim sim({"--tls", "--ca-file", (dir.path() / "ca.pem").string()});
  ASSERT_TRUE(sim.ready.value("ready", false));
  auto reply = http("GET", sim.rest("binance") + "/fapi/v1/time");  // system store only
  EXPECT_EQ(reply.status, -1);
  EXPECT_NE(reply.body.find("certificate verify failed"), std::string::npos) << reply.body;
  std::string error;
  EXPECT_EQ(WsClient::connect(sim.ws("binance") + "/market/ws", &error), nullptr);
}

}  // namespace
}  // namespace tradehost::test
