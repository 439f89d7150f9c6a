// Frames to events: simdjson On-Demand over the frame in place (the host pads every frame with
// sdk::kFramePadding bytes), strings read without copying, one parser reused: no allocation per
// frame once bound. Anything unexpected is an error with a reason, and appends nothing.
#include <algorithm>
#include <utility>
#include <vector>

#include <simdjson.h>

#include <tradehost/sdk/decimal.hpp>
#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/json_text.hpp>

#include "examplex.hpp"

namespace examplex {
namespace {

namespace od = simdjson::ondemand;
using simdjson::SUCCESS;

bool read_text(od::value v, std::string_view& out) {
  od::raw_json_string raw;
  return v.get_raw_json_string().get(raw) == SUCCESS && sdk::raw_json_text(raw, out);
}
bool read_decimal(od::value v, sdk::Decimal& out) {
  std::string_view text;
  return read_text(v, text) && sdk::parse_decimal(text, out);
}

enum class Channel { kline, trade, ticker };

}  // namespace

struct Decoder::State {
  od::parser parser{1u << 20};
  std::vector<std::pair<std::string, sdk::SymbolId>> symbols;  // BTC-USDT -> id, sorted

  const sdk::SymbolId* find(std::string_view venue) const {
    auto it = std::lower_bound(symbols.begin(), symbols.end(), venue,
                               [](const auto& e, std::string_view s) { return std::string_view(e.first) < s; });
    return it != symbols.end() && it->first == venue ? &it->second : nullptr;
  }
};

Decoder::Decoder() : state_(std::make_unique<State>()) {}
Decoder::~Decoder() = default;

sdk::Status Decoder::bind(std::span<const sdk::SymbolBinding> symbols) {
  state_->symbols.clear();
  for (const auto& b : symbols) {
    auto venue = venue_symbol(b.symbol);
    if (!venue) return sdk::Failure{venue.error()};
    state_->symbols.emplace_back(std::move(*venue), b.id);
  }
  std::sort(state_->symbols.begin(), state_->symbols.end());
  return sdk::ok();
}

sdk::DecodeResult Decoder::decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept {
  if (frame.binary) return sdk::DecodeResult::error("examplex sends text frames only");
  od::document doc;
  if (state_->parser.iterate(frame.data, frame.size, frame.size + sdk::kFramePadding).get(doc) != SUCCESS) {
    return sdk::DecodeResult::error("not JSON");
  }
  od::object root;
  if (doc.get_object().get(root) != SUCCESS) return sdk::DecodeResult::error("not a JSON object");

  std::string_view op, topic;
  std::uint64_t id = 0;
  bool ok = false, has_ok = false;
  std::string_view msg;
  Channel channel{};
  sdk::Timeframe timeframe = sdk::Timeframe::m1;
  const sdk::SymbolId* symbol = nullptr;
  sdk::Event event{};
  bool has_data = false;
  for (auto item : root) {
    od::field field;
    std::string_view key;
    if (std::move(item).get(field) != SUCCESS || !sdk::raw_json_text(field.key(), key)) {
      return sdk::DecodeResult::error("malformed object");
    }
    od::value value = field.value();
    if (key == "op") {
      if (!read_text(value, op)) return sdk::DecodeResult::error("op is not a string");
    } else if (key == "id") {
      if (value.get_uint64().get(id) != SUCCESS) return sdk::DecodeResult::error("id is not a number");
    } else if (key == "ok") {
      if (value.get_bool().get(ok) != SUCCESS) return sdk::DecodeResult::error("ok is not a boolean");
      has_ok = true;
    } else if (key == "msg") {
      if (!read_text(value, msg)) msg = "(unreadable message)";
    } else if (key == "topic") {
      if (!read_text(value, topic)) return sdk::DecodeResult::error("topic is not a string");
      // kline.<tf>.<symbol> | trade.<symbol> | ticker.<symbol>
      std::string_view rest;
      if (topic.starts_with("kline.")) {
        const auto dot = topic.find('.', 6);
        const auto tf = dot == std::string_view::npos ? std::nullopt : sdk::parse_timeframe(topic.substr(6, dot - 6));
        if (!tf) return sdk::DecodeResult::error("kline topic without a known timeframe");
        channel = Channel::kline;
        timeframe = *tf;
        rest = topic.substr(dot + 1);
      } else if (topic.starts_with("trade.")) {
        channel = Channel::trade;
        rest = topic.substr(6);
      } else if (topic.starts_with("ticker.")) {
        channel = Channel::ticker;
        rest = topic.substr(7);
      } else {
        return sdk::DecodeResult::error("unknown topic");
      }
      symbol = state_->find(rest);
      if (symbol == nullptr) return sdk::DecodeResult::error("a symbol that was not bound");
    } else if (key == "data") {
      if (symbol == nullptr) return sdk::DecodeResult::error("data before topic");
      od::object data;
      if (value.get_object().get(data) != SUCCESS) return sdk::DecodeResult::error("data is not an object");
      unsigned seen = 0;
      for (auto d : data) {
        od::field f;
        std::string_view k;
        if (std::move(d).get(f) != SUCCESS || !sdk::raw_json_text(f.key(), k)) return sdk::DecodeResult::error("malformed data");
        od::value v = f.value();
        bool good = true;
        auto got = [&seen](unsigned bit, bool valid) {
          seen |= bit;
          return valid;
        };
        if (channel == Channel::kline) {
          auto& kl = event.kline;
          if (k == "t") good = got(1, v.get_int64().get(kl.open_time_ms) == SUCCESS);
          else if (k == "o") good = got(2, read_decimal(v, kl.open));
          else if (k == "h") good = got(4, read_decimal(v, kl.high));
          else if (k == "l") good = got(8, read_decimal(v, kl.low));
          else if (k == "c") good = got(16, read_decimal(v, kl.close));
          else if (k == "v") good = got(32, read_decimal(v, kl.volume));
          else if (k == "x") good = got(64, v.get_bool().get(kl.closed) == SUCCESS);
        } else if (channel == Channel::trade) {
          auto& tr = event.trade;
          std::string_view side;
          if (k == "id") good = got(1, v.get_int64().get(tr.trade_id) == SUCCESS);
          else if (k == "p") good = got(2, read_decimal(v, tr.price));
          else if (k == "q") good = got(4, read_decimal(v, tr.qty));
          else if (k == "ts") good = got(8, v.get_int64().get(tr.time_ms) == SUCCESS);
          else if (k == "side") {
            good = got(16, read_text(v, side) && (side == "buy" || side == "sell"));
            tr.side = side == "buy" ? sdk::Side::buy : sdk::Side::sell;
          }
        } else {
          auto& bt = event.book_ticker;
          if (k == "b") good = got(1, read_decimal(v, bt.bid));
          else if (k == "B") good = got(2, read_decimal(v, bt.bid_qty));
          else if (k == "a") good = got(4, read_decimal(v, bt.ask));
          else if (k == "A") good = got(8, read_decimal(v, bt.ask_qty));
          else if (k == "ts") good = got(16, v.get_int64().get(bt.time_ms) == SUCCESS);
        }
        if (!good) return sdk::DecodeResult::error("a field of the wrong type");
      }
      const unsigned all = channel == Channel::kline ? 127u : 31u;  // every field of the channel
      if (seen != all) return sdk::DecodeResult::error("a field is missing");
      has_data = true;
    }
  }

  if (has_data) {
    switch (channel) {
      case Channel::kline:
        event.kind = sdk::EventKind::kline;
        event.kline.symbol = *symbol;
        event.kline.timeframe = timeframe;
        break;
      case Channel::trade:
        event.kind = sdk::EventKind::trade;
        event.trade.symbol = *symbol;
        break;
      case Channel::ticker:
        event.kind = sdk::EventKind::book_ticker;
        event.book_ticker.symbol = *symbol;
        break;
    }
    if (const char* why = sdk::event_problem(event)) return sdk::DecodeResult::error(why);
    if (!out.push(event)) return sdk::DecodeResult::error("event buffer full");
    return sdk::DecodeResult::events();
  }
  if (op == "ping") return sdk::DecodeResult::control_of(sdk::ControlKind::ping);
  if (op == "subscribe" && has_ok && id != 0) {
    if (ok) return sdk::DecodeResult::control_of(sdk::ControlKind::ack, id);
    auto refused = sdk::DecodeResult::control_of(sdk::ControlKind::subscribe_error, id);
    refused.set_detail(msg);
    return refused;
  }
  if (!topic.empty()) return sdk::DecodeResult::error("a topic without data");
  return sdk::DecodeResult::error("neither data nor a known op");
}

}  // namespace examplex
