#include <tradehost/conformance/event_json.hpp>

#include <tradehost/conformance/decimal_text.hpp>

namespace tradehost::conformance {
namespace {

// Builds one JSON object in DESIGN.md's fixed key order; the values need no escaping (names,
// decimals and numbers only).
class Object {
 public:
  Object& text(std::string_view key, std::string_view value) {
    begin(key);
    out_ += '"';
    out_ += value;
    out_ += '"';
    return *this;
  }
  Object& raw(std::string_view key, std::string_view value) {
    begin(key);
    out_ += value;
    return *this;
  }
  Object& number(std::string_view key, std::int64_t value) { return raw(key, std::to_string(value)); }
  Object& decimal(std::string_view key, const sdk::Decimal& d) { return text(key, to_string(d)); }
  std::string done() { return std::move(out_) + "}"; }

 private:
  void begin(std::string_view key) {
    out_ += out_.size() == 1 ? "\"" : ",\"";
    out_ += key;
    out_ += "\":";
  }
  std::string out_ = "{";
};

}  // namespace

std::string event_json(const sdk::Event& e, std::string_view exchange, std::string_view symbol) {
  Object o;
  o.text("kind", sdk::to_string(e.kind)).text("exchange", exchange).text("symbol", symbol);
  switch (e.kind) {
    case sdk::EventKind::kline: {
      const auto& k = e.kline;
      return o.text("timeframe", sdk::to_string(k.timeframe))
          .number("open_time_ms", k.open_time_ms)
          .decimal("open", k.open)
          .decimal("high", k.high)
          .decimal("low", k.low)
          .decimal("close", k.close)
          .decimal("volume", k.volume)
          .raw("closed", k.closed ? "true" : "false")
          .done();
    }
    case sdk::EventKind::trade: {
      const auto& t = e.trade;
      return o.decimal("price", t.price)
          .decimal("qty", t.qty)
          .text("side", sdk::to_string(t.side))
          .number("time_ms", t.time_ms)
          .number("trade_id", t.trade_id)
          .done();
    }
    case sdk::EventKind::book_ticker: {
      const auto& b = e.book_ticker;
      return o.decimal("bid", b.bid).decimal("bid_qty", b.bid_qty).decimal("ask", b.ask).decimal("ask_qty", b.ask_qty).done();
    }
  }
  return "{}";
}

}  // namespace tradehost::conformance
