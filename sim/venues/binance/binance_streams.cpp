#include "venues/binance/binance_streams.hpp"
#include "text_and_time.hpp"

#include <cctype>

namespace tradehost::sim::binance {

std::string stream_symbol(const Instrument& instrument) {
  return lower(instrument.base + "usdt");
}

std::string rest_symbol(const Instrument& instrument) { return instrument.base + "USDT"; }

std::optional<std::size_t> find_rest_symbol(const Market& market, std::string_view symbol) {
  if (symbol.size() <= 4 || symbol.substr(symbol.size() - 4) != "USDT") return std::nullopt;
  return market.find(symbol.substr(0, symbol.size() - 4));
}

std::optional<sdk::Timeframe> parse_interval(std::string_view interval) {
  // §3: the same set as the unified names, `1M` a month; no seconds interval.
  return sdk::parse_timeframe(interval);
}

std::optional<StreamRef> parse_stream(const Market& market, std::string_view name) {
  const auto at = name.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view sym = name.substr(0, at);
  const std::string_view channel = name.substr(at + 1);
  // §1: symbols in stream names are lowercase; the channel part is case-sensitive.
  std::optional<std::size_t> index;
  for (std::size_t i = 0; i < market.instruments().size(); ++i) {
    if (stream_symbol(market.instruments()[i]) == sym) index = i;
  }
  if (!index) return std::nullopt;
  if (channel == "aggTrade") return StreamRef{*index, Channel::agg_trade};
  if (channel == "trade") return StreamRef{*index, Channel::trade};
  if (channel == "bookTicker") return StreamRef{*index, Channel::book_ticker};
  if (channel.rfind("kline_", 0) == 0) {
    auto tf = parse_interval(channel.substr(6));
    if (!tf) return std::nullopt;
    return StreamRef{*index, Channel::kline, *tf};
  }
  return std::nullopt;
}

bool flows_on(Channel channel, Category category) {
  switch (category) {
    case Category::market: return channel == Channel::kline || channel == Channel::agg_trade;
    // The unrouted legacy path still carries /public-class streams only (§0).
    case Category::public_:
    case Category::legacy: return channel == Channel::book_ticker || channel == Channel::trade;
    case Category::private_: return false;
  }
  return false;
}

}  // namespace tradehost::sim::binance
