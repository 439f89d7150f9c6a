// Live mode is fail-closed: any config error, fallback or default symbols, or missing
// credentials for an exchange in use stop it with exit 2 before anything is planned or connected.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace tradehost::test {
namespace {

constexpr const char* kGoodConfig = "universe:\n  fixed_symbols: [BTC/USDT:USDT]\n";

EnvMap live_env(EnvMap extra = {}) {
  EnvMap env{{"TRADING_MODE", "live"},
             {"EXCHANGES", "binance,kucoinfutures"},
             {"BINANCE_API_KEY", "k1"},
             {"BINANCE_SECRET", "s1"},
             {"KUCOIN_FUTURES_API_KEY", "k2"},
             {"KUCOIN_FUTURES_SECRET", "s2"},
             {"KUCOIN_FUTURES_PASSPHRASE", "p2"}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

void expect_refused_before_planning(const ProcessResult& r) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Live mode refuses to start"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"streams wanted"}), 0) << r.err;
}

TEST(LiveFailClosed, AGoodLiveSetupGetsAsFarAsPlanning) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in live mode"}), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "kucoinfutures: 1 streams wanted"}), 1) << r.err;
}

TEST(LiveFailClosed, RefusesAMissingConfigFileEvenWithEnvironmentSymbols) {
  TempDir dir;
  auto r = tradehost({"--live", "--config", (dir.path() / "missing.yaml").string()},
                     live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Config file not found"}), 1) << r.err;
}

TEST(LiveFailClosed, AcceptsEnvironmentSymbolsWhenTheFileDoesNotListAny) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 500\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in live mode", "1 symbols from env TRADING_SYMBOLS"}), 1)
      << r.err;
}

TEST(LiveFailClosed, RefusesTheDefaultSymbols) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "portfolio:\n  equity_usd: 500\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Using default symbols", "live mode never trades on defaults"}), 1)
      << r.err;
}

TEST(LiveFailClosed, RefusesInvalidSymbolsInsteadOfFallingBack) {
  TempDir dir;
  const auto f = dir.write("c.yaml", "universe:\n  fixed_symbols: [BTCUSDT]\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"TRADING_SYMBOLS", "BTC/USDT:USDT"}}), dir.path());
  expect_refused_before_planning(r);
}

TEST(LiveFailClosed, TreatsAnUnknownKeyAsAnError) {
  TempDir dir;
  const auto f = dir.write("config.yaml", std::string(kGoodConfig) + "risk:\n  max_leverag: 3\n");
  auto r = tradehost({"--live", "--config", f.string()}, live_env(), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "unknown key 'risk'"}), 1) << r.err;
}

TEST(LiveFailClosed, NamesEveryMissingCredential) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("KUCOIN_FUTURES_PASSPHRASE");
  env.erase("BINANCE_SECRET");
  auto r = tradehost({"--live", "--config", f.string()}, env, dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "Live mode needs credentials for binance: BINANCE_SECRET not set"}), 1)
      << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "kucoinfutures: KUCOIN_FUTURES_PASSPHRASE not set"}), 1) << r.err;
}

TEST(LiveFailClosed, RefusesARestBaseWithAQueryNamingWhereItCameFrom) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()},
                     live_env({{"BINANCE_REST_URL", "https://fapi.example.com/api?token=abc"}}), dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "REST endpoint 'https://fapi.example.com/api?...' for binance",
                                     "BINANCE_REST_URL", "carries a query", "Fix: give the base only"}),
            1)
      << r.err;
  EXPECT_EQ(r.err.find("token=abc"), std::string::npos) << "the query is not echoed: " << r.err;
}

TEST(LiveFailClosed, RefusesPlaintextEndpointsOffLoopback) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  auto r = tradehost({"--live", "--config", f.string()}, live_env({{"BINANCE_REST_URL", "http://fapi.example.com"}}),
                     dir.path());
  expect_refused_before_planning(r);
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "refuses the unencrypted endpoint 'http://fapi.example.com'"}), 1)
      << r.err;
  auto loopback = tradehost({"--live", "--config", f.string()},
                            live_env({{"BINANCE_REST_URL", "http://127.0.0.1:8080"}}), dir.path());
  EXPECT_EQ(loopback.exit_code, 1) << loopback.err;
}

TEST(LiveFailClosed, PaperFlagAlwaysMeansPaper) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("BINANCE_API_KEY");
  auto r = tradehost({"--live", "--paper", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"INFO", "Starting in paper mode"}), 1) << r.err;
}

TEST(LiveFailClosed, ValidateFailsMissingCredentialsInLiveMode) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  EnvMap env = live_env();
  env.erase("BINANCE_API_KEY");
  auto r = tradehost({"validate", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines_with(r.out, {"FAIL", "BINANCE_API_KEY not set"}), 1) << r.out;
  EXPECT_EQ(count_lines_with(r.out, {"PASS credentials kucoinfutures: set (values hidden)"}), 1) << r.out;
}

// A REST server on loopback that answers every request with one canned HTTP response: a hostile
// venue (or whoever sits between us and it) choosing what the host dials next.
class CannedHttpServer {
 public:
  explicit CannedHttpServer(std::string body) : body_(std::move(body)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0 && ::listen(fd_, 16) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port_ = ntohs(addr.sin_port);
    }
    thread_ = std::thread([this] { serve(); });
  }
  ~CannedHttpServer() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);  // wakes accept()
    thread_.join();
    ::close(fd_);
  }
  CannedHttpServer(const CannedHttpServer&) = delete;
  CannedHttpServer& operator=(const CannedHttpServer&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }

 private:
  void serve() {
    while (!stopping_) {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const auto n = ::read(client, buf, sizeof(buf));
        if (n <= 0) break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      ++requests_;
      const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                   std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" + body_;
      (void)!::write(client, response.data(), response.size());  // a short write fails the request: fine
      ::close(client);
    }
  }
  std::string body_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread thread_;
};

TEST(LiveFailClosed, RefusesAPlaintextEndpointHandedOutByTheVenue) {
  // KuCoin's bullet answer names the WebSocket endpoint to dial. The configured REST URL passes
  // the checks (loopback), but live mode must not dial ws:// to another machine because the
  // venue said so. 192.0.2.1 is TEST-NET-1: nothing answers there, and it is never dialled.
  CannedHttpServer venue(
      R"({"code":"200000","data":{"token":"PLANTEDbullettoken9c2e","instanceServers":[{"endpoint":)"
      R"("ws://192.0.2.1:9/endpoint","encrypt":false,"protocol":"websocket","pingInterval":18000,)"
      R"("pingTimeout":10000}]}})");
  TempDir dir;
  const auto f = dir.write("c.yaml", std::string(kGoodConfig) + "websocket:\n  stream_timeframes: [1m]\n");
  auto r = tradehost({"--live", "--config", f.string(), "--duration", "3", "--log-level", "debug"},
                     live_env({{"EXCHANGES", "kucoinfutures"}, {"KUCOIN_FUTURES_REST_URL", venue.url()}}), dir.path());
  EXPECT_GE(venue.requests(), 1) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", "kucoinfutures", "live mode refuses the unencrypted WebSocket endpoint",
                                     "'ws://192.0.2.1:9/endpoint?...'", "handed out by the venue's bootstrap answer"}),
            1)
      << r.err;
  EXPECT_EQ(r.err.find("PLANTED"), std::string::npos) << "the bullet token is not logged:\n" << r.err;
  EXPECT_EQ(r.err.find("token="), std::string::npos) << r.err;
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(LiveFailClosed, ValidateAndARunRefuseTheSameBadUrlWithExit2) {
  TempDir dir;
  const auto f = dir.write("c.yaml", kGoodConfig);
  const std::string message =
      "WebSocket endpoint for binance (from env BINANCE_WS_URL) is not a usable WebSocket URL: invalid URL "
      "'wss://h:99999': the port must be a number from 1 to 65535. Fix: e.g. wss://";
  const EnvMap env = live_env({{"BINANCE_WS_URL", "wss://h:99999"}});
  auto validate = tradehost({"validate", "--config", f.string()}, env, dir.path());
  EXPECT_EQ(validate.exit_code, 2) << validate.out;
  EXPECT_EQ(count_lines_with(validate.out, {"FAIL", message}), 1) << validate.out;
  for (const std::vector<std::string>& run : {std::vector<std::string>{"--live", "--config", f.string()},
                                              std::vector<std::string>{"--live", "--paper", "--config", f.string()}}) {
    auto r = tradehost(run, env, dir.path());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(count_lines_with(r.err, {"ERROR", message}), 1) << r.err;
  }
}

TEST(LiveFailClosed, ABadUrlInTheFileIsRefusedAtItsLineByValidateAndARun) {
  TempDir dir;
  const auto f = dir.write("c.yaml", std::string(kGoodConfig) + "exchanges:\n  binance:\n    ws_url: wss://h:99999\n");
  const std::string message = "exchanges.binance.ws_url at " + f.string() +
                              ":5 is not a usable WebSocket URL: invalid URL 'wss://h:99999': the port must be a "
                              "number from 1 to 65535";
  auto validate = tradehost({"validate", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(validate.exit_code, 2) << validate.out;
  EXPECT_EQ(count_lines_with(validate.out, {"FAIL", message}), 1) << validate.out;
  auto r = tradehost({"--live", "--paper", "--config", f.string()}, live_env(), dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(count_lines_with(r.err, {"ERROR", message}), 1) << r.err;
}

}  // namespace
}  // namespace tradehost::test
