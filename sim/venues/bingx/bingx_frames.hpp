// BingX swap JSON as the venue prints it: WebSocket pushes and replies (protocols/bingx.md §4,
// §5) and REST bodies (§2, §6). Text only; gzip is applied by the venue when it sends.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "market/market.hpp"

namespace tradehost::sim::bingx {

// §5 pushes.
std::string kline_push(const Instrument& inst, const std::string& data_type, const Bar& bar);
// `trades` in the order the market printed them; the frame lists them newest first (§5).
std::string trade_push(const Instrument& inst, const std::string& data_type,
                       const std::vector<TradeEvent>& trades);
std::string book_ticker_push(const Instrument& inst, const std::string& data_type,
                             const BookEvent& b, std::int64_t event_ms);

// §4 reply to a sub/unsub request: code 0 is the ack, anything else an error. `id_json` is the
// request's id as JSON text (already escaped). dataType is always "" so that every reply matches
// §4's control-reply rule (a `code` with an empty dataType and no `e`).
std::string ws_reply(const std::string& id_json, int code, std::string_view msg);

// §6 REST envelope: {"code":0,"msg":"","data":<data_json>}.
std::string ok_body(const std::string& data_json);
// §8 business error: {"code":<code>,"msg":"<msg>","data":{}} (sent with HTTP 200, like the venue).
std::string error_body(int code, std::string_view msg);

std::string server_time(std::int64_t server_ms);
// §2 contract list elements.
std::string contracts(const std::vector<Instrument>& instruments,
                      const std::vector<std::size_t>& which);
// §6 kline rows {"open","close","high","low","volume","time"}, oldest first.
std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars);

// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);

}  // namespace tradehost::sim::bingx
