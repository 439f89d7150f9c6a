#include "binance/subscribe.hpp"

#include "binance/manifest.hpp"
#include "binance/symbols.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

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

std::uint32_t stream_group(const sdk::StreamKey& stream) noexcept {
  return stream.kind == sdk::EventKind::book_ticker ? kPublicGroup : kMarketGroup;
}

sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id) {
  const sdk::ConnectionLimits& limits = manifest().limits;
  if (group != kMarketGroup && group != kPublicGroup) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: no stream group " + std::to_string(group) +
                         " (0 = /market for klines and trades, 1 = /public for book tickers)");
  }
  if (streams.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: a connection needs at least one stream");
  }
  if (streams.size() > limits.streams_per_connection) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: " + std::to_string(streams.size()) +
                         " streams on one connection, more than the limit of " +
                         std::to_string(limits.streams_per_connection));
  }
  if (first_request_id == 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "binance: request ids must start at 1 (0 means not acknowledged)");
  }
  while (ws_base.ends_with('/')) ws_base.remove_suffix(1);
  if (ws_base.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "binance: empty WebSocket base URL");
  }

  std::vector<std::string> names;
  names.reserve(streams.size());
  for (const sdk::StreamKey& stream : streams) {
    if (stream_group(stream) != group) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       "binance: stream '" + stream.to_string() + "' belongs to group " +
                           std::to_string(stream_group(stream)) + ", not " +
                           std::to_string(group) + " (a stream on the wrong path is silent)");
    }
    auto name = stream_name(stream);
    if (!name) return sdk::Failure{std::move(name).error()};
    names.push_back(std::move(*name));
  }

  const std::size_t per_message = limits.streams_per_message;
  const std::size_t frame_count = (names.size() + per_message - 1) / per_message;
  if (first_request_id > std::numeric_limits<std::uint64_t>::max() - frame_count) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "binance: request ids would overflow");
  }

  sdk::ConnectionPlan plan;
  // protocols/binance.md §1: combined ("stream") mode on the category's path, opened with no
  // streams and filled by SUBSCRIBE (§4); every payload then arrives wrapped with its name.
  plan.url = std::string(ws_base) + (group == kMarketGroup ? "/market" : "/public") + "/stream";
  plan.wait_for_welcome = false;  // Binance sends no welcome
  for (std::size_t begin = 0; begin < names.size(); begin += per_message) {
    const std::size_t end = std::min(names.size(), begin + per_message);
    // §4: the id must be an unsigned integer; stream names need no JSON escaping.
    std::string frame = R"({"method":"SUBSCRIBE","params":[)";
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) frame += ',';
      frame += '"' + names[i] + '"';
    }
    const std::uint64_t id = first_request_id + plan.frames.size();
    frame += "],\"id\":" + std::to_string(id) + "}";
    plan.frames.push_back(std::move(frame));
    plan.request_ids.push_back(id);
    std::vector<std::uint32_t>& covered = plan.frame_streams.emplace_back();
    for (std::size_t i = begin; i < end; ++i) covered.push_back(static_cast<std::uint32_t>(i));
  }
  return plan;
}

sdk::HeartbeatSpec heartbeat() noexcept {
  sdk::HeartbeatSpec spec;
  // protocols/binance.md §1: WebSocket ping frames every 3 minutes, answered by the host's pongs.
  spec.mode = sdk::HeartbeatSpec::Mode::protocol_pings;
  // A kline stream pushes at least at every bar close (1m bars: every minute) and §10 reports
  // connections that stall with the socket open: 90 s of nothing means stale.
  spec.silence_ms = 90000;
  // §1: a connection is only valid for 24 hours; replace it well before the venue cuts it.
  spec.rotate_after_ms = 23u * 3600u * 1000u + 30u * 60u * 1000u;
  return spec;
}

sdk::Result<std::string> ping_frame(std::uint64_t /*id*/) {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "binance uses WebSocket protocol pings; it has no JSON ping frame");
}

sdk::Result<std::string> ping_reply() {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "binance uses WebSocket protocol pings; it sends no text ping to answer");
}

}  // namespace tradehost::binance
