// Market data end to end: tradehost --sim starts exchange-sim, connects all three venues through
// the real plugins over loopback, and receives closed klines; caps, faults and sharding as an
// operator would see them in the log, the report and the recorded klines.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "support/sim_process.hpp"
#include "support/ws_client.hpp"

namespace tradehost::test {
namespace {

using namespace std::chrono_literals;

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

nlohmann::json exchange_of(const nlohmann::json& report, const std::string& name) {
  for (const auto& e : report.at("exchanges")) {
    if (e.at("name") == name) return e;
  }
  ADD_FAILURE() << "no " << name << " in the report";
  return nlohmann::json::object();
}

// Closed klines per stream as recorded with --events, checked for order, repeats and holes.
struct Continuity {
  std::map<std::string, std::vector<std::int64_t>> opens;  // "exchange symbol timeframe" -> open times
  std::vector<std::string> problems;
  // "symbol timeframe open_time" -> exchange -> "open high low close volume" as printed
  std::map<std::string, std::map<std::string, std::vector<double>>> values;
};

// exchange-sim serves one market to all three venues, so a closed bar must have the same open,
// high, low and close on each (KuCoin trades whole contracts, so its volume is the sim's rounding
// of the same trades). A bar that missed trades around a reconnect shows up here, and so does one
// that a next_open venue (BingX, KuCoin) closed on an earlier update of it.
std::size_t bars_on_every_venue(const Continuity& c) {
  return static_cast<std::size_t>(
      std::count_if(c.values.begin(), c.values.end(), [](const auto& kv) { return kv.second.size() == 3; }));
}

std::vector<std::string> bars_that_differ(const Continuity& c) {
  std::vector<std::string> out;
  for (const auto& [bar, by_venue] : c.values) {
    if (by_venue.size() != 3) continue;
    const auto& ref = by_venue.at("binance");
    for (const auto& [venue, v] : by_venue) {
      const std::size_t fields = venue == "kucoinfutures" ? 4 : 5;
      for (std::size_t i = 0; i < fields; ++i) {
        if (std::abs(v[i] - ref[i]) > 1e-9 * std::max(1.0, std::abs(ref[i]))) {
          out.push_back(bar + ": " + venue + " differs from binance in field " + std::to_string(i));
          break;
        }
      }
    }
  }
  return out;
}

std::int64_t timeframe_ms(const std::string& tf) {
  if (tf == "1m") return 60000;
  if (tf == "5m") return 300000;
  return 0;
}

Continuity read_klines(const std::filesystem::path& path) {
  Continuity c;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto e = nlohmann::json::parse(line);
    EXPECT_EQ(e.at("closed"), true) << line;
    c.opens[e.at("exchange").get<std::string>() + " " + e.at("symbol").get<std::string>() + " " +
            e.at("timeframe").get<std::string>()]
        .push_back(e.at("open_time_ms").get<std::int64_t>());
    auto& v = c.values[e.at("symbol").get<std::string>() + " " + e.at("timeframe").get<std::string>() + " " +
                       std::to_string(e.at("open_time_ms").get<std::int64_t>())][e.at("exchange").get<std::string>()];
    for (const char* field : {"open", "high", "low", "close", "volume"}) v.push_back(std::stod(e.at(field).get<std::string>()));
  }
  for (const auto& [stream, opens] : c.opens) {
    const std::int64_t step = timeframe_ms(stream.substr(stream.rfind(' ') + 1));
    for (std::size_t i = 1; i < opens.size(); ++i) {
      if (opens[i] == opens[i - 1]) c.problems.push_back(stream + ": doubled " + std::to_string(opens[i]));
      else if (opens[i] < opens[i - 1]) c.problems.push_back(stream + ": out of order at " + std::to_string(opens[i]));
      else if (step > 0 && opens[i] - opens[i - 1] != step)
        c.problems.push_back(stream + ": missing bars between " + std::to_string(opens[i - 1]) + " and " +
                             std::to_string(opens[i]));
    }
  }
  return c;
}

std::string join_all(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += i + "\n";
  return out;
}

// The control endpoint of the sim that `host` (run with --sim) started, read from its log
// within 10 s; empty if it never said. What the host printed meanwhile is added to `err`.
std::string sim_control_url(ChildProcess& host, std::string& err) {
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(100ms);
    err += host.stderr_text();
    const auto at = err.find("control http://");
    if (at != std::string::npos) return err.substr(at + 8, err.find(';', at) - at - 8);
  }
  return {};
}

// Drives the sim's faults mid-run: act("/drop"), act("/set?key=...&value=..."); each must be taken.
struct SimControl {
  std::string url;
  void operator()(const std::string& what) const {
    const auto reply = http("POST", url + what);
    EXPECT_EQ(reply.status, 200) << what << ": " << reply.body;
  }
};

// `tradehost --live --paper --sim` with `config_yaml` on `exchanges` for `seconds`, writing into
// its own temp dir the report (report.json) and what reached the strategy (klines.jsonl,
// trades.jsonl, quotes.jsonl); `act` drives the sim's faults (its url is empty, and `err` says
// why, when the sim's control endpoint never showed in the log).
struct SimRun {
  SimRun(const std::string& config_yaml, const std::string& exchanges, int seconds)
      : config(dir.write("c.yaml", config_yaml)),
        host(kTradehostBin, {"--live", "--paper", "--sim", "--config", config.string(), "--exchanges", exchanges,
                             "--duration", std::to_string(seconds), "--report", path("report.json").string(),
                             "--events", path("klines.jsonl").string(), "--trades", path("trades.jsonl").string(),
                             "--quotes", path("quotes.jsonl").string()}),
        act{sim_control_url(host, err)} {}

  std::filesystem::path path(const std::string& name) const { return dir.path() / name; }
  // Waits for the run's end (its duration), then its exit code; `err` gets the rest of its log.
  int stop() {
    const int code = host.stop(0, 40s);
    err += host.stderr_text();
    return code;
  }

  TempDir dir;
  std::filesystem::path config;
  ChildProcess host;
  std::string err;
  SimControl act;
};

TEST(MarketData, SimRunAcknowledgesEveryPlannedStreamWithinTheCapsAndDeliversClosedKlines) {
  constexpr std::size_t kMinBarsCompared = 3;  // 6 s: a few 1m bars on each of 3 symbols
  TempDir dir;
  const auto config = dir.write("c.yaml", R"(universe:
  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT, SOL/USDT:USDT]
websocket:
  stream_timeframes: [1m, 5m]
  max_streams_per_exchange:
    binance: 30
    bingx: 5
strategy:
  trade_streams: true
  book_ticker_streams: true
)");
  const auto report_path = dir.path() / "report.json";
  const auto events_path = dir.path() / "klines.jsonl";
  auto r = tradehost({"--live", "--paper", "--sim", "--config", config.string(), "--duration", "6", "--report",
                      report_path.string(), "--events", events_path.string()},
                     {{"EXCHANGES", "binance,bingx,kucoinfutures"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = read_json(report_path);
  // 3 symbols x (1m, 5m, trade, book ticker) = 12 wanted; bingx's YAML cap of 5 leaves 7 out.
  const std::map<std::string, int> planned = {{"binance", 12}, {"bingx", 5}, {"kucoinfutures", 12}};
  for (const auto& [name, count] : planned) {
    const auto ex = exchange_of(report, name);
    EXPECT_EQ(ex.at("streams_wanted"), 12) << name;
    EXPECT_EQ(ex.at("streams_planned"), count) << name;
    EXPECT_EQ(ex.at("streams_acknowledged"), count) << name;
    EXPECT_EQ(ex.at("decode_errors"), 0) << name;
    EXPECT_GT(ex.at("closed_klines").get<int>(), 0) << name;
    EXPECT_EQ(count_lines_with(r.err, {"INFO", name + ": 12 streams requested", std::to_string(count) + " acknowledged"}), 1)
        << r.err;
  }
  EXPECT_EQ(count_lines_with(r.err, {"WARNING", "Stream limit exceeded on bingx", "cap 5",
                                     "SOL/USDT:USDT book_ticker", "websocket.max_streams_per_exchange.bingx"}),
            1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"Stream limit exceeded on binance"}), 0) << r.err;
  EXPECT_GE(count_lines_with(r.err, {"INFO", "msg/s", "streams", "live", "lag p50"}), 3) << r.err;

  // Every planned 1m kline stream delivered closed klines, in order, once each.
  const auto klines = read_klines(events_path);
  EXPECT_TRUE(klines.problems.empty()) << join_all(klines.problems);
  EXPECT_TRUE(bars_that_differ(klines).empty()) << join_all(bars_that_differ(klines));
  EXPECT_GE(bars_on_every_venue(klines), kMinBarsCompared) << "the comparison must have bars to compare";
  for (const char* stream : {"binance BTC/USDT:USDT 1m", "binance SOL/USDT:USDT 1m", "bingx BTC/USDT:USDT 1m",
                             "kucoinfutures ETH/USDT:USDT 1m", "kucoinfutures SOL/USDT:USDT 1m"}) {
    EXPECT_GE(klines.opens.count(stream) ? klines.opens.at(stream).size() : 0u, 3u) << stream;
  }
}

TEST(MarketData, OverTlsTheSimulatorsCaIsVerifiedAndBusyPollStopsOnTime) {
  TempDir dir;
  const auto report_path = dir.path() / "report.json";
  const auto config = dir.write("c.yaml", "websocket:\n  busy_poll: true\n");
  const auto started = std::chrono::steady_clock::now();
  auto r = tradehost({"--live", "--paper", "--sim", "--tls", "--duration", "4", "--report", report_path.string(),
                      "--config", config.string()},
                     {{"EXCHANGES", "binance,bingx,kucoinfutures"}}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15)) << "a spinning loop still stops";
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "The network thread spins between frames"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "exchange-sim is serving", "TLS with its own CA, verified"}), 1) << r.err;
  const auto report = read_json(report_path);
  for (const char* name : {"binance", "bingx", "kucoinfutures"}) {
    EXPECT_EQ(exchange_of(report, name).at("streams_acknowledged"), 3) << name;
    EXPECT_GT(exchange_of(report, name).at("closed_klines").get<int>(), 0) << name;
  }
}

TEST(MarketData, FaultsAreSurvivedWithNoKlineMissingOrDoubled) {
  constexpr std::size_t kMinBarsCompared = 10;
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  stale_after_ms: 2000
  reconnect_initial_ms: 200
  reconnect_max_ms: 2000
  rotate_after_ms: 9000
  status_interval_s: 2
)",
             "binance,bingx,kucoinfutures", 28);
  const auto report_path = run.path("report.json");
  const auto events_path = run.path("klines.jsonl");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  std::this_thread::sleep_for(4s);
  act("/drop");                                            // every connection cut at once
  std::this_thread::sleep_for(3s);
  act("/set?key=bingx.fault_stall&value=1");               // open socket, nothing arrives ...
  act("/set?key=bingx.fault_rest_status&value=418");       // ... and the fill after it meets an IP ban
  act("/set?key=bingx.fault_retry_after_s&value=1");
  act("/set?key=kucoinfutures.fault_stall&value=1");       // KuCoin stalls too; its fill then meets
  act("/set?key=kucoinfutures.fault_rest_status&value=429");  // a throttle on GETs (the bullet POST
  act("/set?key=kucoinfutures.fault_rest_get_only&value=1");  // still works) that names its wait in
  act("/set?key=kucoinfutures.fault_retry_after_s&value=1");  // gw-ratelimit-reset (1000 ms), no Retry-After
  act("/set?key=binance.fault_malformed_every&value=40");  // every 40th frame cut in half
  std::this_thread::sleep_for(4s);
  act("/set?key=bingx.fault_stall&value=0");
  act("/set?key=bingx.fault_rest_status&value=0");
  act("/set?key=kucoinfutures.fault_stall&value=0");
  act("/trigger?venue=kucoinfutures&action=expire_tokens");
  act("/set?key=binance.fault_rest_status&value=429");     // REST fills meet a rate limit ...
  act("/set?key=binance.fault_retry_after_s&value=1");
  act("/drop?venue=binance");
  std::this_thread::sleep_for(2s);
  act("/set?key=binance.fault_rest_status&value=0");       // ... which lifts
  act("/set?key=binance.fault_malformed_every&value=0");
  act("/set?key=binance.max_lifetime_ms&value=4000");       // the 24 h cut, early and often (1001)
  act("/set?key=kucoinfutures.fault_ignore_pongs&value=1");  // KuCoin stops answering our pings
  std::this_thread::sleep_for(5s);
  act("/set?key=kucoinfutures.fault_ignore_pongs&value=0");
  act("/set?key=kucoinfutures.fault_rest_status&value=0");
  act("/set?key=binance.max_lifetime_ms&value=86400000");
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  const auto report = read_json(report_path);
  for (const char* name : {"binance", "bingx", "kucoinfutures"}) {
    const auto ex = exchange_of(report, name);
    EXPECT_GE(ex.at("reconnects").get<int>(), 1) << name;
    EXPECT_EQ(ex.at("gaps_filled"), ex.at("gaps_found")) << name << "\n" << err;
    EXPECT_EQ(ex.at("gaps_unfilled"), 0) << name;
    EXPECT_EQ(ex.at("streams_live_at_exit"), 2) << name << ": every stream recovered";
    EXPECT_GE(ex.at("rotations").get<int>(), 1) << name << ": make-before-break every 9 s";
  }
  EXPECT_GE(exchange_of(report, "bingx").at("stale_reconnects").get<int>(), 1);
  EXPECT_GE(exchange_of(report, "binance").at("decode_errors").get<int>(), 1);
  EXPECT_GE(count_lines_with(err, {"WARNING", "bingx connection 1/1", "stale: no frame for"}), 1) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "kucoinfutures", "token expired"}), 1) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "binance", "a frame could not be decoded"}), 1) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "binance connection", "ended", "1001"}), 1) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "bingx", "REST answered HTTP 418", "as the venue asks"}), 1) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "kucoinfutures", "REST answered HTTP 429", "waiting 1000 ms",
                                   "as the venue asks"}),
            1)
      << "KuCoin's gw-ratelimit-reset reached the fill through the adapter\n"
      << err;

  const auto klines = read_klines(events_path);
  EXPECT_TRUE(klines.problems.empty()) << join_all(klines.problems);
  for (const auto& [stream, opens] : klines.opens) EXPECT_GE(opens.size(), 15u) << stream;
  EXPECT_TRUE(bars_that_differ(klines).empty()) << join_all(bars_that_differ(klines));
  EXPECT_GE(bars_on_every_venue(klines), kMinBarsCompared) << "the comparison must have bars to compare";
  EXPECT_EQ(klines.opens.size(), 6u);
}

TEST(MarketData, ARestOutageDuringAGapDelaysTheMissingBarsInsteadOfLosingThem) {
  // The connections drop while the venue's REST answers 503 for 13 s: longer than one round of
  // a fill's attempts (1, 2 and 3 s apart). The fill is tried again until REST is back, and
  // the bars closed meanwhile arrive late but all of them, in order, none twice.
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  reconnect_initial_ms: 3000
  reconnect_max_ms: 3000
)",  // back after 3 s: about three 1m bars (1 s each at the sim's speed 60) closed meanwhile
             "binance", 24);
  const auto report_path = run.path("report.json");
  const auto events_path = run.path("klines.jsonl");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  std::this_thread::sleep_for(3s);
  act("/set?key=binance.fault_rest_status&value=503");
  act("/drop?venue=binance");
  std::this_thread::sleep_for(13s);
  act("/set?key=binance.fault_rest_status&value=0");
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  const auto ex = exchange_of(read_json(report_path), "binance");
  EXPECT_GE(ex.at("gaps_found").get<int>(), 1) << err;
  EXPECT_EQ(ex.at("gaps_filled"), ex.at("gaps_found")) << err;
  EXPECT_EQ(ex.at("gaps_unfilled"), 0) << err;
  EXPECT_EQ(ex.at("streams_live_at_exit"), 2) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "binance BTC/USDT:USDT 1m", "the REST kline fill failed; trying again"}) +
                count_lines_with(err, {"WARNING", "binance ETH/USDT:USDT 1m", "the REST kline fill failed; trying again"}),
            1)
      << err;
  EXPECT_EQ(count_lines_with(err, {"continues with a hole"}), 0) << err;
  const auto klines = read_klines(events_path);
  EXPECT_TRUE(klines.problems.empty()) << join_all(klines.problems);
  for (const auto& [stream, opens] : klines.opens) EXPECT_GE(opens.size(), 15u) << stream;
  EXPECT_EQ(klines.opens.size(), 2u);
}

TEST(MarketData, AnImplausibleRestAnswerIsRefusedAndNeverReachesTheStrategy) {
  // Issue 13, finding 6: after a reconnect the gap fill's REST answer carries bars whose low is
  // above their high. The fill must refuse it (a WARNING that says why, a hole counted in the
  // report) rather than hand such bars on: no recorded bar may have high below low.
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  reconnect_initial_ms: 3000
  reconnect_max_ms: 3000
)",  // back after 3 s: about three 1m bars (1 s each at the sim's speed 60) to fetch
             "binance", 12);
  const auto report_path = run.path("report.json");
  const auto events_path = run.path("klines.jsonl");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  std::this_thread::sleep_for(3s);
  act("/set?key=binance.fault_rest_bad_bars&value=1");
  act("/drop?venue=binance");
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  EXPECT_GE(count_lines_with(err, {"WARNING", "binance: kline answer refused", "high below low"}), 1) << err;
  const auto ex = exchange_of(read_json(report_path), "binance");
  EXPECT_GE(ex.at("gaps_unfilled").get<int>(), 1) << err;
  std::ifstream in(events_path);
  std::string line;
  std::size_t bars = 0;
  while (std::getline(in, line)) {
    const auto e = nlohmann::json::parse(line);
    EXPECT_GE(std::stod(e.at("high").get<std::string>()), std::stod(e.at("low").get<std::string>())) << line;
    ++bars;
  }
  EXPECT_GT(bars, 0u) << "the live bars around the refused fill still came";
}

TEST(MarketData, AThrottledKucoinBootstrapIsRetriedNoSoonerThanTheVenueAsks) {
  // KuCoin's bullet-token POST answers 429 with gw-ratelimit-reset: 3000. The reconnect must wait
  // those 3 s, not the 200 ms of its backoff: coming back early only extends a throttle.
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  reconnect_initial_ms: 200
  reconnect_max_ms: 400
)",
             "kucoinfutures", 12);
  const auto report_path = run.path("report.json");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  std::this_thread::sleep_for(3s);
  act("/set?key=kucoinfutures.fault_rest_status&value=429");
  act("/set?key=kucoinfutures.fault_retry_after_s&value=3");
  act("/drop?venue=kucoinfutures");
  std::this_thread::sleep_for(2s);  // the throttle lifts before the 3 s are up
  act("/set?key=kucoinfutures.fault_rest_status&value=0");
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  // The reconnect after the refused bootstrap names the venue's wait and keeps to it.
  std::size_t waits = 0;
  for (std::size_t at = err.find("bootstrap answer refused (HTTP 429)"); at != std::string::npos;
       at = err.find("bootstrap answer refused (HTTP 429)", at + 1)) {
    const std::size_t line_end = err.find('\n', at);
    const std::string line = err.substr(at, line_end - at);
    const auto in = line.find("Reconnecting in ");
    ASSERT_NE(in, std::string::npos) << line;
    EXPECT_GE(std::stoll(line.substr(in + 16)), 3000) << line;
    EXPECT_NE(line.find("(as the venue asks)"), std::string::npos) << line;
    ++waits;
  }
  EXPECT_EQ(waits, 1u) << "one refused bootstrap, then the throttle had lifted\n" << err;
  const auto ex = exchange_of(read_json(report_path), "kucoinfutures");
  EXPECT_EQ(ex.at("streams_live_at_exit"), 1) << err;
}

// Trade ids per "exchange symbol", in the order the strategy got them (--trades).
std::map<std::string, std::vector<std::int64_t>> read_trade_ids(const std::filesystem::path& path) {
  std::map<std::string, std::vector<std::int64_t>> ids;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto e = nlohmann::json::parse(line);
    EXPECT_EQ(e.at("kind"), "trade") << line;
    ids[e.at("exchange").get<std::string>() + " " + e.at("symbol").get<std::string>()].push_back(
        e.at("trade_id").get<std::int64_t>());
  }
  return ids;
}

TEST(MarketData, TradesMissedWhileTheConnectionWasAwayAreFetchedAndDeliveredInOrder) {
  // Binance's connections drop and come back 3 s later: the trades of those seconds never came
  // over the WebSocket. Binance numbers aggregate trades 1, 2, 3, ... per symbol and serves them
  // by id (GET /fapi/v1/aggTrades), so the strategy must still get every trade once, in order.
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  reconnect_initial_ms: 3000
  reconnect_max_ms: 3000
strategy:
  trade_streams: true
)",
             "binance", 12);
  const auto report_path = run.path("report.json");
  const auto trades_path = run.path("trades.jsonl");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  std::this_thread::sleep_for(3s);
  act("/drop?venue=binance");
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  const auto ex = exchange_of(read_json(report_path), "binance");
  EXPECT_GE(ex.at("trade_gaps_found").get<int>(), 2) << "one per symbol\n" << err;
  EXPECT_EQ(ex.at("trade_gaps_filled"), ex.at("trade_gaps_found")) << err;
  EXPECT_EQ(ex.at("trade_gaps_unfilled"), 0) << err;
  EXPECT_GT(ex.at("trades_backfilled").get<int>(), 0) << err;
  EXPECT_EQ(ex.at("trades_missed"), 0) << err;
  EXPECT_GE(count_lines_with(err, {"WARNING", "binance BTC/USDT:USDT: trades", "never came over the WebSocket"}), 1)
      << err;
  EXPECT_GE(count_lines_with(err, {"INFO", "binance BTC/USDT:USDT:", "missed trades fetched over REST and delivered in order"}), 1)
      << err;
  // The run's summary line says so too.
  EXPECT_GE(count_lines_with(err, {"INFO", "binance:", "trade gaps filled", "[run_summary"}), 1) << err;
  const auto ids = read_trade_ids(trades_path);
  ASSERT_EQ(ids.size(), 2u);
  for (const auto& [stream, list] : ids) {
    ASSERT_GE(list.size(), 20u) << stream;
    std::size_t breaks = 0;
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (list[i] != list[i - 1] + 1) {
        ++breaks;
        ADD_FAILURE() << stream << ": " << list[i - 1] << " then " << list[i];
        if (breaks > 5) break;
      }
    }
  }
}

TEST(MarketData, ConnectionsOutOfStepAreSwitchedWithNoTradeDoubledOrMissedAndNothingStale) {
  // Both connections of a make-before-break replacement carry the same data for a moment, and
  // with the sim's fault_lag_ms toggled the new one runs 300 ms behind the old, or the old
  // behind the new. exchange-sim numbers each symbol's trades 1, 2, 3, ... and Binance (aggTrade
  // `a`) and KuCoin (`tradeId`) pass the number on: the strategy must get each trade once, none
  // skipped. A closed bar must be the venue's last word on it on every venue: BingX and KuCoin
  // close a bar when the next opens, so an earlier state from the lagging connection must not
  // become its close. And quotes must never go back in time.
  constexpr std::size_t kMinBarsCompared = 8;
  SimRun run(R"(universe:
  fixed_symbols: [BTC/USDT:USDT, ETH/USDT:USDT]
websocket:
  stream_timeframes: [1m]
  rotate_after_ms: 2000
strategy:
  trade_streams: true
  book_ticker_streams: true
)",
             "binance,bingx,kucoinfutures", 16);
  const auto report_path = run.path("report.json");
  const auto trades_path = run.path("trades.jsonl");
  const auto events_path = run.path("klines.jsonl");
  const auto quotes_path = run.path("quotes.jsonl");
  std::string& err = run.err;
  const SimControl& act = run.act;
  ASSERT_FALSE(act.url.empty()) << err;
  // 3 s on, 3 s off against a replacement every 2 s: each switch meets one of lagging, leading
  // and even, in turn.
  for (int phase = 0; phase < 4; ++phase) {
    const std::string lag = phase % 2 == 0 ? "300" : "0";
    for (const char* venue : {"binance", "bingx", "kucoinfutures"}) act(std::string("/set?key=") + venue + ".fault_lag_ms&value=" + lag);
    std::this_thread::sleep_for(3s);
  }
  const int code = run.stop();
  ASSERT_EQ(code, 0) << err;

  const auto report = read_json(report_path);
  auto ids = read_trade_ids(trades_path);
  for (auto it = ids.begin(); it != ids.end();) it = it->first.rfind("bingx", 0) == 0 ? ids.erase(it) : std::next(it);
  for (const char* name : {"binance", "kucoinfutures"}) {
    const auto ex = exchange_of(report, name);
    EXPECT_GE(ex.at("rotations").get<int>(), 4) << name << ": a replacement every 2 s";
    EXPECT_GE(ex.at("trade_handoffs").get<int>(), 8) << name << ": two symbols handed over at each";
    EXPECT_EQ(ex.at("trade_handoffs_unmatched"), 0) << name << ": 300 ms apart is well within the overlap";
    EXPECT_GT(ex.at("trade_repeats_dropped").get<int>(), 0) << name;
    std::size_t recorded = 0;
    for (const auto& [stream, list] : ids) recorded += stream.rfind(name, 0) == 0 ? list.size() : 0;
    EXPECT_EQ(ex.at("trades").get<std::size_t>(), recorded) << name;
  }
  EXPECT_GE(exchange_of(report, "bingx").at("rotations").get<int>(), 4);
  EXPECT_EQ(ids.size(), 4u) << "a trade stream per exchange and symbol";
  std::vector<std::string> problems;
  for (const auto& [stream, list] : ids) {
    EXPECT_GE(list.size(), 100u) << stream;
    for (std::size_t i = 1; i < list.size(); ++i) {
      if (list[i] == list[i - 1] + 1) continue;
      problems.push_back(stream + ": " + std::to_string(list[i - 1]) + " then " + std::to_string(list[i]));
    }
  }
  EXPECT_TRUE(problems.empty()) << join_all(problems);

  const auto klines = read_klines(events_path);
  EXPECT_TRUE(klines.problems.empty()) << join_all(klines.problems);
  EXPECT_TRUE(bars_that_differ(klines).empty()) << join_all(bars_that_differ(klines));
  EXPECT_GE(bars_on_every_venue(klines), kMinBarsCompared) << "the comparison must have bars to compare";

  // Quotes never go back in time, though the connection that lags carries older ones.
  std::map<std::string, std::int64_t> last_quote_ms;
  std::vector<std::string> rewinds;
  std::ifstream quotes(quotes_path);
  for (std::string line; std::getline(quotes, line);) {
    const auto e = nlohmann::json::parse(line);
    const std::string stream = e.at("exchange").get<std::string>() + " " + e.at("symbol").get<std::string>();
    const auto t = e.at("time_ms").get<std::int64_t>();
    if (last_quote_ms.count(stream) && t < last_quote_ms[stream]) {
      rewinds.push_back(stream + ": " + std::to_string(last_quote_ms[stream]) + " then " + std::to_string(t));
    }
    last_quote_ms[stream] = std::max(last_quote_ms[stream], t);
  }
  EXPECT_EQ(last_quote_ms.size(), 6u) << "a book ticker stream per exchange and symbol";
  EXPECT_TRUE(rewinds.empty()) << join_all(rewinds);
  for (const char* name : {"binance", "bingx", "kucoinfutures"}) {
    EXPECT_GT(exchange_of(report, name).at("book_tickers_stale_dropped").get<int>(), 0) << name;
  }
}

TEST(MarketData, ThreeHundredStreamsOnOneVenueAreShardedAndAllAcknowledged) {
  TempDir dir;
  std::string symbols;
  for (int i = 1; i <= 100; ++i) symbols += (i > 1 ? ", " : "") + std::string("S") + std::to_string(1000 + i) + "/USDT:USDT";
  const auto config = dir.write("c.yaml", "universe:\n  fixed_symbols: [" + symbols +
                                              "]\nwebsocket:\n  stream_timeframes: [1m, 5m]\n"
                                              "  max_streams_per_exchange:\n    binance: 300\n"
                                              "strategy:\n  trade_streams: true\n");
  auto plan = tradehost({"plan", "--json", "--config", config.string(), "--exchanges", "binance"}, {}, dir.path());
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto p = nlohmann::json::parse(plan.out).at("exchanges")[0];
  EXPECT_EQ(p.at("streams_planned"), 300);
  ASSERT_EQ(p.at("connections").size(), 2u) << "200 streams per connection on binance";
  EXPECT_EQ(p.at("connections")[0].at("streams").size(), 200u);
  EXPECT_EQ(p.at("connections")[1].at("streams").size(), 100u);

  const auto report_path = dir.path() / "report.json";
  auto r = tradehost({"--live", "--paper", "--sim", "--config", config.string(), "--exchanges", "binance",
                      "--duration", "8", "--report", report_path.string()},
                     {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ex = exchange_of(read_json(report_path), "binance");
  EXPECT_EQ(ex.at("connections"), 2);
  EXPECT_EQ(ex.at("streams_acknowledged"), 300);
  EXPECT_EQ(ex.at("streams_live_at_exit"), 300);
  EXPECT_EQ(ex.at("reconnects"), 0) << r.err;
}

}  // namespace
}  // namespace tradehost::test
