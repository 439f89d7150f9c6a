// A market-data stream the host wants: one kind of event for one symbol (and timeframe).
#pragma once

#include <cstdint>
#include <string>

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

struct StreamKey {
  EventKind kind = EventKind::kline;
  UnifiedSymbol symbol;
  Timeframe timeframe = Timeframe::m1;  // meaningful for klines only

  // `BTC/USDT:USDT kline 1m`, `ETH/USDT:USDT trade`: how logs and `plan` name a stream.
  std::string to_string() const {
    std::string out = symbol.to_string() + " " + std::string(sdk::to_string(kind));
    if (kind == EventKind::kline) out += " " + std::string(sdk::to_string(timeframe));
    return out;
  }
  // The timeframe only tells klines apart: a trade stream is the same whatever it holds there.
  friend bool operator==(const StreamKey& a, const StreamKey& b) {
    return a.kind == b.kind && a.symbol == b.symbol && (a.kind != EventKind::kline || a.timeframe == b.timeframe);
  }
};

}  // namespace tradehost::sdk
