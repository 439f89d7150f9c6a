#include "kucoinfutures/rest.hpp"

#include <charconv>

#include "kucoinfutures/decimal.hpp"
#include "kucoinfutures/json_scalar.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/http_status.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tradehost::kucoinfutures {

namespace od = simdjson::ondemand;

namespace {

// protocols/kucoinfutures.md §8: every answer is {"code":"200000","data":...} on success and
// {"code":"<code>","msg":"<text>"} on failure, business errors usually with HTTP 200.
constexpr std::string_view kSuccessCode = "200000";
constexpr std::string_view kRateLimitCode = "429000";
constexpr int kHttpTooManyRequests = 429;

constexpr std::string_view kBulletTarget = "/api/v1/bullet-public";
constexpr std::string_view kKlineTarget = "/api/v1/kline/query";

std::string http_status(const sdk::HttpResponseView& response) {
  return " (HTTP " + std::to_string(response.status) + ")";
}

// An answer that is not the JSON we expect: a rate limit or a server/transport problem is worth
// retrying, anything else is a protocol error.
sdk::Failure unreadable(std::string_view what, const sdk::HttpResponseView& response,
                        std::string_view why) {
  // A 2xx answer we cannot read is the venue's protocol changing; otherwise the status says it
  // as for every venue (sdk/http_status.hpp).
  const sdk::ErrorCode code =
      sdk::http_success(response.status) ? sdk::ErrorCode::protocol : sdk::http_status_error(response.status);
  return sdk::fail(code, "kucoinfutures: " + std::string(what) + ": " + std::string(why) +
                             http_status(response));
}

sdk::Failure malformed(std::string_view what, const sdk::HttpResponseView& response,
                       simdjson::error_code error) {
  return unreadable(what, response,
                    std::string("malformed JSON (") + simdjson::error_message(error) + ")");
}

// Reads `code` and `msg` (§8), then rewinds the document for the caller to find `data`.
sdk::Status check_envelope(std::string_view what, const sdk::HttpResponseView& response,
                           od::document& document) {
  od::object root;
  if (const auto error = document.get_object().get(root)) return malformed(what, response, error);
  std::optional<std::string> code;
  std::optional<std::string> msg;
  for (auto member : root) {
    if (const auto error = member.error()) return malformed(what, response, error);
    od::field& field = member.value_unsafe();  // not copied out: a stall per field
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return malformed(what, response, error);
    od::value& value = field.value();
    if (key == "code") {
      const auto text = scalar_text(value);
      if (!text) return unreadable(what, response, "code is neither a string nor a number");
      code = std::string(*text);
    } else if (key == "msg") {
      std::string_view text;
      if (!value.get_string().get(text)) msg = std::string(text);
    }
  }
  document.rewind();
  if (!code) return unreadable(what, response, "answer without code");
  if (*code == kSuccessCode) return sdk::ok();
  // §8: 429000 is the venue's rate limit whatever the status; a non-2xx status is classified as
  // for every venue (sdk/http_status.hpp); a business error under HTTP 200 is a refusal.
  const sdk::ErrorCode error = *code == kRateLimitCode                  ? sdk::ErrorCode::rate_limited
                               : !sdk::http_success(response.status) ? sdk::http_status_error(response.status)
                                                                      : sdk::ErrorCode::rejected;
  return sdk::fail(error, "kucoinfutures: " + std::string(what) + " refused: code " + *code +
                              (msg ? " (" + *msg + ")" : std::string()) + http_status(response));
}

std::optional<std::uint32_t> positive_uint32(od::value& value) {
  const auto number = integer_of(value);
  if (!number || *number <= 0 || *number > std::numeric_limits<std::uint32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*number);
}

// The first of `instanceServers` (§1: the official SDK picks one at random; any will do).
struct InstanceServer {
  std::string endpoint;
  std::uint32_t ping_interval_ms;
  std::uint32_t ping_timeout_ms;
};

sdk::Result<InstanceServer> read_instance_server(od::object& server,
                                                 const sdk::HttpResponseView& response) {
  constexpr std::string_view what = "bullet-public";
  const sdk::HeartbeatSpec defaults = heartbeat();
  InstanceServer out{{}, defaults.interval_ms, defaults.timeout_ms};
  for (auto member : server) {
    if (const auto error = member.error()) return malformed(what, response, error);
    od::field& field = member.value_unsafe();  // not copied out: a stall per field
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return malformed(what, response, error);
    od::value& value = field.value();
    if (key == "endpoint") {
      std::string_view endpoint;
      if (value.get_string().get(endpoint)) {
        return unreadable(what, response, "endpoint is not a string");
      }
      out.endpoint = std::string(endpoint);
    } else if (key == "pingInterval" || key == "pingTimeout") {
      const auto ms = positive_uint32(value);
      if (!ms) return unreadable(what, response, std::string(key) + " is not a positive integer");
      (key == "pingInterval" ? out.ping_interval_ms : out.ping_timeout_ms) = *ms;
    }
  }
  if (out.endpoint.empty()) return unreadable(what, response, "instance server without endpoint");
  return out;
}

}  // namespace

sdk::HttpRequestSpec bootstrap_request() {
  sdk::HttpRequestSpec request;
  request.method = "POST";
  request.target = std::string(kBulletTarget);
  return request;
}

sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView response) {
  constexpr std::string_view what = "bullet-public";
  const simdjson::padded_string json(response.body);
  od::parser parser;
  od::document document;
  if (const auto error = parser.iterate(json).get(document)) {
    return malformed(what, response, error);
  }
  if (auto status = check_envelope(what, response, document); !status) {
    return sdk::Failure{std::move(status).error()};
  }
  od::object data;
  if (document.find_field_unordered("data").get_object().get(data)) {
    return unreadable(what, response, "answer without a data object");
  }
  std::string token;
  std::optional<InstanceServer> server;
  for (auto member : data) {
    if (const auto error = member.error()) return malformed(what, response, error);
    od::field& field = member.value_unsafe();  // not copied out: a stall per field
    std::string_view key;
    if (const auto error = field.unescaped_key().get(key)) return malformed(what, response, error);
    od::value& value = field.value();
    if (key == "token") {
      std::string_view text;
      if (value.get_string().get(text)) return unreadable(what, response, "token is not a string");
      token = std::string(text);
    } else if (key == "instanceServers") {
      od::array servers;
      if (value.get_array().get(servers)) {
        return unreadable(what, response, "instanceServers is not an array");
      }
      for (auto element : servers) {
        od::object object;
        if (element.get_object().get(object)) {
          return unreadable(what, response, "an instance server is not an object");
        }
        if (server) continue;  // the first one is used; the rest are only checked as JSON
        auto read = read_instance_server(object, response);
        if (!read) return sdk::Failure{std::move(read).error()};
        server = std::move(*read);
      }
    }
  }
  if (token.empty()) return unreadable(what, response, "answer without token");
  if (!server) return unreadable(what, response, "answer without instanceServers");

  sdk::Bootstrap bootstrap;
  // protocols/kucoinfutures.md §1: <endpoint>?token=<token>; the plan adds &connectId=.
  bootstrap.ws_url = server->endpoint +
                     (server->endpoint.find('?') == std::string::npos ? "?" : "&") +
                     "token=" + token;
  bootstrap.heartbeat = heartbeat();
  bootstrap.heartbeat.interval_ms = server->ping_interval_ms;
  bootstrap.heartbeat.timeout_ms = server->ping_timeout_ms;
  return bootstrap;
}

sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                sdk::Timeframe timeframe, std::int64_t start_ms,
                                                std::int64_t end_ms, std::uint32_t limit) {
  auto venue = venue_symbol(symbol);
  if (!venue) return sdk::Failure{std::move(venue).error()};
  auto type = venue_timeframe(timeframe);  // refuses what the manifest lacks
  if (!type) return sdk::Failure{std::move(type).error()};
  if (start_ms < 0 || end_ms < start_ms) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: bad kline window [" +
                                                         std::to_string(start_ms) + ", " +
                                                         std::to_string(end_ms) + "]");
  }
  if (limit == 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "kucoinfutures: a kline request needs limit >= 1");
  }
  const std::int64_t interval_ms = sdk::duration_seconds(timeframe) * 1000;
  const std::int64_t rows = std::min(limit, kMaxKlineRows);
  // The last bar that fits opens (rows - 1) intervals after the first.
  std::int64_t last_open_ms = 0;
  const bool beyond = __builtin_add_overflow(start_ms, (rows - 1) * interval_ms, &last_open_ms);
  const std::int64_t to_ms = beyond ? end_ms : std::min(end_ms, last_open_ms);

  sdk::HttpRequestSpec request;
  request.method = "GET";
  // protocols/kucoinfutures.md §3/§6: granularity is the bar length in minutes.
  request.target = std::string(kKlineTarget) + "?symbol=" + *venue +
                   "&granularity=" + std::to_string(sdk::duration_seconds(timeframe) / 60) +
                   "&from=" + std::to_string(start_ms) + "&to=" + std::to_string(to_ms);
  return request;
}

sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol,
                                                  const sdk::Decimal& contract_size,
                                                  sdk::Timeframe timeframe,
                                                  sdk::HttpResponseView response) {
  constexpr std::string_view what = "kline/query";
  const simdjson::padded_string json(response.body);
  od::parser parser;
  od::document document;
  if (const auto error = parser.iterate(json).get(document)) {
    return malformed(what, response, error);
  }
  if (auto status = check_envelope(what, response, document); !status) {
    return sdk::Failure{std::move(status).error()};
  }
  od::value data;
  if (document.find_field_unordered("data").get(data)) {
    return unreadable(what, response, "answer without data");
  }
  std::vector<sdk::Kline> klines;
  if (data.raw_json_token().starts_with("null")) return klines;  // no rows, like []
  od::array rows;
  if (data.get_array().get(rows)) return unreadable(what, response, "data is not an array");
  for (auto element : rows) {
    const std::string row_name = "row " + std::to_string(klines.size());
    od::array row;
    if (element.get_array().get(row)) {
      return unreadable(what, response, row_name + " is not an array");
    }
    std::optional<std::int64_t> open_time_ms;
    std::array<std::optional<sdk::Decimal>, 4> ohlc;
    std::optional<sdk::Decimal> contracts;
    std::size_t index = 0;
    for (auto item_result : row) {
      od::value item;
      if (const auto error = item_result.get(item)) return malformed(what, response, error);
      // §6: [start ms, open, high, low, close, volume contracts]; REST is o-h-l-c.
      if (index == 0) {
        open_time_ms = integer_of(item);
      } else if (index <= 4) {
        ohlc[index - 1] = decimal_of(item);
      } else if (index == 5) {
        contracts = decimal_of(item);
      }
      ++index;
    }
    if (index < 6) return unreadable(what, response, row_name + " has fewer than 6 values");
    if (!open_time_ms) return unreadable(what, response, row_name + ": bad start time");
    const auto& [open, high, low, close] = ohlc;
    if (!open || !high || !low || !close) {
      return unreadable(what, response, row_name + ": bad price");
    }
    const auto volume = contracts && contracts->mantissa >= 0 ? multiply(*contracts, contract_size)
                                                              : std::optional<sdk::Decimal>{};
    if (!volume) return unreadable(what, response, row_name + ": bad volume");
    const sdk::Kline kline{symbol, timeframe, true, *open_time_ms, *open, *high, *low, *close, *volume};
    // The stream's checks (event_checks.hpp): a fill must not hand the strategy what a live
    // frame could not.
    if (const char* why = sdk::kline_problem(kline)) return unreadable(what, response, row_name + " has " + why);
    klines.push_back(kline);
  }
  // §6: rows come ascending; sort anyway and keep one row per start time.
  std::stable_sort(klines.begin(), klines.end(), [](const sdk::Kline& a, const sdk::Kline& b) {
    return a.open_time_ms < b.open_time_ms;
  });
  klines.erase(std::unique(klines.begin(), klines.end(),
                           [](const sdk::Kline& a, const sdk::Kline& b) {
                             return a.open_time_ms == b.open_time_ms;
                           }),
               klines.end());
  return klines;
}

std::optional<std::int64_t> retry_wait_ms(const sdk::HttpResponseView& response) {
  constexpr std::int64_t kOverloadWaitMs = 30000;
  if (response.status != kHttpTooManyRequests) return std::nullopt;
  const auto reset = response.header("gw-ratelimit-reset");
  if (!reset) return kOverloadWaitMs;
  std::int64_t ms = -1;
  const auto [end, ec] = std::from_chars(reset->data(), reset->data() + reset->size(), ms);
  if (ec != std::errc{} || end != reset->data() + reset->size() || ms < 0) return std::nullopt;
  return ms;
}

}  // namespace tradehost::kucoinfutures
