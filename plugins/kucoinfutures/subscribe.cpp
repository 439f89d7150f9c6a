#include "kucoinfutures/subscribe.hpp"

#include "kucoinfutures/symbols.hpp"

#include <string>
#include <utility>

namespace tradehost::kucoinfutures {
namespace {

// protocols/kucoinfutures.md §5. tickerV2 rather than ticker: KuCoin calls the latter "not
// recommended". Each prefix ends at the ':' that separates the topic from its target.
constexpr std::string_view kCandleTopic = "/contractMarket/limitCandle:";
constexpr std::string_view kTradeTopic = "/contractMarket/execution:";
constexpr std::string_view kBookTickerTopic = "/contractMarket/tickerV2:";
// protocols/kucoinfutures.md §5: a candle target is <symbol>_<type>.
constexpr char kCandleSeparator = '_';

sdk::Failure not_a_stream(std::string_view name, std::string_view why) {
  return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: '" + std::string(name) +
                                                       "' is not a stream name we use (" +
                                                       std::string(why) + ")");
}

}  // namespace

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) {
  auto symbol = venue_symbol(stream.symbol);
  if (!symbol) return sdk::Failure{std::move(symbol).error()};
  switch (stream.kind) {
    case sdk::EventKind::kline: {
      auto type = venue_timeframe(stream.timeframe);
      if (!type) return sdk::Failure{std::move(type).error()};
      return std::string(kCandleTopic) + *symbol + kCandleSeparator + *type;
    }
    case sdk::EventKind::trade: return std::string(kTradeTopic) + *symbol;
    case sdk::EventKind::book_ticker: return std::string(kBookTickerTopic) + *symbol;
  }
  return sdk::fail(
      sdk::ErrorCode::invalid_config,
      "kucoinfutures: unknown event kind #" + std::to_string(static_cast<unsigned>(stream.kind)));
}

sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) {
  sdk::StreamKey key;
  std::string_view target;
  if (name.starts_with(kCandleTopic)) {
    target = name.substr(kCandleTopic.size());
    const auto separator = target.find(kCandleSeparator);
    if (separator == std::string_view::npos) {
      return not_a_stream(name, "a candle topic needs <symbol>_<type>");
    }
    auto timeframe = unified_timeframe(target.substr(separator + 1));
    if (!timeframe) return sdk::Failure{std::move(timeframe).error()};
    key.kind = sdk::EventKind::kline;
    key.timeframe = *timeframe;
    target = target.substr(0, separator);
  } else if (name.starts_with(kTradeTopic)) {
    key.kind = sdk::EventKind::trade;
    target = name.substr(kTradeTopic.size());
  } else if (name.starts_with(kBookTickerTopic)) {
    key.kind = sdk::EventKind::book_ticker;
    target = name.substr(kBookTickerTopic.size());
  } else {
    return not_a_stream(name, "expected limitCandle, execution or tickerV2 under /contractMarket/");
  }
  // Refuses lists (XBTUSDTM,ETHUSDTM) too: a comma is not part of any symbol.
  auto symbol = unified_symbol(target);
  if (!symbol) return sdk::Failure{std::move(symbol).error()};
  key.symbol = std::move(*symbol);
  return key;
}

}  // namespace tradehost::kucoinfutures
