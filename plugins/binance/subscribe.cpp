#include "binance/subscribe.hpp"

#include "binance/symbols.hpp"

#include <string>
#include <utility>

namespace tradehost::binance {
namespace {

// protocols/binance.md §1: the channel part is case-sensitive camelCase. Trades come from
// aggTrade (§5: documented, on /market) rather than the undocumented raw @trade.
constexpr std::string_view kKlinePrefix = "kline_";
constexpr std::string_view kTradeChannel = "aggTrade";
constexpr std::string_view kBookTickerChannel = "bookTicker";

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_lower_alnum(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

sdk::Failure not_a_stream(std::string_view name, std::string_view why) {
  return sdk::fail(sdk::ErrorCode::invalid_config, "binance: '" + std::string(name) +
                                                       "' is not a stream name we use (" +
                                                       std::string(why) + ")");
}

}  // namespace

sdk::Result<std::string> stream_name(const sdk::StreamKey& stream) {
  auto symbol = venue_symbol(stream.symbol);
  if (!symbol) return sdk::Failure{std::move(symbol).error()};
  // protocols/binance.md §1: all symbols in stream names are lowercase.
  std::string name = to_lower(*symbol) + "@";
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
      "binance: unknown event kind #" + std::to_string(static_cast<unsigned>(stream.kind)));
}

sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) {
  const auto at = name.find('@');
  if (at == std::string_view::npos) return not_a_stream(name, "no '@'");
  const std::string_view symbol_part = name.substr(0, at);
  const std::string_view channel = name.substr(at + 1);
  // Uppercase here would be BTCUSDT@..., which stream_name never produces.
  if (!is_lower_alnum(symbol_part)) {
    return not_a_stream(name, "the symbol must be lowercase a-z/0-9");
  }
  auto symbol = unified_symbol(sdk::detail::to_upper(symbol_part));
  if (!symbol) return sdk::Failure{std::move(symbol).error()};

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
    return not_a_stream(name, "expected kline_<interval>, aggTrade or bookTicker");
  }
  return key;
}

}  // namespace tradehost::binance
