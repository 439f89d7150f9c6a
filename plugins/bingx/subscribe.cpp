#include "bingx/subscribe.hpp"

#include "bingx/symbols.hpp"

#include <string>
#include <utility>

namespace tradehost::bingx {
namespace {

// protocols/bingx.md §3 and §5: <SYMBOL>@kline_<interval>, <SYMBOL>@trade, <SYMBOL>@bookTicker,
// with the symbol spelled as in REST (uppercase, hyphen).
constexpr std::string_view kKlinePrefix = "kline_";
constexpr std::string_view kTradeChannel = "trade";
constexpr std::string_view kBookTickerChannel = "bookTicker";

sdk::Failure not_a_stream(std::string_view name, std::string_view why) {
  return sdk::fail(
      sdk::ErrorCode::invalid_config,
      "bingx: '" + std::string(name) + "' is not a stream name we use (" + std::string(why) + ")");
}

}  // namespace

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) {
  auto symbol = venue_symbol(stream.symbol);
  if (!symbol) return sdk::Failure{std::move(symbol).error()};
  std::string name = std::move(*symbol) + "@";
  switch (stream.kind) {
    case sdk::EventKind::kline: {
      auto interval = venue_timeframe(stream.timeframe);
      if (!interval) return sdk::Failure{std::move(interval).error()};
      return name + std::string(kKlinePrefix) + *interval;
    }
    case sdk::EventKind::trade: return name + std::string(kTradeChannel);
    case sdk::EventKind::book_ticker: return name + std::string(kBookTickerChannel);
  }
  return sdk::fail(
      sdk::ErrorCode::invalid_config,
      "bingx: unknown event kind #" + std::to_string(static_cast<unsigned>(stream.kind)));
}

sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) {
  const auto at = name.find('@');
  if (at == std::string_view::npos) return not_a_stream(name, "no '@'");
  // The symbol check below refuses lowercase and all@... (protocols/bingx.md §4: all-symbol
  // topics exist but are not ours).
  auto symbol = unified_symbol(name.substr(0, at));
  if (!symbol) return sdk::Failure{std::move(symbol).error()};
  const std::string_view channel = name.substr(at + 1);

  sdk::StreamKey key;
  key.symbol = std::move(*symbol);
  if (channel == kTradeChannel) {
    key.kind = sdk::EventKind::trade;
  } else if (channel == kBookTickerChannel) {
    key.kind = sdk::EventKind::book_ticker;
  } else if (channel.starts_with(kKlinePrefix)) {
    auto timeframe = unified_timeframe(channel.substr(kKlinePrefix.size()));
    if (!timeframe) return sdk::Failure{std::move(timeframe).error()};
    key.kind = sdk::EventKind::kline;
    key.timeframe = *timeframe;
  } else {
    return not_a_stream(name, "expected kline_<interval>, trade or bookTicker");
  }
  return key;
}

}  // namespace tradehost::bingx
