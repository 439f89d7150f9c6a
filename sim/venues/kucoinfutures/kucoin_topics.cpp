#include "venues/kucoinfutures/kucoin_topics.hpp"

#include <array>
#include <utility>

namespace tradehost::sim::kucoinfutures {
namespace {

constexpr std::string_view kCandle = "/contractMarket/limitCandle";
constexpr std::string_view kExecution = "/contractMarket/execution";
constexpr std::string_view kTickerV2 = "/contractMarket/tickerV2";

// §9: private topics; a public-token connection is told to log in (§4 403).
constexpr std::array<std::string_view, 7> kPrivatePrefixes = {
    "/contractMarket/tradeOrders",    "/contract/position",   "/contract/positionAll",  "/contractAccount/wallet",
    "/contractMarket/advancedOrders", "/contract/marginMode", "/contract/crossLeverage"};

struct TimeframeName {
  sdk::Timeframe tf;
  std::string_view ws;
  std::string_view minutes;
};

// §3: the table of suffixes and granularities.
constexpr std::array<TimeframeName, 11> kTimeframes = {{
    {sdk::Timeframe::m1, "1min", "1"},
    {sdk::Timeframe::m5, "5min", "5"},
    {sdk::Timeframe::m15, "15min", "15"},
    {sdk::Timeframe::m30, "30min", "30"},
    {sdk::Timeframe::h1, "1hour", "60"},
    {sdk::Timeframe::h2, "2hour", "120"},
    {sdk::Timeframe::h4, "4hour", "240"},
    {sdk::Timeframe::h8, "8hour", "480"},
    {sdk::Timeframe::h12, "12hour", "720"},
    {sdk::Timeframe::d1, "1day", "1440"},
    {sdk::Timeframe::w1, "1week", "10080"},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string venue_base(const Instrument& instrument) { return instrument.base == "BTC" ? "XBT" : instrument.base; }

std::string venue_symbol(const Instrument& instrument) { return venue_base(instrument) + "USDTM"; }

std::optional<std::size_t> find_symbol(const Market& market, std::string_view symbol) {
  // §2: BTCUSDTM does not exist; exact, case-sensitive match only.
  for (std::size_t i = 0; i < market.instruments().size(); ++i) {
    if (venue_symbol(market.instruments()[i]) == symbol) return i;
  }
  return std::nullopt;
}

std::optional<sdk::Timeframe> parse_candle_type(std::string_view type) {
  for (const auto& t : kTimeframes) {
    if (t.ws == type) return t.tf;
  }
  return std::nullopt;
}

std::string_view candle_type(sdk::Timeframe tf) {
  for (const auto& t : kTimeframes) {
    if (t.tf == tf) return t.ws;
  }
  return "?";
}

std::optional<sdk::Timeframe> parse_granularity(std::string_view minutes) {
  for (const auto& t : kTimeframes) {
    if (t.minutes == minutes) return t.tf;
  }
  return std::nullopt;
}

const std::vector<sdk::Timeframe>& kucoin_timeframes() {
  static const std::vector<sdk::Timeframe> all = [] {
    std::vector<sdk::Timeframe> v;
    for (const auto& t : kTimeframes) v.push_back(t.tf);
    return v;
  }();
  return all;
}

TopicRequest parse_topic(std::string_view topic) {
  TopicRequest out;
  topic = trim(topic);
  if (topic.empty()) {
    out.status = TopicStatus::required;
    return out;
  }
  const auto colon = topic.find(':');
  out.prefix = std::string(topic.substr(0, colon));
  bool private_prefix = false;
  for (std::string_view p : kPrivatePrefixes) private_prefix = private_prefix || out.prefix == p;
  if (!private_prefix && out.prefix != kCandle && out.prefix != kExecution && out.prefix != kTickerV2) {
    out.status = TopicStatus::not_exist;
    return out;
  }
  if (colon != std::string_view::npos) {
    std::string_view rest = topic.substr(colon + 1);
    for (;;) {
      const auto comma = rest.find(',');
      const std::string_view part = trim(rest.substr(0, comma));
      if (!part.empty()) out.targets.emplace_back(part);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (private_prefix) {
    out.status = TopicStatus::private_topic;
    return out;
  }
  // §5: every public topic here takes at least one target.
  if (out.targets.empty()) out.status = TopicStatus::not_exist;
  return out;
}

std::optional<std::vector<std::string>> private_topic_names(const TopicRequest& request) {
  const std::string& prefix = request.prefix;
  std::vector<std::string> names;
  if (prefix == kTradeOrdersTopic && request.targets.empty()) return std::vector<std::string>{prefix};
  if (prefix == kTradeOrdersTopic || prefix == kPositionTopic) {
    if (request.targets.empty()) return std::nullopt;
    for (const auto& t : request.targets) names.push_back(prefix + ":" + t);
    return names;
  }
  // positionAll, wallet, advancedOrders, marginMode, crossLeverage: one topic, no target.
  if (!request.targets.empty()) return std::nullopt;
  return std::vector<std::string>{prefix};
}

std::optional<std::optional<TopicRef>> resolve_target(const Market& market, std::string_view prefix,
                                                      std::string_view target) {
  if (prefix == kCandle) {
    // §5: <symbol>_<type>; the symbol itself holds no '_'.
    const auto underscore = target.rfind('_');
    if (underscore == std::string_view::npos || underscore == 0) return std::nullopt;
    const auto tf = parse_candle_type(target.substr(underscore + 1));
    if (!tf) return std::nullopt;
    const auto symbol = find_symbol(market, target.substr(0, underscore));
    if (!symbol) return std::optional<TopicRef>{};
    return std::optional<TopicRef>{TopicRef{*symbol, Channel::candle, *tf}};
  }
  const Channel channel = prefix == kExecution ? Channel::execution : Channel::ticker_v2;
  if (prefix != kExecution && prefix != kTickerV2) return std::nullopt;
  const auto symbol = find_symbol(market, target);
  if (!symbol) return std::optional<TopicRef>{};
  return std::optional<TopicRef>{TopicRef{*symbol, channel}};
}

std::string topic_name(const Market& market, const TopicRef& ref) {
  const std::string symbol = venue_symbol(market.instruments()[ref.symbol]);
  switch (ref.channel) {
    case Channel::candle:
      return std::string(kCandle) + ":" + symbol + "_" + std::string(candle_type(ref.timeframe));
    case Channel::execution:
      return std::string(kExecution) + ":" + symbol;
    case Channel::ticker_v2:
      return std::string(kTickerV2) + ":" + symbol;
  }
  return symbol;
}

}  // namespace tradehost::sim::kucoinfutures
