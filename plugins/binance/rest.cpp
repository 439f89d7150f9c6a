#include "binance/rest.hpp"

#include "binance/decimal.hpp"
#include "binance/symbols.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/http_status.hpp>

#include <algorithm>
#include <string_view>
#include <utility>

namespace tradehost::binance {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

sdk::Failure bad_answer(std::string what, std::string_view endpoint = "klines") {
  return sdk::fail(sdk::ErrorCode::protocol, "binance " + std::string(endpoint) + ": " + std::move(what));
}

sdk::Failure bad_answer(std::string what, error_code ec, std::string_view endpoint = "klines") {
  return bad_answer(std::move(what) + " (" + simdjson::error_message(ec) + ")", endpoint);
}

// protocols/binance.md §7/§8: error bodies are {"code":-1121,"msg":"Invalid symbol."}; the
// status is classified as for every venue (sdk/http_status.hpp).
sdk::Failure http_error(const sdk::HttpResponseView& response, std::string_view endpoint = "klines") {
  std::string detail;
  const simdjson::padded_string body(response.body);
  od::parser parser;
  od::document doc;
  od::object object;
  if (parser.iterate(body).get(doc) == SUCCESS && doc.get_object().get(object) == SUCCESS) {
    std::int64_t code = 0;
    std::string_view msg;
    bool has_code = false;
    for (auto result : object) {
      od::field field;
      std::string_view key;
      if (std::move(result).get(field) != SUCCESS || field.unescaped_key().get(key) != SUCCESS)
        break;
      if (key == "code") has_code = field.value().get_int64().get(code) == SUCCESS;
      if (key == "msg" && field.value().get_string().get(msg) != SUCCESS) msg = {};
    }
    if (has_code) detail = " code " + std::to_string(code);
    if (!msg.empty()) detail += ": " + std::string(msg);
  }
  return sdk::fail(sdk::http_status_error(response.status), "binance " + std::string(endpoint) + ": HTTP " + std::to_string(response.status) + detail);
}

// One §6 row: [open time, open, high, low, close, volume, close time, ...].
sdk::Result<sdk::Kline> parse_row(od::array& row, std::size_t index, sdk::SymbolId symbol,
                                  sdk::Timeframe timeframe) {
  static constexpr std::string_view kColumns[] = {"open time", "open",  "high",
                                                  "low",       "close", "volume"};
  sdk::Kline kline{};
  kline.symbol = symbol;
  kline.timeframe = timeframe;
  kline.closed = true;
  sdk::Decimal* const decimals[] = {&kline.open, &kline.high, &kline.low, &kline.close,
                                    &kline.volume};
  const std::string where = "row " + std::to_string(index);
  std::size_t column = 0;
  for (auto cell : row) {
    od::value value;
    if (error_code ec = std::move(cell).get(value)) return bad_answer(where + " is malformed", ec);
    if (column == 0) {
      if (error_code ec = value.get_int64().get(kline.open_time_ms)) {
        return bad_answer(where + " open time is not an integer", ec);
      }
    } else if (column < std::size(kColumns)) {
      const std::string name = where + " " + std::string(kColumns[column]);
      std::string_view text;
      if (error_code ec = value.get_string().get(text)) {
        return bad_answer(name + " is not a string", ec);
      }
      if (!parse_decimal(text, *decimals[column - 1])) {
        return bad_answer(name + " '" + std::string(text) + "' is not a decimal");
      }
    }
    ++column;
  }
  if (column < std::size(kColumns)) {
    return bad_answer(where + " has " + std::to_string(column) + " values, expected at least 6");
  }
  return kline;
}

}  // namespace

sdk::Result<std::optional<sdk::HttpRequestSpec>> bootstrap_request() {
  return std::optional<sdk::HttpRequestSpec>{};
}

sdk::Result<sdk::Bootstrap> parse_bootstrap(const sdk::HttpResponseView& /*response*/) {
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "binance has no connection bootstrap; it connects to the configured base");
}

sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol,
                                                sdk::Timeframe timeframe, std::int64_t start_ms,
                                                std::int64_t end_ms, std::uint32_t limit) {
  auto venue = venue_symbol(symbol);
  if (!venue) return sdk::Failure{std::move(venue).error()};
  auto interval = venue_timeframe(timeframe);
  if (!interval) return sdk::Failure{std::move(interval).error()};
  if (limit == 0) return sdk::fail(sdk::ErrorCode::invalid_config, "binance klines: limit 0");
  if (start_ms < 0 || end_ms < start_ms) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "binance klines: bad range [" +
                                                         std::to_string(start_ms) + ", " +
                                                         std::to_string(end_ms) + "]");
  }
  sdk::HttpRequestSpec spec;
  spec.method = "GET";
  // protocols/binance.md §6: public, no key; startTime/endTime in ms, limit at most 1500.
  spec.target = "/fapi/v1/klines?symbol=" + *venue + "&interval=" + *interval +
                "&startTime=" + std::to_string(start_ms) + "&endTime=" + std::to_string(end_ms) +
                "&limit=" + std::to_string(std::min(limit, kMaxKlineLimit));
  return spec;
}

sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe timeframe,
                                                  const sdk::HttpResponseView& response) {
  if (response.status != 200) return http_error(response);
  const simdjson::padded_string body(response.body);
  od::parser parser;
  od::document doc;
  if (error_code ec = parser.iterate(body).get(doc)) return bad_answer("not JSON", ec);
  od::array rows;
  if (error_code ec = doc.get_array().get(rows)) return bad_answer("not an array of rows", ec);
  std::vector<sdk::Kline> klines;
  std::size_t index = 0;
  for (auto result : rows) {
    od::array row;
    if (error_code ec = result.get_array().get(row)) {
      return bad_answer("row " + std::to_string(index) + " is not an array", ec);
    }
    auto kline = parse_row(row, index, symbol, timeframe);
    if (!kline) return std::move(kline).error();
    // The stream's checks (event_checks.hpp): a fill must not hand the strategy what a live
    // frame could not.
    if (const char* why = sdk::kline_problem(*kline)) {
      return bad_answer("row " + std::to_string(index) + " has " + why);
    }
    // §6: ascending order; anything else would misplace bars in the gap.
    if (!klines.empty() && kline->open_time_ms <= klines.back().open_time_ms) {
      return bad_answer("row " + std::to_string(index) + " is not after the previous one");
    }
    klines.push_back(*kline);
    ++index;
  }
  return klines;
}

sdk::Result<sdk::HttpRequestSpec> trades_request(const sdk::UnifiedSymbol& symbol, std::int64_t from_id,
                                                 std::uint32_t limit) {
  auto venue = venue_symbol(symbol);
  if (!venue) return sdk::Failure{std::move(venue).error()};
  if (limit == 0) return sdk::fail(sdk::ErrorCode::invalid_config, "binance aggTrades: limit 0");
  if (from_id < 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "binance aggTrades: bad fromId " + std::to_string(from_id));
  }
  sdk::HttpRequestSpec spec;
  spec.method = "GET";
  spec.target = "/fapi/v1/aggTrades?symbol=" + *venue + "&fromId=" + std::to_string(from_id) +
                "&limit=" + std::to_string(std::min(limit, kMaxAggTradeLimit));
  return spec;
}

sdk::Result<std::vector<sdk::Trade>> parse_trades(sdk::SymbolId symbol, const sdk::HttpResponseView& response) {
  constexpr std::string_view kEndpoint = "aggTrades";
  if (response.status != 200) return http_error(response, kEndpoint);
  const simdjson::padded_string body(response.body);
  od::parser parser;
  od::document doc;
  if (error_code ec = parser.iterate(body).get(doc)) return bad_answer("not JSON", ec, kEndpoint);
  od::array rows;
  if (error_code ec = doc.get_array().get(rows)) return bad_answer("not an array of trades", ec, kEndpoint);
  std::vector<sdk::Trade> trades;
  std::size_t index = 0;
  for (auto element : rows) {
    const std::string where = "trade " + std::to_string(index++);
    od::object row;
    if (error_code ec = std::move(element).get_object().get(row)) return bad_answer(where + " is not an object", ec, kEndpoint);
    sdk::Trade trade{};
    trade.symbol = symbol;
    enum : unsigned { kId = 1, kPrice = 2, kQty = 4, kTime = 8, kMaker = 16, kAll = 31 };
    unsigned seen = 0;
    bool buyer_is_maker = false;
    for (auto result : row) {
      od::field field;
      std::string_view key;
      if (error_code ec = std::move(result).get(field)) return bad_answer(where + " is malformed", ec, kEndpoint);
      if (field.unescaped_key().get(key) != SUCCESS) return bad_answer(where + " has a bad key", kEndpoint);
      od::value value = field.value();
      std::string_view text;
      if (key == "a") {
        if (value.get_int64().get(trade.trade_id) != SUCCESS) return bad_answer(where + " a is not an integer", kEndpoint);
        seen |= kId;
      } else if (key == "p" || key == "q") {
        sdk::Decimal& out = key == "p" ? trade.price : trade.qty;
        if (value.get_string().get(text) != SUCCESS || !parse_decimal(text, out)) {
          return bad_answer(where + " " + std::string(key) + " is not a decimal string", kEndpoint);
        }
        seen |= key == "p" ? kPrice : kQty;
      } else if (key == "T") {
        if (value.get_int64().get(trade.time_ms) != SUCCESS) return bad_answer(where + " T is not an integer", kEndpoint);
        seen |= kTime;
      } else if (key == "m") {
        if (value.get_bool().get(buyer_is_maker) != SUCCESS) return bad_answer(where + " m is not a boolean", kEndpoint);
        seen |= kMaker;
      }
    }
    if (seen != kAll) return bad_answer(where + " lacks one of a, p, q, T, m", kEndpoint);
    // As the aggTrade stream (§5): the buyer was the maker -> the taker sold.
    trade.side = buyer_is_maker ? sdk::Side::sell : sdk::Side::buy;
    if (const char* why = sdk::trade_problem(trade)) return bad_answer(where + " has " + why, kEndpoint);
    if (!trades.empty() && trade.trade_id <= trades.back().trade_id) {
      return bad_answer(where + " id " + std::to_string(trade.trade_id) + " is not above the one before it", kEndpoint);
    }
    trades.push_back(trade);
  }
  return trades;
}

}  // namespace tradehost::binance
