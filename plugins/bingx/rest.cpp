#include "bingx/rest.hpp"

#include "bingx/json_values.hpp"
#include "bingx/symbols.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/http_status.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace tradehost::bingx {
namespace od = simdjson::ondemand;

namespace {

constexpr std::string_view kKlinesPath = "/openApi/swap/v3/quote/klines";
constexpr std::size_t kExcerptChars = 200;

std::string excerpt(std::string_view body) {
  if (body.size() <= kExcerptChars) return std::string(body);
  return std::string(body.substr(0, kExcerptChars)) + "...";
}

sdk::Failure malformed(std::string_view why, std::string_view body) {
  return sdk::fail(sdk::ErrorCode::protocol,
                   "bingx: klines response " + std::string(why) + ": " + excerpt(body));
}

// protocols/bingx.md §8.
sdk::ErrorCode classify_code(std::int64_t code) {
  switch (code) {
    case 100410:
    case 109429: return sdk::ErrorCode::rate_limited;
    case 100500:
    case 100503:
    case 109500:
    case 101500: return sdk::ErrorCode::io;
    default: return sdk::ErrorCode::rejected;
  }
}


// One row {"open","close","high","low","volume","time"} (§6).
const char* read_row(od::value& element, sdk::Kline& bar) {
  od::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return "row is not an object";
  enum : unsigned { kOpen = 1, kHigh = 2, kLow = 4, kClose = 8, kVolume = 16, kTime = 32 };
  unsigned seen = 0;
  for (auto item : object) {
    od::field field;
    std::string_view key;
    if (std::move(item).get(field) != simdjson::SUCCESS || field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return "is not valid JSON";
    }
    od::value& value = field.value();
    if (key == "open") {
      if ((seen & kOpen) != 0) return "has a row with open twice";
      seen |= kOpen;
      if (!read_decimal(value, bar.open)) return "has a bad open";
    } else if (key == "high") {
      if ((seen & kHigh) != 0) return "has a row with high twice";
      seen |= kHigh;
      if (!read_decimal(value, bar.high)) return "has a bad high";
    } else if (key == "low") {
      if ((seen & kLow) != 0) return "has a row with low twice";
      seen |= kLow;
      if (!read_decimal(value, bar.low)) return "has a bad low";
    } else if (key == "close") {
      if ((seen & kClose) != 0) return "has a row with close twice";
      seen |= kClose;
      if (!read_decimal(value, bar.close)) return "has a bad close";
    } else if (key == "volume") {
      if ((seen & kVolume) != 0) return "has a row with volume twice";
      seen |= kVolume;
      if (!read_decimal(value, bar.volume)) return "has a bad volume";
    } else if (key == "time") {  // bar open time, ms
      if ((seen & kTime) != 0) return "has a row with time twice";
      seen |= kTime;
      if (!read_int64(value, bar.open_time_ms) || bar.open_time_ms <= 0) return "has a bad time";
    }
  }
  if (seen != (kOpen | kHigh | kLow | kClose | kVolume | kTime)) return "has a row without open/high/low/close/volume/time";
  return nullptr;
}

}  // namespace

sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() {
  return std::optional<sdk::HttpRequestSpec>{};
}

sdk::Result<sdk::Bootstrap> parse_bootstrap(sdk::HttpResponseView) {
  return sdk::fail(sdk::ErrorCode::not_found, "bingx: no bootstrap (connect to the configured WebSocket URL)");
}

sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol, sdk::Timeframe timeframe,
                                                std::int64_t start_ms, std::int64_t end_ms,
                                                std::uint32_t limit) {
  auto name = venue_symbol(symbol);
  if (!name) return sdk::Failure{std::move(name).error()};
  auto interval = venue_timeframe(timeframe);
  if (!interval) return sdk::Failure{std::move(interval).error()};
  if (start_ms <= 0 || end_ms < start_ms) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "bingx: bad kline range [" + std::to_string(start_ms) + ", " +
                                                         std::to_string(end_ms) + "]");
  }
  if (limit == 0) return sdk::fail(sdk::ErrorCode::invalid_config, "bingx: kline limit must be at least 1");
  sdk::HttpRequestSpec request;
  request.method = "GET";
  request.target = std::string(kKlinesPath) + "?symbol=" + *name + "&interval=" + *interval +
                   "&startTime=" + std::to_string(start_ms - 1) + "&endTime=" + std::to_string(end_ms) +
                   "&limit=" + std::to_string(std::min(limit, kMaxKlinesPerRequest));
  return request;
}

sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe timeframe,
                                                  sdk::HttpResponseView response) {
  if (response.status != 200) {
    return sdk::fail(sdk::http_status_error(response.status),
                     "bingx: klines HTTP " + std::to_string(response.status) + ": " + excerpt(response.body));
  }
  const simdjson::padded_string body(response.body);
  od::parser parser;
  od::document doc;
  od::object root;
  if (parser.iterate(body).get(doc) != simdjson::SUCCESS || doc.get_object().get(root) != simdjson::SUCCESS) {
    return malformed("is not a JSON object", response.body);
  }
  std::int64_t code = 0;
  od::value code_value;
  if (root.find_field_unordered("code").get(code_value) != simdjson::SUCCESS || !read_int64(code_value, code)) {
    return malformed("has no integer code", response.body);
  }
  if (code != 0) {
    std::string_view msg;
    od::value msg_value;
    if (root.find_field_unordered("msg").get(msg_value) != simdjson::SUCCESS ||
        !read_string_or_null(msg_value, msg)) {
      msg = {};
    }
    return sdk::fail(classify_code(code),
                     "bingx: klines refused with code " + std::to_string(code) + " '" + std::string(msg) + "'");
  }

  std::vector<sdk::Kline> rows;
  auto add_row = [&](od::value& element) -> const char* {
    sdk::Kline bar{};
    bar.symbol = symbol;
    bar.timeframe = timeframe;
    bar.closed = true;
    if (const char* why = read_row(element, bar)) return why;
    // The stream's checks (event_checks.hpp): a fill must not hand the strategy what a live
    // frame could not.
    if (sdk::kline_problem(bar) != nullptr) {
      return "has an implausible row (a price <= 0, high below low, open or close outside them, or a time that is "
             "not a bar open)";
    }
    rows.push_back(bar);
    return nullptr;
  };
  od::value data;
  const auto data_error = root.find_field_unordered("data").get(data);
  if (data_error == simdjson::NO_SUCH_FIELD) return malformed("has no data", response.body);
  if (data_error != simdjson::SUCCESS) return malformed("is not valid JSON", response.body);
  od::json_type type;
  if (data.type().get(type) != simdjson::SUCCESS) return malformed("is not valid JSON", response.body);
  if (type == od::json_type::array) {
    od::array elements;
    if (data.get_array().get(elements) != simdjson::SUCCESS) return malformed("is not valid JSON", response.body);
    for (auto item : elements) {
      od::value element;
      if (std::move(item).get(element) != simdjson::SUCCESS) return malformed("is not valid JSON", response.body);
      if (const char* why = add_row(element)) return malformed(why, response.body);
    }
  } else if (type == od::json_type::object) {
    // §6: v2 once answered a single object instead of an array.
    if (const char* why = add_row(data)) return malformed(why, response.body);
  } else if (type != od::json_type::null) {
    return malformed("has data that is not an array", response.body);
  }

  // §6: order unconfirmed: sort by open time; of rows with the same time keep the last.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const sdk::Kline& a, const sdk::Kline& b) { return a.open_time_ms < b.open_time_ms; });
  std::vector<sdk::Kline> bars;
  bars.reserve(rows.size());
  for (const sdk::Kline& row : rows) {
    if (!bars.empty() && bars.back().open_time_ms == row.open_time_ms) {
      bars.back() = row;
    } else {
      bars.push_back(row);
    }
  }
  return bars;
}

}  // namespace tradehost::bingx
