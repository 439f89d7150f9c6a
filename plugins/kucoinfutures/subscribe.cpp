#include "kucoinfutures/subscribe.hpp"

#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/symbols.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tradehost::kucoinfutures {
namespace {

sdk::Failure not_a_stream(std::string_view name, std::string_view why) {
  return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: '" + std::string(name) +
                                                       "' is not a stream name we use (" +
                                                       std::string(why) + ")");
}

// protocols/kucoinfutures.md §4: the heartbeat KuCoin announces today (pingInterval 18000,
// pingTimeout 10000) and the observed idle close after ~60 s without a client message.
constexpr std::uint32_t kPingIntervalMs = 18000;
constexpr std::uint32_t kPingTimeoutMs = 10000;
constexpr std::uint32_t kSilenceMs = 60000;

// The topics of one kind on one connection: "/contractMarket/limitCandle:" and its targets.
struct TopicTargets {
  std::string_view topic;
  std::vector<std::string> targets;
  std::vector<std::vector<std::uint32_t>> stream_indices;  // per target: the streams it serves
};

// The topic (up to its ':') of a kind's streams; stream_name has refused unknown kinds already.
std::string_view topic_of(sdk::EventKind kind) {
  switch (kind) {
    case sdk::EventKind::kline:
      return kCandleTopic;
    case sdk::EventKind::trade:
      return kTradeTopic;
    case sdk::EventKind::book_ticker:
      return kBookTickerTopic;
  }
  return kBookTickerTopic;
}

// protocols/kucoinfutures.md §4: subscribe with an ack (`response` true), public topics.
std::string subscribe_frame(std::uint64_t id, std::string_view topic,
                            std::span<const std::string> targets) {
  std::string frame = "{\"id\":\"" + std::to_string(id) + "\",\"type\":\"subscribe\",\"topic\":\"";
  frame += topic;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (i > 0) frame += ',';
    frame += targets[i];
  }
  frame += "\",\"privateChannel\":false,\"response\":true}";
  return frame;
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
    case sdk::EventKind::trade:
      return std::string(kTradeTopic) + *symbol;
    case sdk::EventKind::book_ticker:
      return std::string(kBookTickerTopic) + *symbol;
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

std::uint32_t stream_group(const sdk::StreamKey& /*stream*/) noexcept { return 0; }

sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id) {
  const sdk::ConnectionLimits& limits = manifest().limits;
  if (group != 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: unknown stream group " +
                                                         std::to_string(group) +
                                                         " (every stream is in group 0)");
  }
  if (streams.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: a connection needs streams");
  }
  if (streams.size() > limits.streams_per_connection) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: " + std::to_string(streams.size()) +
                         " streams on one connection (at most " +
                         std::to_string(limits.streams_per_connection) + ")");
  }
  if (ws_base.empty()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: empty WebSocket URL");
  }

  // Kinds in the order they first appear; a stream listed twice is subscribed once (§4: the
  // venue would ack twice but stream once).
  std::vector<TopicTargets> kinds;
  for (std::size_t index = 0; index < streams.size(); ++index) {
    const sdk::StreamKey& stream = streams[index];
    auto name = stream_name(stream);
    if (!name) return sdk::Failure{std::move(name).error()};
    const std::string_view topic = topic_of(stream.kind);
    std::string target = name->substr(topic.size());
    auto kind = std::find_if(kinds.begin(), kinds.end(),
                             [&](const TopicTargets& k) { return k.topic == topic; });
    if (kind == kinds.end()) {
      kinds.push_back(TopicTargets{topic, {}, {}});
      kind = kinds.end() - 1;
    }
    const auto known = std::find(kind->targets.begin(), kind->targets.end(), target);
    if (known == kind->targets.end()) {
      kind->targets.push_back(std::move(target));
      kind->stream_indices.push_back({static_cast<std::uint32_t>(index)});
    } else {
      kind->stream_indices[static_cast<std::size_t>(known - kind->targets.begin())].push_back(
          static_cast<std::uint32_t>(index));
    }
  }

  sdk::ConnectionPlan plan;
  // protocols/kucoinfutures.md §1: <endpoint>?token=<token>&connectId=<id>.
  plan.url = std::string(ws_base) + (ws_base.find('?') == std::string_view::npos ? '?' : '&') +
             "connectId=th-" + std::to_string(first_request_id);
  // protocols/kucoinfutures.md §1: subscribe only after the welcome.
  plan.wait_for_welcome = true;
  std::uint64_t id = first_request_id;
  for (const TopicTargets& kind : kinds) {
    const std::span<const std::string> targets = kind.targets;
    for (std::size_t start = 0; start < targets.size(); start += limits.streams_per_message) {
      const std::size_t count =
          std::min<std::size_t>(limits.streams_per_message, targets.size() - start);
      plan.frames.push_back(subscribe_frame(id, kind.topic, targets.subspan(start, count)));
      plan.request_ids.push_back(id);
      std::vector<std::uint32_t>& covered = plan.frame_streams.emplace_back();
      for (std::size_t t = start; t < start + count; ++t) {
        covered.insert(covered.end(), kind.stream_indices[t].begin(), kind.stream_indices[t].end());
      }
      ++id;
    }
  }
  return plan;
}

sdk::HeartbeatSpec heartbeat() noexcept {
  return sdk::HeartbeatSpec{sdk::HeartbeatSpec::Mode::client_text_ping, kPingIntervalMs,
                            kPingTimeoutMs, kSilenceMs};
}

std::string ping_frame(std::uint64_t id) {
  return "{\"id\":\"" + std::to_string(id) + "\",\"type\":\"ping\"}";
}

sdk::Result<std::string> ping_reply() {
  return sdk::fail(sdk::ErrorCode::protocol,
                   "kucoinfutures: the server sends no pings, so there is nothing to reply to "
                   "(protocols/kucoinfutures.md §4)");
}

}  // namespace tradehost::kucoinfutures
