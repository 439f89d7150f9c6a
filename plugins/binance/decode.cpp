#include "binance/decode.hpp"

#include "binance/decimal.hpp"
#include "binance/manifest.hpp"
#include "binance/symbols.hpp"

#include <simdjson.h>

#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/json_text.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::binance {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// ---- Fields read from a frame, before we know which event it is -------------------------------
//
// A key's value is kept only when it has the type an event of ours needs; otherwise the slot
// says `bad`, which matters only if the event turns out to need that key (see decode.hpp).

// `repeated`: the key came twice. Refused rather than guessed at (which of the two is meant?),
// as a repeated `data` once made another venue's decoder stage an event per repeat.
enum class SlotState : std::uint8_t { absent, present, bad, repeated };

const char* state_problem(SlotState state) noexcept {
  switch (state) {
    case SlotState::absent: return "missing";
    case SlotState::repeated: return "repeated";
    default: return "wrong type";
  }
}

// False, and the slot marked repeated, when it was already read.
template <typename SlotT>
bool first_read(SlotT& slot) noexcept {
  if (slot.state == SlotState::absent) return true;
  slot.state = SlotState::repeated;
  return false;
}

// `value` is meaningful only when `state` is present; it is left uninitialized otherwise so that
// the ~30 slots of an Envelope cost a byte store each per frame, not a 500-byte clear.
template <typename T>
struct Slot {
  T value;
  SlotState state = SlotState::absent;
};

// protocols/binance.md §5 kline: the keys of `k` we use.
struct KlineFields {
  SlotState state = SlotState::absent;  // of `k` itself: an object or not
  Slot<std::string_view> s, i, o, h, l, c, v;
  Slot<std::int64_t> t;
  Slot<bool> x;
};

// protocols/binance.md §5: the payload keys of kline, aggTrade, trade and bookTicker. `a` is the
// aggregate trade id (a number) on aggTrade and the best ask (a string) on bookTicker.
struct Payload {
  Slot<std::string_view> e, s, p, q, b, B, ask, A;
  Slot<std::int64_t> E, T, t, agg_id;
  Slot<bool> m;
  KlineFields k;
};

// protocols/binance.md §4 replies and errors, the §1 combined wrapper, and the payload.
struct Envelope {
  bool has_result = false;
  bool result_null = false;
  bool id_null = false;
  Slot<std::uint64_t> id;
  bool has_error = false;
  Slot<std::int64_t> error_code;
  Slot<std::string_view> error_msg;
  bool has_data_object = false;
  bool has_data_other = false;  // `data` that is not an object (`!markPrice@arr`)
  bool has_stream = false;
  const char* repeated_key = nullptr;  // the first envelope key that came twice
  Payload payload;
};

bool has_type(od::value& v, od::json_type wanted) noexcept {
  od::json_type actual{};
  return v.type().get(actual) == SUCCESS && actual == wanted;
}

// Prices, quantities, symbols and intervals never hold escapes: read in place, and an escaped
// one is a bad value (nothing of ours would match it).
void read_string(od::value& v, Slot<std::string_view>& slot) noexcept {
  if (!first_read(slot)) return;
  od::raw_json_string raw;
  slot.state = v.get_raw_json_string().get(raw) == SUCCESS && sdk::raw_json_text(raw, slot.value) ? SlotState::present
                                                                                           : SlotState::bad;
}

// Free text from the venue (error messages), unescaped into the parser's buffer.
void read_text(od::value& v, Slot<std::string_view>& slot) noexcept {
  if (!first_read(slot)) return;
  slot.state = v.get_string().get(slot.value) == SUCCESS ? SlotState::present : SlotState::bad;
}

void read_int(od::value& v, Slot<std::int64_t>& slot) noexcept {
  if (!first_read(slot)) return;
  slot.state = v.get_int64().get(slot.value) == SUCCESS ? SlotState::present : SlotState::bad;
}

void read_uint(od::value& v, Slot<std::uint64_t>& slot) noexcept {
  if (!first_read(slot)) return;
  slot.state = v.get_uint64().get(slot.value) == SUCCESS ? SlotState::present : SlotState::bad;
}

void read_bool(od::value& v, Slot<bool>& slot) noexcept {
  if (!first_read(slot)) return;
  slot.state = v.get_bool().get(slot.value) == SUCCESS ? SlotState::present : SlotState::bad;
}

// The next field of an object: its key as it stands in the frame (our keys hold no escapes; an
// escaped key reads as one that matches nothing) and its value, which stays inside `result`.
// (Copying the field out with get() costs a store-forwarding stall per field, a fifth of a
// kline's decode: the profile in docs/performance.md.)
error_code next_field(simdjson::simdjson_result<od::field>& result, od::value*& value,
                      std::string_view& key) noexcept {
  if (error_code ec = result.error()) return ec;
  od::field& field = result.value_unsafe();
  if (!sdk::raw_json_text(field.key(), key)) key = {};
  value = &field.value();
  return SUCCESS;
}

error_code read_kline(od::value& v, KlineFields& k) noexcept {
  if (!first_read(k)) return SUCCESS;
  od::object object;
  if (!has_type(v, od::json_type::object) || v.get_object().get(object) != SUCCESS) {
    k.state = SlotState::bad;
    return SUCCESS;
  }
  k.state = SlotState::present;
  // Once every key we use was read (Binance sends x before q, V, Q and B), the rest of `k` is
  // left to simdjson to skip as its parent moves on: a fifth of the object, unread.
  enum : unsigned { kS = 1, kI = 2, kO = 4, kH = 8, kL = 16, kC = 32, kV = 64, kT = 128, kX = 256, kAll = 511 };
  unsigned seen = 0;
  for (auto result : object) {
    od::value* field_value = nullptr;
    std::string_view key;
    if (error_code ec = next_field(result, field_value, key)) return ec;
    if (key.size() != 1) continue;
    od::value& value = *field_value;
    switch (key[0]) {
      case 's': read_string(value, k.s); seen |= kS; break;
      case 'i': read_string(value, k.i); seen |= kI; break;
      case 'o': read_string(value, k.o); seen |= kO; break;
      case 'h': read_string(value, k.h); seen |= kH; break;
      case 'l': read_string(value, k.l); seen |= kL; break;
      case 'c': read_string(value, k.c); seen |= kC; break;
      case 'v': read_string(value, k.v); seen |= kV; break;
      case 't': read_int(value, k.t); seen |= kT; break;
      case 'x': read_bool(value, k.x); seen |= kX; break;
      default: break;  // T, f, L, n, q, V, Q, B and whatever comes next
    }
    if (seen == kAll) break;
  }
  return SUCCESS;
}

error_code read_payload_field(std::string_view key, od::value& value, Payload& p) noexcept {
  if (key.size() != 1) return SUCCESS;  // `st`, `ps`, `nq`: CM integration keys (§0), unused
  switch (key[0]) {
    case 'e': read_string(value, p.e); break;
    case 'E': read_int(value, p.E); break;
    case 'T': read_int(value, p.T); break;
    case 's': read_string(value, p.s); break;
    case 't': read_int(value, p.t); break;
    case 'p': read_string(value, p.p); break;
    case 'q': read_string(value, p.q); break;
    case 'm': read_bool(value, p.m); break;
    case 'b': read_string(value, p.b); break;
    case 'B': read_string(value, p.B); break;
    case 'A': read_string(value, p.A); break;
    case 'a':
      // One key, two slots: a second `a` of the other type must not fill the other slot.
      if (p.agg_id.state != SlotState::absent || p.ask.state != SlotState::absent) {
        p.agg_id.state = SlotState::repeated;
        p.ask.state = SlotState::repeated;
      } else if (has_type(value, od::json_type::number)) {
        read_int(value, p.agg_id);
      } else {
        read_string(value, p.ask);
      }
      break;
    case 'k': return read_kline(value, p.k);
    default: break;
  }
  return SUCCESS;
}

error_code read_payload(od::value& v, Payload& p) noexcept {
  od::object object;
  if (error_code ec = v.get_object().get(object)) return ec;
  for (auto result : object) {
    od::value* value = nullptr;
    std::string_view key;
    if (error_code ec = next_field(result, value, key)) return ec;
    if (error_code ec = read_payload_field(key, *value, p)) return ec;
  }
  return SUCCESS;
}

error_code read_error(od::value& v, Envelope& env) noexcept {
  od::object object;
  if (!has_type(v, od::json_type::object) || v.get_object().get(object) != SUCCESS) {
    return SUCCESS;  // an error frame of unknown shape: still an error, without code and text
  }
  for (auto result : object) {
    od::value* value = nullptr;
    std::string_view key;
    if (error_code ec = next_field(result, value, key)) return ec;
    if (key == "code") read_int(*value, env.error_code);
    if (key == "msg") read_text(*value, env.error_msg);
  }
  return SUCCESS;
}

error_code read_root(od::object& root, Envelope& env) noexcept {
  for (auto result : root) {
    od::value* field_value = nullptr;
    std::string_view key;
    if (error_code ec = next_field(result, field_value, key)) return ec;
    od::value& value = *field_value;
    if (key.size() == 1) {  // a bare stream's payload keys (e, E, s, k, ...)
      if (error_code ec = read_payload_field(key, value, env.payload)) return ec;
    } else if (key == "data") {
      // protocols/binance.md §1: the combined wrapper; `stream` echoes the name and is not needed.
      if (env.has_data_object || env.has_data_other) {
        env.repeated_key = "data";
        return SUCCESS;
      }
      if (has_type(value, od::json_type::object)) {
        env.has_data_object = true;
        if (error_code ec = read_payload(value, env.payload)) return ec;
      } else {
        env.has_data_other = true;
      }
    } else if (key == "result") {
      if (env.has_result) {
        env.repeated_key = "result";
        return SUCCESS;
      }
      env.has_result = true;
      env.result_null = has_type(value, od::json_type::null);
    } else if (key == "id") {
      if (env.id_null || env.id.state != SlotState::absent) {
        env.repeated_key = "id";
        return SUCCESS;
      }
      env.id_null = has_type(value, od::json_type::null);
      if (!env.id_null) read_uint(value, env.id);
    } else if (key == "error") {
      if (env.has_error) {
        env.repeated_key = "error";
        return SUCCESS;
      }
      env.has_error = true;
      if (error_code ec = read_error(value, env)) return ec;
    } else if (key == "stream") {
      if (env.has_stream) {
        env.repeated_key = "stream";
        return SUCCESS;
      }
      env.has_stream = true;
    }  // longer keys we do not use: skipped (payload keys are one letter, above)
  }
  return SUCCESS;
}

// ---- Results ------------------------------------------------------------------------------------

// "<what>: <why>" in the result's fixed detail buffer (no allocation).
sdk::DecodeResult fail(std::string_view what, std::string_view why = {}) noexcept {
  sdk::DecodeResult r = sdk::DecodeResult::error(what);
  if (why.empty()) return r;
  char text[sizeof(r.detail)];
  std::size_t n = 0;
  for (std::string_view part : {what, std::string_view(": "), why}) {
    const std::size_t take = std::min(part.size(), sizeof(text) - 1 - n);
    std::memcpy(text + n, part.data(), take);
    n += take;
  }
  r.set_detail(std::string_view(text, n));
  return r;
}

// The value of a slot the event needs, or the error that names it.
template <typename T>
bool take(const Slot<T>& slot, std::string_view name, T& out, sdk::DecodeResult& error) noexcept {
  if (slot.state == SlotState::present) {
    out = slot.value;
    return true;
  }
  error = fail(name, state_problem(slot.state));
  return false;
}

bool take_decimal(const Slot<std::string_view>& slot, std::string_view name, sdk::Decimal& out,
                  sdk::DecodeResult& error) noexcept {
  std::string_view text;
  if (!take(slot, name, text, error)) return false;
  if (parse_decimal(text, out)) return true;
  error = fail(name, "not a decimal of at most 18 digits");
  return false;
}

// The first present slot among `first` and `second` (T else E).
bool take_either(const Slot<std::int64_t>& first, const Slot<std::int64_t>& second,
                 std::string_view name, std::int64_t& out, sdk::DecodeResult& error) noexcept {
  return take(first.state == SlotState::absent ? second : first, name, out, error);
}

bool is_manifest_timeframe(sdk::Timeframe timeframe) noexcept {
  return std::find(kTimeframes.begin(), kTimeframes.end(), timeframe) != kTimeframes.end();
}

}  // namespace

// ---- Decoder ------------------------------------------------------------------------------------

struct Decoder::State {
  od::parser parser{kMaxFrameBytes};
  mutable sdk::FutureHorizon horizon;  // a cache of the clock, not state of the decoder
  // Venue symbol (BTCUSDT) -> host id, sorted by symbol; searched with string_views.
  std::vector<std::pair<std::string, sdk::SymbolId>> symbols;

  const sdk::SymbolId* find(std::string_view venue_symbol) const noexcept {
    const auto it = std::lower_bound(
        symbols.begin(), symbols.end(), venue_symbol,
        [](const auto& entry, std::string_view s) { return std::string_view(entry.first) < s; });
    if (it == symbols.end() || it->first != venue_symbol) return nullptr;
    return &it->second;
  }

  // The SDK's checks, and a time not days ahead of the clock (event_checks.hpp).
  const char* problem(const sdk::Event& event) const noexcept {
    if (const char* why = sdk::event_problem(event)) return why;
    if (!horizon.admits(sdk::event_time_ms(event))) return "time days ahead of the clock";
    return nullptr;
  }

  // Resolves `text` to a bound id, or says why not.
  bool symbol(const Slot<std::string_view>& slot, std::string_view name, sdk::SymbolId& out,
              sdk::DecodeResult& error) const noexcept {
    std::string_view text;
    if (!take(slot, name, text, error)) return false;
    const sdk::SymbolId* id = find(text);
    if (id == nullptr) {
      error = fail("unknown symbol", text);
      return false;
    }
    out = *id;
    return true;
  }

  sdk::DecodeResult kline(const Payload& p, sdk::EventBuffer& out) const noexcept {
    const KlineFields& k = p.k;
    if (k.state != SlotState::present) {
      return fail("kline k", k.state == SlotState::bad ? "not an object" : state_problem(k.state));
    }
    sdk::DecodeResult error;
    sdk::Event event{};
    event.kind = sdk::EventKind::kline;
    sdk::Kline& kl = event.kline;
    std::string_view interval;
    if (!symbol(p.s.state == SlotState::absent ? k.s : p.s, "kline s", kl.symbol, error) ||
        !take(k.i, "kline k.i", interval, error) ||
        !take(k.t, "kline k.t", kl.open_time_ms, error) ||
        !take(k.x, "kline k.x", kl.closed, error) ||
        !take_decimal(k.o, "kline k.o", kl.open, error) ||
        !take_decimal(k.h, "kline k.h", kl.high, error) ||
        !take_decimal(k.l, "kline k.l", kl.low, error) ||
        !take_decimal(k.c, "kline k.c", kl.close, error) ||
        !take_decimal(k.v, "kline k.v", kl.volume, error)) {
      return error;
    }
    const auto timeframe = sdk::parse_timeframe(interval);
    if (!timeframe || !is_manifest_timeframe(*timeframe))
      return fail("kline k.i unknown", interval);
    kl.timeframe = *timeframe;
    if (const char* why = problem(event)) return fail("implausible values", why);
    if (!out.push(event)) return fail("event buffer full");
    return sdk::DecodeResult::events();
  }

  // aggTrade (`a`) and the raw trade stream (`t`) share every other key (§5).
  sdk::DecodeResult trade(const Payload& p, bool aggregate, sdk::EventBuffer& out) const noexcept {
    sdk::DecodeResult error;
    sdk::Event event{};
    event.kind = sdk::EventKind::trade;
    sdk::Trade& tr = event.trade;
    bool buyer_is_maker = false;
    if (!symbol(p.s, "trade s", tr.symbol, error) ||
        !(aggregate ? take(p.agg_id, "aggTrade a", tr.trade_id, error)
                    : take(p.t, "trade t", tr.trade_id, error)) ||
        !take_decimal(p.p, "trade p", tr.price, error) ||
        !take_decimal(p.q, "trade q", tr.qty, error) ||
        !take(p.m, "trade m", buyer_is_maker, error) ||
        !take_either(p.T, p.E, "trade T", tr.time_ms, error)) {
      return error;
    }
    // §5: m == true -> the buyer was the maker -> the taker sold.
    tr.side = buyer_is_maker ? sdk::Side::sell : sdk::Side::buy;
    if (const char* why = problem(event)) return fail("implausible values", why);
    if (!out.push(event)) return fail("event buffer full");
    return sdk::DecodeResult::events();
  }

  sdk::DecodeResult book_ticker(const Payload& p, sdk::EventBuffer& out) const noexcept {
    sdk::DecodeResult error;
    sdk::Event event{};
    event.kind = sdk::EventKind::book_ticker;
    sdk::BookTicker& bt = event.book_ticker;
    if (!symbol(p.s, "bookTicker s", bt.symbol, error) ||
        !take_decimal(p.b, "bookTicker b", bt.bid, error) ||
        !take_decimal(p.B, "bookTicker B", bt.bid_qty, error) ||
        !take_decimal(p.ask, "bookTicker a", bt.ask, error) ||
        !take_decimal(p.A, "bookTicker A", bt.ask_qty, error) ||
        !take_either(p.T, p.E, "bookTicker T", bt.time_ms, error)) {
      return error;
    }
    if (const char* why = problem(event)) return fail("implausible values", why);
    if (!out.push(event)) return fail("event buffer full");
    return sdk::DecodeResult::events();
  }

  sdk::DecodeResult classify(const Envelope& env, sdk::EventBuffer& out) const noexcept {
    // protocols/binance.md §4: {"error":{"code":C,"msg":"..."},"id":N|null}.
    if (env.has_error) {
      const std::uint64_t id = env.id.state == SlotState::present ? env.id.value : 0;
      sdk::DecodeResult r = sdk::DecodeResult::control_of(sdk::ControlKind::subscribe_error, id);
      if (env.error_code.state == SlotState::present) r.error_code = env.error_code.value;
      r.set_detail(env.error_msg.state == SlotState::present ? env.error_msg.value
                                                             : std::string_view("error frame"));
      return r;
    }
    // §4: {"result":null,"id":N} acknowledges SUBSCRIBE/UNSUBSCRIBE/SET_PROPERTY; a list or a
    // property value answers LIST_SUBSCRIPTIONS/GET_PROPERTY.
    if (env.has_result) {
      if (env.result_null && env.id.state == SlotState::present) {
        return sdk::DecodeResult::control_of(sdk::ControlKind::ack, env.id.value);
      }
      return sdk::DecodeResult::control_of(sdk::ControlKind::other);
    }
    const Payload& p = env.payload;
    if (p.e.state == SlotState::bad || p.e.state == SlotState::repeated) return fail("e", state_problem(p.e.state));
    if (p.e.state == SlotState::absent)
      return sdk::DecodeResult::control_of(sdk::ControlKind::other);
    const std::string_view type = p.e.value;
    if (type == "kline") return kline(p, out);
    if (type == "aggTrade") return trade(p, true, out);
    if (type == "trade") return trade(p, false, out);
    if (type == "bookTicker") return book_ticker(p, out);
    return sdk::DecodeResult::control_of(sdk::ControlKind::other);
  }
};

Decoder::Decoder() : state_(std::make_unique<State>()) {
  // Size the parser's buffers now so that decode does not allocate on its first frames; if this
  // fails, iterate() tries again (and reports the failure) on the first frame.
  [[maybe_unused]] const error_code ec = state_->parser.allocate(kInitialFrameCapacity);
}

Decoder::~Decoder() = default;

sdk::Status Decoder::bind(std::span<const sdk::SymbolBinding> symbols) {
  std::vector<std::pair<std::string, sdk::SymbolId>> table;
  table.reserve(symbols.size());
  for (const sdk::SymbolBinding& binding : symbols) {
    auto venue = venue_symbol(binding.symbol);
    if (!venue) return sdk::Failure{std::move(venue).error()};
    table.emplace_back(std::move(*venue), binding.id);
  }
  std::sort(table.begin(), table.end());
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (table[i].first == table[i - 1].first && table[i].second != table[i - 1].second) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       "binance: " + table[i].first + " is bound to two ids (" +
                           std::to_string(table[i - 1].second) + " and " +
                           std::to_string(table[i].second) + ")");
    }
  }
  table.erase(std::unique(table.begin(), table.end()), table.end());
  state_->symbols = std::move(table);
  return sdk::ok();
}

sdk::DecodeResult Decoder::decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept {
  if (frame.binary) return fail("binary frame", "Binance sends text frames only");
  if (frame.size == 0) return fail("empty frame");
  if (frame.size > kMaxFrameBytes) return fail("frame too large");

  od::document doc;
  const simdjson::padded_string_view input(frame.data, frame.size, frame.size + sdk::kFramePadding);
  if (error_code ec = state_->parser.iterate(input).get(doc)) {
    return fail("not JSON", simdjson::error_message(ec));
  }
  od::object root;
  if (error_code ec = doc.get_object().get(root)) {
    return fail("not one JSON object", simdjson::error_message(ec));
  }
  Envelope env;
  if (error_code ec = read_root(root, env))
    return fail("malformed JSON", simdjson::error_message(ec));
  if (env.repeated_key != nullptr) return fail("repeated key", env.repeated_key);
  // On-demand stops at the root's closing brace: anything after it means the frame is not one
  // JSON document (current_location() succeeds only while tokens remain).
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == SUCCESS)
    return fail("trailing bytes after the JSON object");
  return state_->classify(env, out);
}

}  // namespace tradehost::binance
