// The market-data session of a run (issue 4, the seed's "WebSocket initialization"): bind the
// symbols, start one ExchangeFeed per exchange, judge the start (which streams the venues
// acknowledged), log a status line every N seconds, stop at the duration or on SIGINT/SIGTERM,
// and hand back every figure for the report. One io_context on this thread; each exchange runs on
// its own strand.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/adapter.hpp>

#include "feed/exchange_feed.hpp"

namespace tradehost::coordinator {

struct SessionExchange {
  std::string name;
  sdk::Adapter* adapter = nullptr;
  feed::DecoderFactory new_decoder;  // one adapter per connection (feed::FeedConfig)
  std::string ws_url;
  std::string rest_url;
  std::vector<sdk::UnifiedSymbol> symbols;
  std::vector<sdk::StreamKey> streams;  // planned, within the cap
  std::uint32_t streams_wanted = 0;
};

struct SessionOptions {
  std::int64_t duration_s = 0;         // 0: until SIGINT/SIGTERM
  std::int64_t status_interval_s = 10;  // 0: no status line
  std::int64_t startup_timeout_ms = 15000;
  feed::FeedTuning tuning;
  std::string ca_file;  // trusted besides the system store (the simulator's CA)
  feed::VenueClock clock;
  std::optional<std::filesystem::path> events_path;  // closed klines as JSON lines
  std::optional<std::filesystem::path> trades_path;  // trades as JSON lines
  std::optional<std::filesystem::path> quotes_path;  // book tickers as JSON lines
  bool busy_poll = false;  // spin the io thread (poll) instead of sleeping in epoll
  bool live = false;       // refuse plaintext endpoints off loopback, whoever hands them out
};

struct ExchangeResult {
  std::string name;
  std::uint32_t streams_wanted = 0;
  std::string error;  // why this exchange did not start, if it did not
  feed::FeedStats stats;
};

struct SessionResult {
  bool started = false;  // at least one stream acknowledged on some exchange
  std::string stop_reason;
  double seconds = 0;
  std::vector<ExchangeResult> exchanges;
};

SessionResult run_market_session(const std::vector<SessionExchange>& exchanges, const SessionOptions& options);

// One line per exchange, as the status line logs it: the rate since `frames_before` over
// `seconds`, and the lag of the last interval (or of the whole run).
std::string status_text(const std::string& exchange, const feed::FeedStats& stats, double seconds,
                        std::uint64_t frames_before, bool whole_run);

}  // namespace tradehost::coordinator
