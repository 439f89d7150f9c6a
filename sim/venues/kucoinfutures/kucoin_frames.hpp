// KuCoin Futures JSON as the venue prints it: WebSocket control and data frames
// (protocols/kucoinfutures.md §1, §4, §5) and REST bodies (§1, §2, §6, §8).
//
// `id_json` arguments are the JSON text of an id to echo (a client's id may be any JSON value
// and any text; it is re-serialised, never pasted raw). Sizes are whole contracts, computed by
// the caller (kucoin_lots.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "market/market.hpp"

namespace tradehost::sim::kucoinfutures {

// The shortest text of a fixed-point value: "97022", "97001.5", "0.001". §5's candle example
// trims trailing zeros ("97022"); REST numbers read the same either way.
std::string trimmed(std::int64_t units, int decimals);

// A JSON string literal of `text`, escaped.
std::string json_string(std::string_view text);

// §1, §4 control frames.
std::string welcome_frame(const std::string& id_json);
std::string pong_frame(const std::string& id_json, std::int64_t timestamp_us);
std::string ack_frame(const std::string& id_json);
std::string error_frame(const std::string& id_json, int code, std::string_view data);
// §4: the idle close is announced without an id.
std::string error_frame_without_id(int code, std::string_view data);

// §5 data frames; `topic` names one target.
std::string candle_frame(const std::string& topic, const Instrument& inst, const Bar& bar,
                         std::int64_t volume_contracts, std::int64_t time_ms);
std::string match_frame(const std::string& topic, const Instrument& inst, const TradeEvent& trade,
                        std::int64_t sequence, std::int64_t size_contracts);
std::string ticker_v2_frame(const std::string& topic, const Instrument& inst, const BookEvent& book,
                            std::int64_t sequence, std::int64_t bid_contracts, std::int64_t ask_contracts);

// §8 envelopes: {"code":"200000","data":<data_json>} and {"code":"<code>","msg":"<msg>"}.
std::string ok_body(const std::string& data_json);
std::string error_body(std::string_view code, std::string_view msg);

// §1 bullet data object.
std::string bullet_data(const std::string& token, const std::string& endpoint, std::int64_t ping_interval_ms,
                        std::int64_t ping_timeout_ms);
// §2 one contract object; prices in ticks, `now_ms` venue time (for the funding times).
std::string contract_json(const Instrument& inst, std::int64_t mark_ticks, std::int64_t last_ticks,
                          std::int64_t now_ms);
// §6 rows [start ms, open, high, low, close, volume contracts]; `volumes` parallel to `bars`.
std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars, const std::vector<std::int64_t>& volumes);

}  // namespace tradehost::sim::kucoinfutures
