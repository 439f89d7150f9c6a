// What goes on the wire: subscribe frames within the venue's limits, the heartbeat rule, and the
// REST request and answer for klines that fill a gap.
#include <chrono>

#include <simdjson.h>

#include <tradehost/sdk/decimal.hpp>
#include <tradehost/sdk/event_checks.hpp>

#include "examplex.hpp"

namespace examplex {

sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id) {
  const auto& limits = manifest().limits;
  if (streams.empty() || streams.size() > limits.streams_per_connection) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "examplex: a connection carries 1 to " +
                                                         std::to_string(limits.streams_per_connection) + " streams, not " +
                                                         std::to_string(streams.size()));
  }
  sdk::ConnectionPlan plan;
  plan.url = std::string(ws_base);
  for (std::size_t begin = 0; begin < streams.size(); begin += limits.streams_per_message) {
    const std::size_t end = std::min(streams.size(), begin + limits.streams_per_message);
    const std::uint64_t id = first_request_id + plan.frames.size();
    std::string frame = R"({"op":"subscribe","id":)" + std::to_string(id) + R"(,"args":[)";
    std::vector<std::uint32_t> covered;
    for (std::size_t i = begin; i < end; ++i) {
      auto name = stream_name(streams[i]);
      if (!name) return sdk::Failure{name.error()};
      frame += (i == begin ? "\"" : ",\"") + *name + "\"";  // topic names need no escaping
      covered.push_back(static_cast<std::uint32_t>(i));
    }
    plan.frames.push_back(frame + "]}");
    plan.request_ids.push_back(id);
    plan.frame_streams.push_back(std::move(covered));
  }
  return plan;
}

sdk::HeartbeatSpec heartbeat() noexcept {
  sdk::HeartbeatSpec spec;
  spec.mode = sdk::HeartbeatSpec::Mode::server_text_ping;  // {"op":"ping"} -> {"op":"pong"}
  spec.silence_ms = 30000;  // the server pings every 10 s: three missed pings mean a dead link
  return spec;
}

sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol, sdk::Timeframe tf,
                                                std::int64_t start_ms, std::int64_t end_ms, std::uint32_t limit) {
  auto venue = venue_symbol(symbol);
  if (!venue) return sdk::Failure{venue.error()};
  auto interval = venue_timeframe(tf);
  if (!interval) return sdk::Failure{interval.error()};
  sdk::HttpRequestSpec req;
  req.target = "/api/v1/klines?symbol=" + *venue + "&interval=" + *interval + "&start=" + std::to_string(start_ms) +
               "&end=" + std::to_string(end_ms) + "&limit=" + std::to_string(std::min<std::uint32_t>(limit, 500));
  return req;
}

sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe tf,
                                                  sdk::HttpResponseView response) {
  auto refuse = [&](std::string why) {
    return sdk::fail(sdk::ErrorCode::protocol, "examplex klines (HTTP " + std::to_string(response.status) + "): " + why);
  };
  if (response.status != 200) return refuse("not 200");
  simdjson::dom::parser parser;  // a cold path: a fresh parser is fine
  simdjson::dom::element root;
  if (parser.parse(response.body.data(), response.body.size()).get(root) != simdjson::SUCCESS) return refuse("not JSON");
  simdjson::dom::array rows;
  if (root["data"].get_array().get(rows) != simdjson::SUCCESS) return refuse("no data array");
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  std::vector<sdk::Kline> out;
  for (auto row : rows) {
    simdjson::dom::array cells;
    std::int64_t t = 0;
    if (row.get_array().get(cells) != simdjson::SUCCESS || cells.size() != 6 || cells.at(0).get_int64().get(t) != simdjson::SUCCESS) {
      return refuse("a row is not [t, o, h, l, c, v]");
    }
    sdk::Kline k{};
    k.symbol = symbol;
    k.timeframe = tf;
    k.open_time_ms = t;
    sdk::Decimal* fields[] = {&k.open, &k.high, &k.low, &k.close, &k.volume};
    for (std::size_t i = 0; i < 5; ++i) {
      std::string_view text;
      if (cells.at(i + 1).get_string().get(text) != simdjson::SUCCESS || !sdk::parse_decimal(text, *fields[i])) {
        return refuse("a price or volume is not a decimal string");
      }
    }
    k.closed = sdk::next_open_ms(tf, t) <= now_ms;  // the newest row may still be open
    if (const char* why = sdk::kline_problem(k)) return refuse(why);
    out.push_back(k);
  }
  return out;
}

}  // namespace examplex
