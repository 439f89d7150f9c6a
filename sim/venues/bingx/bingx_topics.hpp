// BingX swap symbols and WebSocket dataTypes as the sim understands them
// (protocols/bingx.md §2 symbols, §3 intervals, §5 topics).
//
// Only the three topics the sim publishes are known: `<SYM>@kline_<interval>`, `<SYM>@trade`
// and `<SYM>@bookTicker`. Everything else (depth, ticker, all@...) is unknown, so a subscribe
// gets code 80015 like an unsupported dataType on the venue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <tradehost/sdk/timeframe.hpp>

#include "market/market.hpp"

namespace tradehost::sim::bingx {

enum class Channel : std::uint8_t { kline, trade, book_ticker };

struct Topic {
  std::size_t symbol;
  Channel channel;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;  // klines only

  std::uint64_t key() const {
    return (static_cast<std::uint64_t>(symbol) << 16) | (static_cast<std::uint64_t>(channel) << 8) |
           static_cast<std::uint64_t>(timeframe);
  }
  static Topic from_key(std::uint64_t key) {
    return {static_cast<std::size_t>(key >> 16), static_cast<Channel>((key >> 8) & 0xff),
            static_cast<sdk::Timeframe>(key & 0xff)};
  }
};

// §2: `<BASE>-USDT`, uppercase with a hyphen: BTC-USDT.
std::string venue_symbol(const Instrument& instrument);
// BTC-USDT -> instrument index; case-sensitive, split on the first '-', quote must be USDT.
std::optional<std::size_t> find_symbol(const Market& market, std::string_view symbol);
// §3: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M, the same on REST and WS.
std::optional<sdk::Timeframe> parse_interval(std::string_view interval);
// "BTC-USDT@kline_1m" -> Topic; nullopt for an unknown symbol or dataType (code 80015).
std::optional<Topic> parse_data_type(const Market& market, std::string_view data_type);
// Topic -> "BTC-USDT@kline_1m".
std::string data_type(const Market& market, const Topic& topic);

}  // namespace tradehost::sim::bingx
