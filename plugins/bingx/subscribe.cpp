#include "bingx/subscribe.hpp"

#include "bingx/manifest.hpp"
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

std::uint32_t stream_group(const sdk::StreamKey&) noexcept { return 0; }

sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t group,
                                                 std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id) {
  if (group != 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: no stream group " + std::to_string(group) + " (all streams are group 0)");
  }
  if (ws_base.empty()) return sdk::fail(sdk::ErrorCode::invalid_config, "bingx: empty WebSocket URL");
  if (streams.empty()) return sdk::fail(sdk::ErrorCode::invalid_config, "bingx: a connection needs streams");
  const std::uint32_t limit = manifest().limits.streams_per_connection;
  if (streams.size() > limit) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: " + std::to_string(streams.size()) + " streams on one connection (at most " +
                         std::to_string(limit) + ", protocols/bingx.md §4)");
  }
  sdk::ConnectionPlan plan;
  plan.url = std::string(ws_base);
  plan.wait_for_welcome = false;
  plan.frames.reserve(streams.size());
  plan.request_ids.reserve(streams.size());
  for (std::size_t i = 0; i < streams.size(); ++i) {
    auto name = stream_name(streams[i]);
    if (!name) return sdk::Failure{std::move(name).error()};
    const std::uint64_t id = first_request_id + i;
    // Stream names are [A-Z0-9-@_a-z], so they need no JSON escaping.
    plan.frames.push_back(R"({"id":")" + std::to_string(id) + R"(","reqType":"sub","dataType":")" + *name +
                          R"("})");
    plan.request_ids.push_back(id);
    plan.frame_streams.push_back({static_cast<std::uint32_t>(i)});
  }
  return plan;
}

sdk::HeartbeatSpec heartbeat() noexcept {
  sdk::HeartbeatSpec spec;
  spec.mode = sdk::HeartbeatSpec::Mode::server_text_ping;
  spec.silence_ms = 40000;
  return spec;
}

sdk::Result<std::string> ping_frame(std::uint64_t) {
  return sdk::fail(sdk::ErrorCode::not_found,
                   "bingx: the client does not ping (the server sends Ping, protocols/bingx.md §4)");
}

sdk::Result<std::string> ping_reply() { return std::string("Pong"); }

}  // namespace tradehost::bingx
