// exchange-sim's faults, each provoked (at start or mid-run through the control endpoint) and
// observed from the client side. Shown on the Binance venue; every venue takes the same keys.
#include <chrono>
#include <map>
#include <utility>

#include <gtest/gtest.h>

#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

int frames_within(WsClient& ws, std::chrono::milliseconds window) {
  int n = 0;
  const auto end = std::chrono::steady_clock::now() + window;
  while (std::chrono::steady_clock::now() < end && !ws.closed()) {
    if (ws.read(50ms)) ++n;
  }
  return n;
}

void set(const Sim& sim, const std::string& key, std::int64_t value) {
  auto r = http("POST", sim.control() + "/set?key=" + key + "&value=" + std::to_string(value));
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST(SimFaults, CloseAfterNMessagesDropsTheConnection) {
  Sim sim({"--speed", "60", "--faults", "binance.fault_close_after_messages=3"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(ws, nullptr);
  const int seen = frames_within(*ws, 3s);
  EXPECT_TRUE(ws->closed());
  EXPECT_LE(seen, 3);
  EXPECT_EQ(ws->close_code(), 0) << "dropped, not closed politely";
}

TEST(SimFaults, AStallKeepsTheSocketOpenButSendsNothing) {
  Sim sim({"--speed", "60", "--set", "binance.ping_interval_ms=100"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(ws, nullptr);
  EXPECT_GT(frames_within(*ws, 1s), 0);
  set(sim, "binance.fault_stall", 1);
  frames_within(*ws, 200ms);  // what was already queued
  const int pings = ws->pings_received();
  EXPECT_EQ(frames_within(*ws, 1500ms), 0);
  EXPECT_EQ(ws->pings_received(), pings) << "a stall sends no heartbeat either";
  EXPECT_FALSE(ws->closed());
  set(sim, "binance.fault_stall", 0);
  EXPECT_GT(frames_within(*ws, 1s), 0) << "data resumes when the stall ends";
}

TEST(SimFaults, IgnoredPongsEndInAPongTimeout) {
  Sim sim({"--speed", "60", "--set", "binance.ping_interval_ms=100", "--set", "binance.pong_timeout_ms=800", "--faults",
           "binance.fault_ignore_pongs=1"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  frames_within(*ws, 2s);  // reading answers every ping
  EXPECT_TRUE(ws->closed());
  EXPECT_EQ(ws->close_code(), 1008);
  EXPECT_EQ(ws->close_reason(), "Pong timeout");
}

TEST(SimFaults, MalformedFramesAreTruncated) {
  Sim sim({"--speed", "60", "--faults", "binance.fault_malformed_every=2"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(ws, nullptr);
  int good = 0, bad = 0;
  const auto end = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < end && good + bad < 10) {
    auto f = ws->read(100ms);
    if (!f) continue;
    (json::parse(f->data, nullptr, false).is_discarded() ? bad : good) += 1;
  }
  EXPECT_GT(good, 0);
  EXPECT_GT(bad, 0);
}

TEST(SimFaults, RestAnswers429And418WithRetryAfterUntilCleared) {
  Sim sim;
  set(sim, "binance.fault_retry_after_s", 7);
  set(sim, "binance.fault_rest_status", 429);
  auto limited = http("GET", sim.rest("binance") + "/fapi/v1/time");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.headers["retry-after"], "7");
  EXPECT_EQ(json::parse(limited.body)["code"], -1003);
  set(sim, "binance.fault_rest_status", 418);
  auto banned = http("GET", sim.rest("binance") + "/fapi/v1/time");
  EXPECT_EQ(banned.status, 418);
  EXPECT_NE(json::parse(banned.body)["msg"].get<std::string>().find("banned until"), std::string::npos);
  set(sim, "binance.fault_rest_status", 0);
  EXPECT_EQ(http("GET", sim.rest("binance") + "/fapi/v1/time").status, 200);
}

TEST(SimFaults, AcknowledgementsCanBeDelayed) {
  Sim sim({"--speed", "60", "--faults", "binance.fault_ack_delay_ms=800"});
  auto ws = WsClient::connect(sim.ws("binance") + "/market/ws");
  ASSERT_NE(ws, nullptr);
  const auto sent = std::chrono::steady_clock::now();
  ws->send_text(R"({"method":"LIST_SUBSCRIPTIONS","id":1})");
  std::optional<WsFrame> ack;
  while (!ack && std::chrono::steady_clock::now() - sent < 3s) ack = ws->read(100ms);
  ASSERT_TRUE(ack.has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - sent, 750ms);
}

TEST(SimFaults, AConnectionOpenedWhileLagIsSetGetsTheSameTradesLater) {
  Sim sim({"--speed", "60"});
  auto early = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(early, nullptr);
  set(sim, "binance.fault_lag_ms", 400);
  auto late = WsClient::connect(sim.ws("binance") + "/market/ws/btcusdt@aggTrade");
  ASSERT_NE(late, nullptr);
  set(sim, "binance.fault_lag_ms", 0);  // connections keep the lag they opened with
  // When each trade id arrived on each connection.
  std::map<std::int64_t, std::chrono::steady_clock::time_point> on_early, on_late;
  const auto end = std::chrono::steady_clock::now() + 2500ms;
  while (std::chrono::steady_clock::now() < end) {
    for (const auto& [ws, seen] : {std::pair{early.get(), &on_early}, std::pair{late.get(), &on_late}}) {
      if (auto f = ws->read(2ms)) {
        seen->emplace(json::parse(f->data).at("a").get<std::int64_t>(), std::chrono::steady_clock::now());
      }
    }
  }
  int compared = 0;
  for (const auto& [id, at] : on_late) {
    const auto it = on_early.find(id);
    if (it == on_early.end()) continue;
    ++compared;
    EXPECT_GE(at - it->second, 300ms) << "trade " << id;
    EXPECT_LE(at - it->second, 1500ms) << "trade " << id;
  }
  EXPECT_GE(compared, 10);
}

TEST(SimFaults, TheServerClockCanBeSkewed) {
  Sim sim({"--speed", "1"});
  auto before = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/time").body)["serverTime"].get<std::int64_t>();
  set(sim, "sim.skew_ms", 60'000);
  auto after = json::parse(http("GET", sim.rest("binance") + "/fapi/v1/time").body)["serverTime"].get<std::int64_t>();
  EXPECT_GE(after - before, 59'000);
  EXPECT_LT(after - before, 65'000);
}

}  // namespace
}  // namespace tradehost::test
