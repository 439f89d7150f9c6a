// Binance USD-M stream names as the sim understands them (protocols/binance.md §1, §5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <tradehost/sdk/timeframe.hpp>

#include "market/market.hpp"

namespace tradehost::sim::binance {

enum class Channel : std::uint8_t { kline, agg_trade, trade, book_ticker };
// §1 category map: a stream only flows on the path of its category.
enum class Category : std::uint8_t { public_, market, private_, legacy };

struct StreamRef {
  std::size_t symbol;
  Channel channel;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;  // klines only

  std::uint64_t key() const {
    return (static_cast<std::uint64_t>(symbol) << 16) | (static_cast<std::uint64_t>(channel) << 8) |
           static_cast<std::uint64_t>(timeframe);
  }
};

// "btcusdt@kline_1m" -> StreamRef; nullopt for anything the venue would call an invalid stream.
std::optional<StreamRef> parse_stream(const Market& market, std::string_view name);
// The lowercase venue symbol of an instrument: btcusdt.
std::string stream_symbol(const Instrument& instrument);
// The uppercase REST symbol: BTCUSDT.
std::string rest_symbol(const Instrument& instrument);
std::optional<std::size_t> find_rest_symbol(const Market& market, std::string_view symbol);
std::optional<sdk::Timeframe> parse_interval(std::string_view interval);
// Whether a stream of `channel` delivers data on a connection of `category`.
bool flows_on(Channel channel, Category category);

}  // namespace tradehost::sim::binance
