// KuCoin Futures symbols, timeframes and public topics as the sim understands them
// (protocols/kucoinfutures.md §2, §3, §4, §5).
//
// A subscribe message names one topic prefix and comma-separated targets
// (`/contractMarket/limitCandle:XBTUSDTM_1min,ETHUSDTM_1min`); the venue tracks and pushes each
// target as its own one-target topic. Pure functions of the market's instrument list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tradehost/sdk/timeframe.hpp>
#include <vector>

#include "market/market.hpp"

namespace tradehost::sim::kucoinfutures {

enum class Channel : std::uint8_t { candle, execution, ticker_v2 };

// One market stream: what a known one-target topic delivers.
struct TopicRef {
  std::size_t symbol;
  Channel channel;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;  // candles only

  std::uint64_t key() const {
    return (static_cast<std::uint64_t>(symbol) << 16) | (static_cast<std::uint64_t>(channel) << 8) |
           static_cast<std::uint64_t>(timeframe);
  }
  static TopicRef from_key(std::uint64_t key) {
    return {static_cast<std::size_t>(key >> 16), static_cast<Channel>((key >> 8) & 0xff),
            static_cast<sdk::Timeframe>(key & 0xff)};
  }
};

// §2: KuCoin spells bitcoin XBT. "XBT" for BTC, else the base itself.
std::string venue_base(const Instrument& instrument);
// §2: base + quote + M: XBTUSDTM.
std::string venue_symbol(const Instrument& instrument);
std::optional<std::size_t> find_symbol(const Market& market, std::string_view symbol);

// §3 WS suffix: 1min .. 1week (no 3min, 6hour, 1month here); nullopt for the others.
std::optional<sdk::Timeframe> parse_candle_type(std::string_view type);
std::string_view candle_type(sdk::Timeframe tf);
// §3 REST granularity in minutes: 1, 5, 15, 30, 60, 120, 240, 480, 720, 1440, 10080.
std::optional<sdk::Timeframe> parse_granularity(std::string_view minutes);
// The timeframes KuCoin serves, in the order above.
const std::vector<sdk::Timeframe>& kucoin_timeframes();

// What a subscribe/unsubscribe `topic` asks for, before any limit is applied.
enum class TopicStatus : std::uint8_t {
  ok,
  required,       // §4 406: empty or missing topic
  private_topic,  // a §9 private topic: a private token may hold it, a public one gets 403
  not_exist,      // §4 404: unknown prefix, no target, or a malformed target
};

struct TopicRequest {
  TopicStatus status = TopicStatus::ok;
  std::string prefix;                // /contractMarket/limitCandle
  std::vector<std::string> targets;  // XBTUSDTM_1min, in order, empty parts dropped
};

TopicRequest parse_topic(std::string_view topic);

// A target of a parsed topic: nullopt if its shape is wrong (404); a TopicRef with no value
// (inner nullopt) for a well-formed target whose symbol the venue does not list, which §4 says
// is acked and then stays silent.
std::optional<std::optional<TopicRef>> resolve_target(const Market& market, std::string_view prefix,
                                                      std::string_view target);

// "/contractMarket/limitCandle:XBTUSDTM_1min" for a ref.
std::string topic_name(const Market& market, const TopicRef& ref);

// §9: the one-target topic names a private subscription holds, or nullopt (404) when its shape is
// wrong. `/contractMarket/tradeOrders` takes no target (all symbols) or symbols;
// `/contract/position` takes symbols; the others take none. Symbols are not checked: an unknown
// one is held and stays silent, as on the public side.
std::optional<std::vector<std::string>> private_topic_names(const TopicRequest& request);

// §9 private topic names the trading side pushes to.
inline constexpr std::string_view kTradeOrdersTopic = "/contractMarket/tradeOrders";
inline constexpr std::string_view kPositionTopic = "/contract/position";
inline constexpr std::string_view kPositionAllTopic = "/contract/positionAll";
inline constexpr std::string_view kWalletTopic = "/contractAccount/wallet";

}  // namespace tradehost::sim::kucoinfutures
