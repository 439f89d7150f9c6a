// Stopping a run: Ctrl-C (SIGINT) ends the host promptly whatever its connections are doing.
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/sim_process.hpp"

namespace tradehost::test {
namespace {

using namespace std::chrono_literals;

// What AddressSanitizer needs to accept a library preloaded ahead of its runtime.
std::string asan_options_with_preload() {
  const char* current = std::getenv("ASAN_OPTIONS");
  return std::string(current != nullptr ? current : "") + ":verify_asan_link_order=0";
}

TEST(Shutdown, SigintEndsTheRunPromptlyWhileADnsLookupHangs) {
  // The DNS server stopped answering: the lookup of the venue's host blocks (60 s here; a real
  // resolver retries for tens of seconds). The operator's Ctrl-C must not wait for it.
  TempDir dir;
  const auto config = dir.write("c.yaml", R"(universe:
  fixed_symbols: [BTC/USDT:USDT]
websocket:
  stream_timeframes: [1m]
)");
  ChildProcess host(kTradehostBin,
                    {"--live", "--paper", "--config", config.string(), "--exchanges", "binance", "--duration", "120"},
                    {{"LD_PRELOAD", TRADEHOST_HUNG_DNS_PRELOAD},
                     {"ASAN_OPTIONS", asan_options_with_preload()},
                     {"BINANCE_WS_URL", "wss://hung-dns.invalid/ws"},
                     {"BINANCE_REST_URL", "https://hung-dns.invalid"}});
  // Once the streams are planned the run has its signal handler and starts connecting; a second
  // later the connection is waiting for its lookup.
  std::string err;
  for (int i = 0; i < 150 && err.find("streams wanted") == std::string::npos; ++i) {
    std::this_thread::sleep_for(100ms);
    err += host.stderr_text();
  }
  ASSERT_NE(err.find("streams wanted"), std::string::npos) << err;
  std::this_thread::sleep_for(1s);
  const auto asked = std::chrono::steady_clock::now();
  const int code = host.stop(SIGINT, 20s);
  const auto took = std::chrono::steady_clock::now() - asked;
  err += host.stderr_text();
  ASSERT_NE(code, -1) << "still running 20 s after SIGINT (or killed by it)\n" << err;
  EXPECT_LT(took, 5s) << "the lookup hangs for 60 s; the exit must not wait for it\n" << err;
  EXPECT_GE(count_lines_with(err, {"INFO", "Stopping on SIGINT"}), 1) << err;
  // Nothing was acknowledged before the stop: the seed's message, and exit 1.
  EXPECT_EQ(code, 1) << err;
  EXPECT_GE(count_lines_with(err, {"ERROR", "binance: none of 1 streams was acknowledged (the run stopped first)"}), 1)
      << err;
}

}  // namespace
}  // namespace tradehost::test
