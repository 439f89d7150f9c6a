#include "bingx/decode.hpp"

#include "bingx/gunzip.hpp"
#include "bingx/json_values.hpp"
#include "bingx/kline_tracker.hpp"
#include "bingx/symbol_table.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/json_text.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tradehost::bingx {
namespace od = simdjson::ondemand;

namespace {

static_assert(sdk::kFramePadding >= simdjson::SIMDJSON_PADDING,
              "the host's frame padding must cover simdjson's, or frames must be copied");

// Room for the events of one frame: every trade, or two events (closed + open) per bar.
constexpr std::size_t kStagedEvents = std::max(kMaxTradesPerFrame, 2 * kMaxKlinesPerFrame);

enum class Channel : std::uint8_t { none, kline, trade, book_ticker, bad_interval, other };

// What a push's `dataType` names (protocols/bingx.md §3, §5).
struct Topic {
  std::string_view symbol;  // BTC-USDT, a view into the frame
  Channel channel = Channel::none;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;
};

Topic parse_topic(std::string_view data_type) noexcept {
  Topic topic;
  if (data_type.empty()) return topic;
  const auto at = data_type.find('@');
  topic.channel = Channel::other;
  if (at == std::string_view::npos) return topic;
  topic.symbol = data_type.substr(0, at);
  const std::string_view channel = data_type.substr(at + 1);
  if (channel == "trade") {
    topic.channel = Channel::trade;
  } else if (channel == "bookTicker") {
    topic.channel = Channel::book_ticker;
  } else if (channel.starts_with("kline_")) {
    // sdk::parse_timeframe, not symbols.hpp: it cannot allocate, and BingX spells every
    // timeframe as tradehost does (§3).
    const auto timeframe = sdk::parse_timeframe(channel.substr(6));
    topic.channel = timeframe ? Channel::kline : Channel::bad_interval;
    if (timeframe) topic.timeframe = *timeframe;
  }
  return topic;
}

bool carries_events(Channel c) noexcept {
  return c == Channel::kline || c == Channel::trade || c == Channel::book_ticker ||
         c == Channel::bad_interval;
}

std::string_view trim(std::string_view text) noexcept {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// A string without escapes (a symbol, a dataType) as a view into the frame itself, so that it
// survives document::rewind(), which reuses the parser's string buffer. Null reads as "".
bool read_plain_string(od::value& value, std::string_view& out) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == od::json_type::null) {
    out = {};
    return true;
  }
  if (type != od::json_type::string) return false;
  std::string_view token = trim(value.raw_json_token());
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return false;
  token = token.substr(1, token.size() - 2);
  if (token.find('\\') != std::string_view::npos) return false;
  out = token;
  return true;
}

// The fields a push must have, as bits of a mask.
enum : unsigned { kOpen = 1, kHigh = 2, kLow = 4, kClose = 8, kVolume = 16, kTime = 32 };
enum : unsigned { kPrice = 1, kQty = 2, kTradeTime = 4, kMaker = 8, kTradeSymbol = 16 };
enum : unsigned { kBid = 1, kBidQty = 2, kAsk = 4, kAskQty = 8, kMatchTime = 16, kPushTime = 32, kTickerSymbol = 64 };

// Records `bit` in `seen`; false when the key was seen before. A key that comes twice is refused
// rather than read twice: which of the two counts would be a guess, and a repeated `data` once
// staged an event per repeat.
bool first_time(unsigned& seen, unsigned bit) noexcept {
  if ((seen & bit) != 0) return false;
  seen |= bit;
  return true;
}

// A venue time that fits the SDK's window and is not far ahead of the clock (event_checks.hpp).
bool admit_time(sdk::FutureHorizon& horizon, std::int64_t time_ms) noexcept {
  return sdk::plausible_time_ms(time_ms) && horizon.admits(time_ms);
}

}  // namespace

struct Decoder::Impl {
  Impl()
      : parser(kMaxInflatedBytes),
        gunzip(kMaxInflatedBytes, sdk::kFramePadding),
        staged(kStagedEvents, sdk::Event{}) {
    // Allocate the parser's full capacity now: iterate() only allocates when a document is
    // larger than the capacity, and none may be (the inflate cap, and the same cap for text).
    ready = parser.allocate(kMaxInflatedBytes) == simdjson::SUCCESS;
  }

  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept;
  const char* stage(od::value& data, const Topic& topic) noexcept;
  const char* stage_kline(od::value& element, const Topic& topic) noexcept;
  const char* stage_trade(od::value& element, const Topic& topic) noexcept;
  const char* stage_book_ticker(od::value& data, const Topic& topic) noexcept;
  sdk::DecodeResult commit(const Topic& topic, sdk::EventBuffer& out) noexcept;

  od::parser parser;
  Gunzip gunzip;
  SymbolTable symbols;
  KlineTracker klines;
  sdk::FutureHorizon horizon;
  bool ready = false;

  // Scratch for the frame being decoded; sized once, never grown.
  std::vector<sdk::Event> staged;
  std::size_t staged_count = 0;
  std::array<sdk::Kline, kMaxKlinesPerFrame> bars{};
  std::size_t bar_count = 0;
  std::size_t symbol_index = 0;
};

// ---- data ------------------------------------------------------------------------------------

const char* Decoder::Impl::stage(od::value& data, const Topic& topic) noexcept {
  if (topic.channel == Channel::bad_interval) return "unknown kline interval";
  const auto index = symbols.find(topic.symbol);
  if (!index) return "unknown symbol";
  symbol_index = *index;
  if (topic.channel == Channel::book_ticker) return stage_book_ticker(data, topic);

  // Klines and trades: an array of elements (§5), or a single object.
  auto stage_one = [&](od::value& element) {
    return topic.channel == Channel::kline ? stage_kline(element, topic) : stage_trade(element, topic);
  };
  od::json_type type;
  if (data.type().get(type) != simdjson::SUCCESS) return "malformed JSON";
  if (type == od::json_type::object) return stage_one(data);
  if (type != od::json_type::array) return "data is not an array";
  od::array elements;
  if (data.get_array().get(elements) != simdjson::SUCCESS) return "malformed JSON";
  for (auto item : elements) {
    if (item.error() != simdjson::SUCCESS) return "malformed JSON";
    if (const char* why = stage_one(item.value_unsafe())) return why;
  }
  return nullptr;
}

const char* Decoder::Impl::stage_kline(od::value& element, const Topic& topic) noexcept {
  if (bar_count == bars.size()) return "too many klines in one frame";
  od::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return "kline is not an object";
  sdk::Kline bar{};
  bar.symbol = symbols.id(symbol_index);
  bar.timeframe = topic.timeframe;
  bar.closed = false;
  unsigned seen = 0;
  for (auto item : object) {
    // The field stays inside `item`: copying it out costs a store-forwarding stall per field.
    std::string_view key;
    if (item.error() != simdjson::SUCCESS || !sdk::raw_json_text(item.value_unsafe().key(), key)) {
      return "malformed JSON";
    }
    od::value& value = item.value_unsafe().value();
    if (key == "o") {
      if (!first_time(seen, kOpen)) return "kline: repeated o";
      if (!read_decimal(value, bar.open)) return "kline: bad o";
    } else if (key == "h") {
      if (!first_time(seen, kHigh)) return "kline: repeated h";
      if (!read_decimal(value, bar.high)) return "kline: bad h";
    } else if (key == "l") {
      if (!first_time(seen, kLow)) return "kline: repeated l";
      if (!read_decimal(value, bar.low)) return "kline: bad l";
    } else if (key == "c") {
      if (!first_time(seen, kClose)) return "kline: repeated c";
      if (!read_decimal(value, bar.close)) return "kline: bad c";
    } else if (key == "v") {
      if (!first_time(seen, kVolume)) return "kline: repeated v";
      if (!read_decimal(value, bar.volume)) return "kline: bad v";
    } else if (key == "T") {  // bar OPEN time in ms (§5, ccxt#20515), not close time
      if (!first_time(seen, kTime)) return "kline: repeated T";
      if (!read_int64(value, bar.open_time_ms)) return "kline: bad T";
      if (!admit_time(horizon, bar.open_time_ms)) return "kline: T before 1970, after 2100 or days ahead of the clock";
    }
  }
  if (seen != (kOpen | kHigh | kLow | kClose | kVolume | kTime)) return "kline: missing field";
  bars[bar_count++] = bar;
  return nullptr;
}

const char* Decoder::Impl::stage_trade(od::value& element, const Topic& topic) noexcept {
  if (staged_count == kMaxTradesPerFrame || staged_count == staged.size()) return "too many trades in one frame";
  od::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return "trade is not an object";
  // §5: USDT-M trades carry no trade id (`t`), so trade_id stays 0.
  sdk::Trade trade{symbols.id(symbol_index), sdk::Side::buy, 0, 0, {}, {}};
  unsigned seen = 0;
  for (auto item : object) {
    // The field stays inside `item`: copying it out costs a store-forwarding stall per field.
    std::string_view key;
    if (item.error() != simdjson::SUCCESS || !sdk::raw_json_text(item.value_unsafe().key(), key)) {
      return "malformed JSON";
    }
    od::value& value = item.value_unsafe().value();
    if (key == "p") {
      if (!first_time(seen, kPrice)) return "trade: repeated p";
      if (!read_decimal(value, trade.price)) return "trade: bad p";
    } else if (key == "q") {  // base coin (§5)
      if (!first_time(seen, kQty)) return "trade: repeated q";
      if (!read_decimal(value, trade.qty)) return "trade: bad q";
    } else if (key == "T") {  // trade time, ms
      if (!first_time(seen, kTradeTime)) return "trade: repeated T";
      if (!read_int64(value, trade.time_ms)) return "trade: bad T";
      if (!admit_time(horizon, trade.time_ms)) return "trade: T before 1970, after 2100 or days ahead of the clock";
    } else if (key == "m") {
      // §5: buyer is maker, so true means the taker sold.
      if (!first_time(seen, kMaker)) return "trade: repeated m";
      bool buyer_is_maker = false;
      if (value.get_bool().get(buyer_is_maker) != simdjson::SUCCESS) return "trade: bad m";
      trade.side = buyer_is_maker ? sdk::Side::sell : sdk::Side::buy;
    } else if (key == "s") {
      if (!first_time(seen, kTradeSymbol)) return "trade: repeated s";
      std::string_view symbol;
      if (!read_plain_string(value, symbol)) return "trade: bad s";
      if (symbol != topic.symbol) return "trade: s does not match dataType";
    }
  }
  if ((seen & (kPrice | kQty | kTradeTime | kMaker)) != (kPrice | kQty | kTradeTime | kMaker)) {
    return "trade: missing field";
  }
  staged[staged_count++] = sdk::Event{sdk::EventKind::trade, {.trade = trade}};
  return nullptr;
}

const char* Decoder::Impl::stage_book_ticker(od::value& data, const Topic& topic) noexcept {
  od::object object;
  if (data.get_object().get(object) != simdjson::SUCCESS) return "bookTicker data is not an object";
  sdk::BookTicker ticker{symbols.id(symbol_index), 0, {}, {}, {}, {}};
  unsigned seen = 0;
  std::int64_t match_time_ms = 0;
  std::int64_t push_time_ms = 0;
  for (auto item : object) {
    // The field stays inside `item`: copying it out costs a store-forwarding stall per field.
    std::string_view key;
    if (item.error() != simdjson::SUCCESS || !sdk::raw_json_text(item.value_unsafe().key(), key)) {
      return "malformed JSON";
    }
    od::value& value = item.value_unsafe().value();
    if (key == "b") {
      if (!first_time(seen, kBid)) return "bookTicker: repeated b";
      if (!read_decimal(value, ticker.bid)) return "bookTicker: bad b";
    } else if (key == "B") {
      if (!first_time(seen, kBidQty)) return "bookTicker: repeated B";
      if (!read_decimal(value, ticker.bid_qty)) return "bookTicker: bad B";
    } else if (key == "a") {
      if (!first_time(seen, kAsk)) return "bookTicker: repeated a";
      if (!read_decimal(value, ticker.ask)) return "bookTicker: bad a";
    } else if (key == "A") {
      if (!first_time(seen, kAskQty)) return "bookTicker: repeated A";
      if (!read_decimal(value, ticker.ask_qty)) return "bookTicker: bad A";
    } else if (key == "T") {  // match time, ms
      if (!first_time(seen, kMatchTime)) return "bookTicker: repeated T";
      if (!read_int64(value, match_time_ms) || !admit_time(horizon, match_time_ms)) return "bookTicker: bad T";
    } else if (key == "E") {  // push time, ms
      if (!first_time(seen, kPushTime)) return "bookTicker: repeated E";
      if (!read_int64(value, push_time_ms) || !admit_time(horizon, push_time_ms)) return "bookTicker: bad E";
    } else if (key == "s") {
      if (!first_time(seen, kTickerSymbol)) return "bookTicker: repeated s";
      std::string_view symbol;
      if (!read_plain_string(value, symbol)) return "bookTicker: bad s";
      if (symbol != topic.symbol) return "bookTicker: s does not match dataType";
    }
  }
  if ((seen & (kBid | kBidQty | kAsk | kAskQty)) != (kBid | kBidQty | kAsk | kAskQty)) {
    return "bookTicker: missing field";
  }
  ticker.time_ms = match_time_ms != 0 ? match_time_ms : push_time_ms;
  if (ticker.time_ms == 0) return "bookTicker: no T or E";
  if (staged_count == staged.size()) return "too many events in one frame";
  staged[staged_count++] = sdk::Event{sdk::EventKind::book_ticker, {.book_ticker = ticker}};
  return nullptr;
}

sdk::DecodeResult Decoder::Impl::commit(const Topic& topic, sdk::EventBuffer& out) noexcept {
  KlineSlot* slot = nullptr;
  KlineSlot next{};
  if (topic.channel == Channel::kline) {
    slot = klines.slot(symbol_index, topic.timeframe);
    if (slot == nullptr) return sdk::DecodeResult::error("no kline state for the symbol");
    // Several bars in one push are applied oldest first (insertion sort: stable, no allocation,
    // and linear on the usual one or two bars).
    for (std::size_t i = 1; i < bar_count; ++i) {
      for (std::size_t j = i; j > 0 && bars[j - 1].open_time_ms > bars[j].open_time_ms; --j) {
        std::swap(bars[j - 1], bars[j]);
      }
    }
    next = *slot;
    staged_count = 0;
    for (std::size_t i = 0; i < bar_count; ++i) {
      sdk::Kline emitted[2];
      const std::size_t n = advance(next, bars[i], emitted);
      if (staged.size() - staged_count < n) return sdk::DecodeResult::error("too many events in one frame");
      for (std::size_t k = 0; k < n; ++k) {
        staged[staged_count++] = sdk::Event{sdk::EventKind::kline, {.kline = emitted[k]}};
      }
    }
  }
  if (out.capacity() - out.size() < staged_count) return sdk::DecodeResult::error("event buffer full");
  for (std::size_t i = 0; i < staged_count; ++i) {
    if (const char* why = sdk::event_problem(staged[i])) return sdk::DecodeResult::error(why);
  }
  if (topic.channel == Channel::trade) {
    // §5: trades arrive newest first; the host wants them in the order they happened.
    for (std::size_t i = staged_count; i > 0; --i) out.push(staged[i - 1]);
  } else {
    for (std::size_t i = 0; i < staged_count; ++i) out.push(staged[i]);
  }
  if (slot != nullptr) *slot = next;
  return sdk::DecodeResult::events();
}

// ---- frames ----------------------------------------------------------------------------------

sdk::DecodeResult Decoder::Impl::decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept {
  if (!ready) return sdk::DecodeResult::error("decoder not initialised (out of memory)");
  const char* bytes = frame.data;
  std::size_t size = frame.size;
  std::size_t padding = sdk::kFramePadding;
  // §4: gzip in binary frames; anything else is taken as it is (see decode.hpp).
  if (is_gzip(bytes, size)) {
    std::string_view inflated;
    if (const char* why = gunzip.inflate(bytes, size, inflated)) return sdk::DecodeResult::error(why);
    bytes = inflated.data();
    size = inflated.size();
    padding = gunzip.padding();
  } else if (size > kMaxInflatedBytes) {
    return sdk::DecodeResult::error("frame too large");  // the parser's capacity: it must not grow
  }
  // §4: the heartbeat is the bare text Ping, answered with Pong.
  const std::string_view text = trim(std::string_view(bytes, size));
  if (text == "Ping") return sdk::DecodeResult::control_of(sdk::ControlKind::ping);
  if (text == "Pong") return sdk::DecodeResult::control_of(sdk::ControlKind::pong);

  od::document doc;
  if (parser.iterate(simdjson::padded_string_view(bytes, size, size + padding)).get(doc) != simdjson::SUCCESS) {
    return sdk::DecodeResult::error("not JSON");
  }
  od::object root;
  // Also catches a frame cut short: the root must end with its closing brace.
  if (doc.get_object().get(root) != simdjson::SUCCESS) {
    return sdk::DecodeResult::error("not a JSON object, or truncated");
  }

  staged_count = 0;
  bar_count = 0;
  bool has_code = false;
  std::int64_t code = 0;
  bool has_id = false;
  bool id_is_ours = false;
  std::uint64_t id = 0;
  std::string_view msg;
  std::string_view top_symbol;
  bool topic_seen = false;
  Topic topic;
  enum class Data : std::uint8_t { absent, null, read, pending, ignored } data = Data::absent;
  // The envelope's keys, each allowed once (first_time).
  enum : unsigned { kCode = 1, kDataType = 2, kId = 4, kMsg = 8, kSymbol = 16, kData = 32 };
  unsigned seen = 0;

  for (auto item : root) {
    std::string_view key;  // the field stays inside `item` (see stage_kline)
    if (item.error() != simdjson::SUCCESS || !sdk::raw_json_text(item.value_unsafe().key(), key)) {
      return sdk::DecodeResult::error("malformed JSON");
    }
    od::value& value = item.value_unsafe().value();
    if (key == "code") {
      if (!first_time(seen, kCode)) return sdk::DecodeResult::error("repeated key code");
      if (!read_int64(value, code)) return sdk::DecodeResult::error("code is not an integer");
      has_code = true;
    } else if (key == "dataType") {
      if (!first_time(seen, kDataType)) return sdk::DecodeResult::error("repeated key dataType");
      std::string_view data_type;
      if (!read_plain_string(value, data_type)) return sdk::DecodeResult::error("dataType is not a string");
      topic = parse_topic(data_type);
      topic_seen = true;
    } else if (key == "id") {
      if (!first_time(seen, kId)) return sdk::DecodeResult::error("repeated key id");
      has_id = true;
      id_is_ours = read_request_id(value, id);
    } else if (key == "msg") {
      if (!first_time(seen, kMsg)) return sdk::DecodeResult::error("repeated key msg");
      if (!read_string_or_null(value, msg)) msg = {};
    } else if (key == "s") {  // klines name the symbol at the top level (§5)
      if (!first_time(seen, kSymbol)) return sdk::DecodeResult::error("repeated key s");
      if (!read_plain_string(value, top_symbol)) return sdk::DecodeResult::error("s is not a string");
    } else if (key == "data") {
      if (!first_time(seen, kData)) return sdk::DecodeResult::error("repeated key data");
      od::json_type type;
      if (value.type().get(type) != simdjson::SUCCESS) return sdk::DecodeResult::error("malformed JSON");
      if (type == od::json_type::null) {
        data = Data::null;
      } else if (!topic_seen) {
        data = Data::pending;  // dataType comes later: read data on a second pass
      } else if (!carries_events(topic.channel) || (has_code && code != 0)) {
        data = Data::ignored;
      } else {
        if (const char* why = stage(value, topic)) return sdk::DecodeResult::error(why);
        data = Data::read;
      }
    }
  }
  // The loop ended at the root's closing brace; anything after it is not one JSON object.
  const char* location = nullptr;
  if (doc.current_location().get(location) != simdjson::OUT_OF_BOUNDS) {
    return sdk::DecodeResult::error("trailing bytes after the JSON object");
  }

  // §4: a non-zero code is an error reply, whatever else the frame holds.
  if (has_code && code != 0) {
    sdk::DecodeResult r = sdk::DecodeResult::control_of(
        has_id ? sdk::ControlKind::subscribe_error : sdk::ControlKind::server_error, id_is_ours ? id : 0);
    r.error_code = code;
    r.set_detail(msg);
    return r;
  }
  if (data == Data::pending && carries_events(topic.channel)) {
    doc.rewind();
    od::value value;
    if (doc.get_object().get(root) != simdjson::SUCCESS ||
        root.find_field_unordered("data").get(value) != simdjson::SUCCESS) {
      return sdk::DecodeResult::error("malformed JSON");
    }
    if (const char* why = stage(value, topic)) return sdk::DecodeResult::error(why);
    data = Data::read;
  }
  if (data == Data::read) {
    if (!top_symbol.empty() && top_symbol != topic.symbol) {
      return sdk::DecodeResult::error("s does not match dataType");
    }
    return commit(topic, out);
  }
  if (data == Data::ignored || (data == Data::pending && topic.channel == Channel::other)) {
    return sdk::DecodeResult::control_of(sdk::ControlKind::other);  // depth, ticker, ...
  }
  // No events: a reply (§4) when it has a code, matched to our request by its id.
  if (has_code && has_id && id_is_ours) return sdk::DecodeResult::control_of(sdk::ControlKind::ack, id);
  return sdk::DecodeResult::control_of(sdk::ControlKind::other);
}

// ---- Decoder ---------------------------------------------------------------------------------

Decoder::Decoder() : impl_(std::make_unique<Impl>()) {}
Decoder::~Decoder() = default;

sdk::Status Decoder::bind(std::span<const sdk::SymbolBinding> symbols) {
  sdk::Status status = impl_->symbols.bind(symbols);
  if (!status) return status;
  impl_->klines.reset(impl_->symbols.size());
  return sdk::ok();
}

sdk::DecodeResult Decoder::decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept {
  return impl_->decode(frame, out);
}

}  // namespace tradehost::bingx
