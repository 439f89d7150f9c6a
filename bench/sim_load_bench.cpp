// sim_load_bench: can exchange-sim keep its clock with 3 venues x N symbols x (1m klines + trades
// + book tickers) at --speed 60? It starts the real sim, subscribes to every stream on every venue
// with plain clients that read everything, runs for --seconds, and reports the sim's lag behind
// its own clock (from the control endpoint) next to the frames delivered per second.
//
//   build/bench/sim_load_bench [--symbols 50] [--speed 60] [--seconds 60]
//
// The baseline of the same run is the idle sim: the lag with no subscriber, measured first.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace {

using namespace tradehost::test;
using json = nlohmann::json;
using namespace std::chrono_literals;

std::vector<std::string> bases(int n) {
  std::vector<std::string> out = {"BTC", "ETH", "SOL"};
  for (int i = 4; i <= n; ++i) {
    std::string name = std::to_string(i);
    out.push_back("S" + std::string(3 - std::min<std::size_t>(3, name.size()), '0') + name);
  }
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json status(const Sim& sim) { return json::parse(http("GET", sim.control() + "/status").body); }

}  // namespace

int main(int argc, char** argv) {
  int symbols = 50, seconds = 60;
  std::string speed = "60";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--symbols") symbols = std::stoi(argv[i + 1]);
    if (a == "--seconds") seconds = std::stoi(argv[i + 1]);
    if (a == "--speed") speed = argv[i + 1];
  }
  Sim sim({"--speed", speed, "--symbols", std::to_string(symbols)});
  if (!sim.ready.value("ready", false)) {
    std::cerr << "sim did not start: " << sim.process.stderr_text() << "\n";
    return 1;
  }
  std::this_thread::sleep_for(2s);
  const json idle = status(sim);

  std::vector<std::unique_ptr<WsClient>> clients;
  const auto names = bases(symbols);
  // Binance: klines and aggTrades on /market, book tickers on /public (protocols/binance.md §1).
  std::string market, pub;
  for (const auto& b : names) {
    market += (market.empty() ? "" : "/") + lower(b) + "usdt@kline_1m/" + lower(b) + "usdt@aggTrade";
    pub += (pub.empty() ? "" : "/") + lower(b) + "usdt@bookTicker";
  }
  clients.push_back(WsClient::connect(sim.ws("binance") + "/market/stream?streams=" + market));
  clients.push_back(WsClient::connect(sim.ws("binance") + "/public/stream?streams=" + pub));
  // BingX: one dataType per sub request, at most 10 per second (protocols/bingx.md §4).
  auto bingx = WsClient::connect(sim.ws("bingx"));
  int sent = 0;
  for (const auto& b : names) {
    for (const char* ch : {"@kline_1m", "@trade", "@bookTicker"}) {
      bingx->send_text(R"({"id":")" + std::to_string(sent) + R"(","reqType":"sub","dataType":")" + b + "-USDT" + ch + "\"}");
      if (++sent % 9 == 0) std::this_thread::sleep_for(1100ms);
    }
  }
  clients.push_back(std::move(bingx));
  // KuCoin: a bullet, then topics of up to 100 targets each (protocols/kucoinfutures.md §4).
  const auto bullet = json::parse(http("POST", sim.rest("kucoinfutures") + "/api/v1/bullet-public").body);
  auto kucoin = WsClient::connect(bullet["data"]["instanceServers"][0]["endpoint"].get<std::string>() +
                                  "?token=" + bullet["data"]["token"].get<std::string>() + "&connectId=bench");
  for (const char* topic : {"/contractMarket/limitCandle:", "/contractMarket/execution:", "/contractMarket/tickerV2:"}) {
    std::string targets;
    for (const auto& b : names) {
      const std::string sym = (b == "BTC" ? std::string("XBT") : b) + "USDTM";
      targets += (targets.empty() ? "" : ",") + sym + (std::string(topic).find("Candle") != std::string::npos ? "_1min" : "");
    }
    kucoin->send_text(R"({"id":"s)" + std::string(topic).substr(16, 4) + R"(","type":"subscribe","topic":")" + topic +
                      targets + R"(","response":true})");
  }
  clients.push_back(std::move(kucoin));
  for (const auto& c : clients) {
    if (!c) {
      std::cerr << "a client could not connect\n";
      return 1;
    }
  }

  const json before = status(sim);
  std::int64_t frames = 0;
  const auto start = std::chrono::steady_clock::now();
  auto last_ping = start;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(seconds)) {
    for (std::size_t i = 0; i < clients.size(); ++i) {
      while (auto f = clients[i]->read(1ms)) {
        ++frames;
        // BingX pings with a gzipped "Ping" and wants "Pong" back (protocols/bingx.md §4).
        if (i == 2 && f->binary && f->data.size() < 64 && gunzip(f->data) == "Ping") clients[i]->send_text("Pong");
      }
    }
    if (std::chrono::steady_clock::now() - last_ping > 10s) {  // KuCoin wants a ping every 18 s
      clients.back()->send_text(R"({"id":"p","type":"ping"})");
      last_ping = std::chrono::steady_clock::now();
    }
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const json after = status(sim);
  bool all_open = true;
  const char* labels[] = {"binance/market", "binance/public", "bingx", "kucoinfutures"};
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (clients[i]->closed()) {
      std::cerr << "sim_load: the " << labels[i] << " connection closed (" << clients[i]->close_code() << " "
                << clients[i]->close_reason() << ")\n";
      all_open = false;
    }
  }

  const double idle_lag = idle["max_lag_real_ms"].get<double>();
  const double loaded_lag = after["max_lag_real_ms"].get<double>();
  json report{{"bench", "sim_load"},
              {"symbols", symbols},
              {"speed", std::stod(speed)},
              {"seconds", elapsed},
              {"streams", symbols * 3 * 3},
              {"frames_per_s", static_cast<double>(frames) / elapsed},
              {"idle_max_lag_real_ms", idle_lag},
              {"loaded_max_lag_real_ms", loaded_lag},
              {"lag_ratio_vs_idle", idle_lag > 0 ? loaded_lag / idle_lag : 0.0},
              {"connections_open", all_open},
              {"kept_up", loaded_lag < 100.0 && all_open}};
  (void)before;
  std::cout << report.dump() << "\n";
  std::cerr << "sim_load: " << symbols * 9 << " streams, " << static_cast<std::int64_t>(static_cast<double>(frames) / elapsed)
            << " frames/s for " << elapsed << " s; max lag " << loaded_lag << " ms real (idle " << idle_lag
            << " ms): " << (report["kept_up"].get<bool>() ? "kept up" : "FELL BEHIND") << "\n";
  return report["kept_up"].get<bool>() ? 0 : 1;
}
