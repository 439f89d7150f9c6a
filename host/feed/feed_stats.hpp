// FeedStats: what one exchange's feed did, for the status line and the report. Counters only
// grow; the interval histogram is cleared by whoever prints a status line.
#pragma once

#include <cstdint>
#include <string>

#include "feed/kline_continuity.hpp"
#include "feed/latency_histogram.hpp"
#include "feed/trade_gaps.hpp"
#include "feed/trade_handoff.hpp"

namespace tradehost::feed {

struct FeedStats {
  std::uint32_t streams_planned = 0;
  std::uint32_t streams_subscribed = 0;    // distinct streams whose subscribe frame was sent
  std::uint32_t streams_acknowledged = 0;  // distinct streams the venue acknowledged at least once
  std::uint32_t streams_live = 0;          // acknowledged on a connection that is up now
  std::uint32_t streams_refused = 0;
  std::uint32_t connections_planned = 0;
  std::uint32_t connections_open = 0;
  std::uint32_t connections_failing = 0;  // failed 3 times before any stream was acknowledged
  std::string last_failure;                // why the last connection ended, for the operator
  std::uint64_t frames = 0;
  std::uint64_t events = 0;
  std::uint64_t closed_klines = 0;  // delivered to the strategy, after de-duplication
  std::uint64_t trades = 0;         // delivered to the strategy, after de-duplication
  std::uint64_t book_tickers = 0;   // delivered to the strategy
  std::uint64_t book_tickers_stale_dropped = 0;  // older than one delivered, or the same again
  std::uint64_t decode_errors = 0;
  std::uint64_t reconnects = 0;
  std::uint64_t rotations = 0;
  std::uint64_t stale_reconnects = 0;
  std::uint64_t rest_failures = 0;
  ContinuityCounters gaps;  // copied from the continuity tracker when read
  HandoffCounters handoff;  // copied from the trade handoff when read (venues with rising trade ids)
  TradeGapCounters trade_gaps;  // copied from the gap check when read (venues that fetch trades by id)
  LatencyHistogram lag_interval;
  LatencyHistogram lag_total;
};

}  // namespace tradehost::feed
