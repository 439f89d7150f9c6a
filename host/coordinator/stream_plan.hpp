// StreamPlan: the streams one exchange should carry, capped at its stream limit.
//
// Wanted = symbols x stream_timeframes klines, plus a trade and a book-ticker stream per symbol
// when the strategy asks. Order is symbol-major in the order the operator listed symbols, so the
// cap leaves out the streams of the last symbols first: what is listed first is served first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tradehost/sdk/stream.hpp>

namespace tradehost::coordinator {

struct StreamRequest {
  std::vector<sdk::UnifiedSymbol> symbols;
  std::vector<sdk::Timeframe> timeframes;
  bool trades = false;
  bool book_tickers = false;
};

struct StreamPlan {
  std::string exchange;
  std::int32_t cap = 0;
  std::vector<sdk::StreamKey> wanted;
  std::vector<sdk::StreamKey> subscribed;  // the first `cap` of wanted
  std::vector<sdk::StreamKey> left_out;    // the rest
};

StreamPlan plan_streams(const std::string& exchange, const StreamRequest& request, std::int32_t cap);

}  // namespace tradehost::coordinator
