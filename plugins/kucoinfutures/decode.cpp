#include "kucoinfutures/decode.hpp"

#include "kucoinfutures/decimal.hpp"
#include "kucoinfutures/json_scalar.hpp"
#include "kucoinfutures/manifest.hpp"
#include "kucoinfutures/subscribe.hpp"
#include "kucoinfutures/symbols.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/json_text.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace tradehost::kucoinfutures {

namespace od = simdjson::ondemand;

namespace {

constexpr std::size_t kMaxFrameBytes = std::size_t{1} << 20;
constexpr std::size_t kReservedFrameBytes = std::size_t{64} << 10;
constexpr std::int64_t kNanosPerMilli = 1'000'000;
constexpr std::int64_t kMillisPerSecond = 1000;

// protocols/kucoinfutures.md §4 (`type`) and §5 (`subject`).
constexpr std::string_view kTypeMessage = "message";
constexpr std::string_view kTypeWelcome = "welcome";
constexpr std::string_view kTypePong = "pong";
constexpr std::string_view kTypeAck = "ack";
constexpr std::string_view kTypeError = "error";
constexpr std::string_view kSubjectCandle = "candle.stick";
constexpr std::string_view kSubjectTrade = "match";
constexpr std::string_view kSubjectBookTicker = "tickerV2";
// protocols/kucoinfutures.md §1: an expired or invalid token.
constexpr std::int64_t kTokenErrorCode = 401;

// "<why>: <what>", cut to the detail's size, without allocating.
sdk::DecodeResult error_about(std::string_view why, std::string_view what) noexcept {
  char text[sizeof(sdk::DecodeResult::detail)];
  std::size_t n = 0;
  auto append = [&](std::string_view part) {
    const std::size_t room = sizeof(text) - n;
    const std::size_t take = part.size() < room ? part.size() : room;
    std::memcpy(text + n, part.data(), take);
    n += take;
  };
  append(why);
  append(": ");
  append(what);
  return sdk::DecodeResult::error(std::string_view(text, n));
}

sdk::DecodeResult malformed(simdjson::error_code error) noexcept {
  return error_about("malformed JSON", simdjson::error_message(error));
}

// The top-level fields of any frame (§4). Views into the frame.
struct Envelope {
  std::optional<std::string_view> type;
  std::optional<std::string_view> id;  // a string, or a number's text
  std::optional<std::string_view> topic;
  std::optional<std::string_view> subject;
  std::optional<std::int64_t> code;
  std::optional<std::string_view> data_text;  // error frames: `data` is a text
};

// Walks every top-level field, which also checks the whole frame is well-formed JSON. `read_data`
// sees `data` first: it returns nullptr to leave it to the envelope (an error frame's text), or
// the result of reading it (not copied: a result is 150 bytes), and an error result ends the walk. A key that decides how the frame
// is read (type, topic, subject, data) may appear once: a second one is an error, so what `data`
// was read with is what the frame says.
template <typename ReadData>
sdk::DecodeResult read_envelope(od::object& object, Envelope& envelope, ReadData&& read_data) noexcept {
  bool data_seen = false;
  bool id_seen = false;
  bool code_seen = false;
  for (auto member : object) {
    if (const auto error = member.error()) return malformed(error);
    od::field& field = member.value_unsafe();  // not copied out: a stall per field
    std::string_view key;
    if (!sdk::raw_json_text(field.key(), key)) key = {};  // an escaped key matches nothing of ours
    od::value& value = field.value();
    if (key == "type") {
      if (envelope.type) return sdk::DecodeResult::error("duplicate type in the frame");
      envelope.type = string_of(value);
      if (!envelope.type) return sdk::DecodeResult::error("type is not a string");
    } else if (key == "id") {
      if (id_seen) return sdk::DecodeResult::error("duplicate id in the frame");
      id_seen = true;
      envelope.id = scalar_text(value);
    } else if (key == "topic") {
      if (envelope.topic) return sdk::DecodeResult::error("duplicate topic in the frame");
      envelope.topic = string_of(value);
      if (!envelope.topic) return sdk::DecodeResult::error("topic is not a string");
    } else if (key == "subject") {
      if (envelope.subject) return sdk::DecodeResult::error("duplicate subject in the frame");
      envelope.subject = string_of(value);
      if (!envelope.subject) return sdk::DecodeResult::error("subject is not a string");
    } else if (key == "code") {
      if (code_seen) return sdk::DecodeResult::error("duplicate code in the frame");
      code_seen = true;
      envelope.code = integer_of(value);
    } else if (key == "data") {
      if (data_seen) return sdk::DecodeResult::error("duplicate data in the frame");
      data_seen = true;
      if (const sdk::DecodeResult* result = read_data(envelope, value)) {
        if (result->status == sdk::DecodeStatus::error) return *result;
      } else {
        envelope.data_text = string_of(value);
      }
    }
  }
  return sdk::DecodeResult::events();
}

std::optional<std::uint64_t> request_id_of(const Envelope& envelope) noexcept {
  if (!envelope.id) return std::nullopt;
  return parse_uint64(*envelope.id);
}

sdk::DecodeResult control_frame(const Envelope& envelope) noexcept {
  const std::string_view type = *envelope.type;
  const auto id = request_id_of(envelope);
  if (type == kTypeWelcome) return sdk::DecodeResult::control_of(sdk::ControlKind::welcome);
  if (type == kTypePong) {
    return sdk::DecodeResult::control_of(sdk::ControlKind::pong, id.value_or(0));
  }
  if (type == kTypeAck) {
    if (!id) {
      sdk::DecodeResult other = sdk::DecodeResult::control_of(sdk::ControlKind::other);
      other.set_detail("ack of a request that is not ours");
      return other;
    }
    return sdk::DecodeResult::control_of(sdk::ControlKind::ack, *id);
  }
  if (type == kTypeError) {
    const std::int64_t code = envelope.code.value_or(0);
    sdk::DecodeResult result =
        sdk::DecodeResult::control_of(code == kTokenErrorCode ? sdk::ControlKind::token_expired
                                                              : sdk::ControlKind::subscribe_error,
                                      code == kTokenErrorCode ? 0 : id.value_or(0));
    result.error_code = code;
    result.set_detail(envelope.data_text.value_or(std::string_view("error without text")));
    return result;
  }
  // §4: notice, command and whatever comes next.
  sdk::DecodeResult other = sdk::DecodeResult::control_of(sdk::ControlKind::other);
  other.set_detail(type);
  return other;
}

// The target after `prefix` in a topic, or nullopt when the topic is of another kind.
std::optional<std::string_view> target_of(std::string_view topic,
                                          std::string_view prefix) noexcept {
  if (!topic.starts_with(prefix) || topic.size() == prefix.size()) return std::nullopt;
  return topic.substr(prefix.size());
}

// Contracts -> base units (§2).
std::optional<sdk::Decimal> to_base(const std::optional<sdk::Decimal>& contracts,
                                    const sdk::Decimal& contract_size) noexcept {
  if (!contracts || contracts->mantissa < 0) return std::nullopt;
  return multiply(*contracts, contract_size);
}

std::optional<std::int64_t> nanos_to_millis(const std::optional<std::int64_t>& nanos) noexcept {
  if (!nanos) return std::nullopt;
  return *nanos / kNanosPerMilli;
}

bool has_room(const sdk::EventBuffer& out, std::size_t events) noexcept {
  return out.capacity() - out.size() >= events;
}

// What a message's data adds: its events, and for a candle the bar to remember. Applied only
// once the whole frame is known good, so a rejected frame appends nothing and changes no state.
struct Staged {
  std::array<sdk::Event, 2> events;  // written before they are read: not zeroed per frame
  std::size_t count = 0;
  bool remember = false;
  std::size_t slot = 0;
  std::size_t timeframe_slot = 0;

  void reset() noexcept {
    count = 0;
    remember = false;
  }
  // Appends, or says no: a frame never stages more than `events` holds, by check.
  bool add(const sdk::Event& event) noexcept {
    if (count == events.size()) return false;
    events[count++] = event;
    return true;
  }
};

// A key that decides what an event holds may come once: a second one is refused rather than
// guessed at (a repeated `data` once made another venue's decoder stage an event per repeat).
sdk::DecodeResult repeated(std::string_view key) noexcept { return error_about("repeated key", key); }

bool is_market_subject(std::string_view subject) noexcept {
  return subject == kSubjectCandle || subject == kSubjectTrade || subject == kSubjectBookTicker;
}

}  // namespace

struct Decoder::Parser {
  od::parser parser{kMaxFrameBytes};
  sdk::FutureHorizon horizon;  // venue times at most days ahead of the clock (event_checks.hpp)
};

namespace {

// One market-data payload (`data` of a message) against the bound symbols.
class MessageDecoder {
 public:
  MessageDecoder(const SymbolTable& symbols, const CandleRollover& candles, const sdk::EventBuffer& out,
                 Staged& staged, sdk::FutureHorizon& horizon) noexcept
      : symbols_(symbols), candles_(candles), out_(out), staged_(staged), horizon_(horizon) {}

  // The message's data by its subject (one of is_market_subject's).
  sdk::DecodeResult read(std::string_view subject, std::string_view topic, od::object& data) noexcept {
    if (subject == kSubjectCandle) return candle(topic, data);
    if (subject == kSubjectTrade) return trade(topic, data);
    return book_ticker(topic, data);
  }

  // Applies what a read staged: the frame has been accepted whole.
  static void commit(const Staged& staged, CandleRollover& candles, sdk::EventBuffer& out) noexcept {
    for (std::size_t i = 0; i < staged.count; ++i) out.push(staged.events[i]);
    if (staged.remember) candles.remember(staged.slot, staged.timeframe_slot, staged.events[staged.count - 1].kline);
  }

  // §5 candle.stick: {"symbol":"XBTUSDTM","candles":[start s, open, close, high, low, -, vol],...}
  sdk::DecodeResult candle(std::string_view topic, od::object& data) noexcept {
    const auto target = target_of(topic, kCandleTopic);
    if (!target) return error_about("candle.stick on another topic", topic);
    const std::size_t separator = target->rfind(kCandleSeparator);
    if (separator == std::string_view::npos) return error_about("candle topic without type", topic);
    const std::string_view venue = target->substr(0, separator);
    const std::string_view type = target->substr(separator + 1);
    const auto timeframe = find_candle_type(type);
    if (!timeframe) return error_about("unknown candle type", type);
    const auto timeframe_slot = timeframe_index(*timeframe);
    const auto slot = symbols_.find(venue);
    if (!slot) return error_about("unknown symbol", venue);
    if (!timeframe_slot) return error_about("unknown candle type", type);

    std::optional<std::int64_t> start_s;
    std::array<std::optional<sdk::Decimal>, 4> ochl;  // the wire's order: open, close, high, low
    std::optional<sdk::Decimal> contracts;
    bool has_candles = false;
    bool has_symbol = false;
    for (auto member : data) {
      if (const auto error = member.error()) return malformed(error);
      od::field& field = member.value_unsafe();  // not copied out: a stall per field
      std::string_view key;
      if (!sdk::raw_json_text(field.key(), key)) key = {};  // an escaped key matches nothing of ours
      od::value& value = field.value();
      if (key == "symbol") {
        if (has_symbol) return repeated(key);
        has_symbol = true;
        if (const auto result = check_symbol(value, venue);
            result.status == sdk::DecodeStatus::error) {
          return result;
        }
      } else if (key == "candles") {
        if (has_candles) return repeated(key);
        od::array candles;
        if (value.get_array().get(candles)) {
          return sdk::DecodeResult::error("candles is not an array");
        }
        std::size_t index = 0;
        for (auto element : candles) {
          if (const auto error = element.error()) return malformed(error);
          od::value& item = element.value_unsafe();
          // §5: [start s, open, close, high, low, -, contracts]; index 5 is documented as
          // incorrect.
          if (index == 0) {
            start_s = integer_of(item);
          } else if (index <= 4) {
            ochl[index - 1] = decimal_of(item);
          } else if (index == 6) {
            contracts = decimal_of(item);
          }
          ++index;
        }
        if (index < 7) return sdk::DecodeResult::error("candles has fewer than 7 values");
        has_candles = true;
      }
    }
    if (!has_candles) return sdk::DecodeResult::error("candle without candles");
    if (!start_s || *start_s > std::numeric_limits<std::int64_t>::max() / kMillisPerSecond) {
      return sdk::DecodeResult::error("bad candle start");
    }
    const auto& [open, close, high, low] = ochl;
    if (!open || !close || !high || !low) return sdk::DecodeResult::error("bad candle price");
    const BoundSymbol& symbol = symbols_.at(*slot);
    const auto volume = to_base(contracts, symbol.contract_size);
    if (!volume) return sdk::DecodeResult::error("bad candle volume");

    sdk::Event event{};
    event.kind = sdk::EventKind::kline;
    event.kline = sdk::Kline{.symbol = symbol.id,
                             .timeframe = *timeframe,
                             .closed = false,
                             .open_time_ms = *start_s * kMillisPerSecond,
                             .open = *open,
                             .high = *high,
                             .low = *low,
                             .close = *close,
                             .volume = *volume};
    if (const char* why = problem(event)) return sdk::DecodeResult::error(why);
    const CandleRollover::Plan plan =
        candles_.plan(*slot, *timeframe_slot, event.kline.open_time_ms);
    if (plan.action == CandleRollover::Plan::Action::stale) {
      sdk::DecodeResult other = sdk::DecodeResult::control_of(sdk::ControlKind::other);
      other.set_detail("candle older than the current one: dropped");
      return other;
    }
    const bool roll = plan.action == CandleRollover::Plan::Action::roll;
    if (!has_room(out_, roll ? 2 : 1)) return sdk::DecodeResult::error("event buffer full");
    if (roll) {
      sdk::Event closed{};
      closed.kind = sdk::EventKind::kline;
      closed.kline = *plan.previous;
      closed.kline.closed = true;
      if (!staged_.add(closed)) return sdk::DecodeResult::error("too many events in one frame");
    }
    if (!staged_.add(event)) return sdk::DecodeResult::error("too many events in one frame");
    staged_.remember = true;
    staged_.slot = *slot;
    staged_.timeframe_slot = *timeframe_slot;
    return sdk::DecodeResult::events();
  }

  // §5 match: {"symbol","side","size","price","tradeId","ts",...}
  sdk::DecodeResult trade(std::string_view topic, od::object& data) noexcept {
    const auto venue = target_of(topic, kTradeTopic);
    if (!venue) return error_about("match on another topic", topic);
    const auto slot = symbols_.find(*venue);
    if (!slot) return error_about("unknown symbol", *venue);

    std::optional<std::string_view> side_text;
    std::optional<sdk::Decimal> price, size, match_size;
    std::optional<std::int64_t> trade_id, ts_ns;
    bool has_symbol = false;
    for (auto member : data) {
      if (const auto error = member.error()) return malformed(error);
      od::field& field = member.value_unsafe();  // not copied out: a stall per field
      std::string_view key;
      if (!sdk::raw_json_text(field.key(), key)) key = {};  // an escaped key matches nothing of ours
      od::value& value = field.value();
      if (key == "symbol") {
        if (has_symbol) return repeated(key);
        has_symbol = true;
        if (const auto result = check_symbol(value, *venue);
            result.status == sdk::DecodeStatus::error) {
          return result;
        }
      } else if (key == "side") {
        if (side_text) return repeated(key);
        side_text = string_of(value);
        if (!side_text) return sdk::DecodeResult::error("side is not a string");
      } else if (key == "price") {
        if (price) return repeated(key);
        price = decimal_of(value);
        if (!price) return sdk::DecodeResult::error("bad price");
      } else if (key == "size") {
        if (size) return repeated(key);
        size = decimal_of(value);
        if (!size) return sdk::DecodeResult::error("bad size");
      } else if (key == "matchSize") {
        if (match_size) return repeated(key);
        match_size = decimal_of(value);
        if (!match_size) return sdk::DecodeResult::error("bad matchSize");
      } else if (key == "tradeId") {
        if (trade_id) return repeated(key);
        trade_id = integer_of(value);
        if (!trade_id) return sdk::DecodeResult::error("bad tradeId");
      } else if (key == "ts") {
        if (ts_ns) return repeated(key);
        ts_ns = integer_of(value);
        if (!ts_ns) return sdk::DecodeResult::error("bad ts");
      }
    }
    if (!side_text) return sdk::DecodeResult::error("trade without side");
    const auto side = sdk::parse_side(*side_text);
    if (!side) return error_about("unknown side", *side_text);
    if (!price) return sdk::DecodeResult::error("trade without price");
    if (!trade_id) return sdk::DecodeResult::error("trade without tradeId");
    const auto time_ms = nanos_to_millis(ts_ns);
    if (!time_ms) return sdk::DecodeResult::error("trade without ts");
    const BoundSymbol& symbol = symbols_.at(*slot);
    // §5: 2019-era frames carried matchSize; prefer it when present.
    const auto qty = to_base(match_size ? match_size : size, symbol.contract_size);
    if (!qty) return sdk::DecodeResult::error("bad trade size");

    if (!has_room(out_, 1)) return sdk::DecodeResult::error("event buffer full");
    sdk::Event event{};
    event.kind = sdk::EventKind::trade;
    event.trade = sdk::Trade{symbol.id, *side, *time_ms, *trade_id, *price, *qty};
    if (const char* why = problem(event)) return sdk::DecodeResult::error(why);
    if (!staged_.add(event)) return sdk::DecodeResult::error("too many events in one frame");
    return sdk::DecodeResult::events();
  }

  // §5 tickerV2: {"symbol","bestBidSize","bestBidPrice","bestAskPrice","bestAskSize","ts",...}
  sdk::DecodeResult book_ticker(std::string_view topic, od::object& data) noexcept {
    const auto venue = target_of(topic, kBookTickerTopic);
    if (!venue) return error_about("tickerV2 on another topic", topic);
    const auto slot = symbols_.find(*venue);
    if (!slot) return error_about("unknown symbol", *venue);

    std::optional<sdk::Decimal> bid, bid_size, ask, ask_size;
    std::optional<std::int64_t> ts_ns;
    bool has_symbol = false;
    for (auto member : data) {
      if (const auto error = member.error()) return malformed(error);
      od::field& field = member.value_unsafe();  // not copied out: a stall per field
      std::string_view key;
      if (!sdk::raw_json_text(field.key(), key)) key = {};  // an escaped key matches nothing of ours
      od::value& value = field.value();
      if (key == "symbol") {
        if (has_symbol) return repeated(key);
        has_symbol = true;
        if (const auto result = check_symbol(value, *venue);
            result.status == sdk::DecodeStatus::error) {
          return result;
        }
      } else if (key == "bestBidPrice") {
        if (bid) return repeated(key);
        bid = decimal_of(value);
        if (!bid) return sdk::DecodeResult::error("bad bestBidPrice");
      } else if (key == "bestBidSize") {
        if (bid_size) return repeated(key);
        bid_size = decimal_of(value);
        if (!bid_size) return sdk::DecodeResult::error("bad bestBidSize");
      } else if (key == "bestAskPrice") {
        if (ask) return repeated(key);
        ask = decimal_of(value);
        if (!ask) return sdk::DecodeResult::error("bad bestAskPrice");
      } else if (key == "bestAskSize") {
        if (ask_size) return repeated(key);
        ask_size = decimal_of(value);
        if (!ask_size) return sdk::DecodeResult::error("bad bestAskSize");
      } else if (key == "ts") {
        if (ts_ns) return repeated(key);
        ts_ns = integer_of(value);
        if (!ts_ns) return sdk::DecodeResult::error("bad ts");
      }
    }
    if (!bid || !ask) return sdk::DecodeResult::error("tickerV2 without best prices");
    const auto time_ms = nanos_to_millis(ts_ns);
    if (!time_ms) return sdk::DecodeResult::error("tickerV2 without ts");
    const BoundSymbol& symbol = symbols_.at(*slot);
    const auto bid_qty = to_base(bid_size, symbol.contract_size);
    const auto ask_qty = to_base(ask_size, symbol.contract_size);
    if (!bid_qty || !ask_qty) return sdk::DecodeResult::error("bad tickerV2 size");

    if (!has_room(out_, 1)) return sdk::DecodeResult::error("event buffer full");
    sdk::Event event{};
    event.kind = sdk::EventKind::book_ticker;
    event.book_ticker = sdk::BookTicker{symbol.id, *time_ms, *bid, *bid_qty, *ask, *ask_qty};
    if (const char* why = problem(event)) return sdk::DecodeResult::error(why);
    if (!staged_.add(event)) return sdk::DecodeResult::error("too many events in one frame");
    return sdk::DecodeResult::events();
  }

 private:
  // `data.symbol` is optional, but when present it must be the topic's symbol.
  static sdk::DecodeResult check_symbol(od::value& value, std::string_view venue) noexcept {
    const auto symbol = string_of(value);
    if (!symbol) return sdk::DecodeResult::error("symbol is not a string");
    if (*symbol != venue) return error_about("symbol differs from the topic's", *symbol);
    return sdk::DecodeResult::events();
  }

  const SymbolTable& symbols_;
  const CandleRollover& candles_;
  const sdk::EventBuffer& out_;
  Staged& staged_;
  sdk::FutureHorizon& horizon_;

  // The SDK's checks, and a time not days ahead of the clock.
  const char* problem(const sdk::Event& event) noexcept {
    if (const char* why = sdk::event_problem(event)) return why;
    if (!horizon_.admits(sdk::event_time_ms(event))) return "time days ahead of the clock";
    return nullptr;
  }
};

}  // namespace

Decoder::Decoder() : parser_(std::make_unique<Parser>()) {
  // Failing to reserve is not fatal: the parser then allocates on the first frame.
  [[maybe_unused]] const auto reserved = parser_->parser.allocate(kReservedFrameBytes);
}

Decoder::~Decoder() = default;

sdk::Status Decoder::bind(std::span<const sdk::SymbolBinding> symbols) {
  auto table = SymbolTable::build(symbols);
  if (!table) return sdk::Failure{std::move(table).error()};
  CandleRollover candles;
  candles.reset(table->size(), kTimeframes.size());
  symbols_ = std::move(*table);
  candles_ = std::move(candles);
  return sdk::ok();
}

sdk::DecodeResult Decoder::decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept {
  if (frame.binary) return sdk::DecodeResult::error("binary frame (KuCoin sends text)");
  if (frame.data == nullptr) return sdk::DecodeResult::error("empty frame");
  od::document document;
  const simdjson::padded_string_view input(frame.data, frame.size, frame.size + sdk::kFramePadding);
  if (const auto error = parser_->parser.iterate(input).get(document)) return malformed(error);

  // One pass in the usual case: KuCoin sends `data` after type, topic and subject, so it is read
  // where it stands (staged, applied once the rest of the frame has been checked). Frames that
  // put it earlier are read with a second pass.
  Envelope envelope;
  Staged staged;
  std::optional<sdk::DecodeResult> data_result;  // set when `data` was read in the first pass
  auto read_data = [&](const Envelope& seen, od::value& value) -> const sdk::DecodeResult* {
    if (!seen.type || *seen.type != kTypeMessage || !seen.subject || !seen.topic ||
        !is_market_subject(*seen.subject)) {
      return nullptr;
    }
    od::object data;
    if (value.get_object().get(data)) {
      data_result = sdk::DecodeResult::error("message without a data object");
    } else {
      staged.reset();
      data_result = MessageDecoder(symbols_, candles_, out, staged, parser_->horizon).read(*seen.subject, *seen.topic, data);
    }
    return &*data_result;
  };
  {
    od::object root;
    if (document.get_object().get(root)) return sdk::DecodeResult::error("not a JSON object");
    if (const auto result = read_envelope(root, envelope, read_data);
        result.status == sdk::DecodeStatus::error) {
      return result;
    }
    // simdjson 3.0.1's document has no at_end(): a location still in bounds is trailing data.
    const char* rest = nullptr;
    if (!document.current_location().get(rest)) {
      return sdk::DecodeResult::error("trailing data after the object");
    }
  }
  if (!envelope.type) return sdk::DecodeResult::error("frame without type");
  if (*envelope.type != kTypeMessage) return control_frame(envelope);

  if (!envelope.subject) return sdk::DecodeResult::error("message without subject");
  const std::string_view subject = *envelope.subject;
  if (!is_market_subject(subject)) {
    sdk::DecodeResult other = sdk::DecodeResult::control_of(sdk::ControlKind::other);
    other.set_detail(subject);
    return other;
  }
  if (!envelope.topic) return sdk::DecodeResult::error("message without topic");

  if (!data_result) {
    // Second pass for `data`: it came before the envelope's fields, and the first pass has
    // already checked the whole frame.
    document.rewind();
    od::object data;
    if (document.find_field_unordered("data").get_object().get(data)) {
      return sdk::DecodeResult::error("message without a data object");
    }
    staged.reset();
    data_result = MessageDecoder(symbols_, candles_, out, staged, parser_->horizon).read(subject, *envelope.topic, data);
  }
  if (data_result->status == sdk::DecodeStatus::events) MessageDecoder::commit(staged, candles_, out);
  return *data_result;
}

}  // namespace tradehost::kucoinfutures
