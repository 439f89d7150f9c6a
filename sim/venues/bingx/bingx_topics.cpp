#include "venues/bingx/bingx_topics.hpp"

namespace tradehost::sim::bingx {

std::string venue_symbol(const Instrument& instrument) { return instrument.base + "-USDT"; }

std::optional<std::size_t> find_symbol(const Market& market, std::string_view symbol) {
  const auto dash = symbol.find('-');
  if (dash == std::string_view::npos || symbol.substr(dash + 1) != "USDT") return std::nullopt;
  return market.find(symbol.substr(0, dash));
}

std::optional<sdk::Timeframe> parse_interval(std::string_view interval) {
  // §3: exactly the unified names (`1M` is a month, case-sensitive).
  return sdk::parse_timeframe(interval);
}

std::optional<Topic> parse_data_type(const Market& market, std::string_view data_type) {
  const auto at = data_type.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto index = find_symbol(market, data_type.substr(0, at));
  if (!index) return std::nullopt;
  const std::string_view channel = data_type.substr(at + 1);
  if (channel == "trade") return Topic{*index, Channel::trade};
  if (channel == "bookTicker") return Topic{*index, Channel::book_ticker};
  constexpr std::string_view kKline = "kline_";
  if (channel.substr(0, kKline.size()) == kKline) {
    const auto tf = parse_interval(channel.substr(kKline.size()));
    if (!tf) return std::nullopt;
    return Topic{*index, Channel::kline, *tf};
  }
  return std::nullopt;
}

std::string data_type(const Market& market, const Topic& topic) {
  const std::string symbol = venue_symbol(market.instruments()[topic.symbol]);
  switch (topic.channel) {
    case Channel::kline:
      return symbol + "@kline_" + std::string(sdk::to_string(topic.timeframe));
    case Channel::trade:
      return symbol + "@trade";
    case Channel::book_ticker:
      return symbol + "@bookTicker";
  }
  return symbol;
}

}  // namespace tradehost::sim::bingx
