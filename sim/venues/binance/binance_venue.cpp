#include "venues/binance/binance_venue.hpp"
#include "text_and_time.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/heartbeat.hpp"
#include "venues/binance/binance_frames.hpp"
#include "venues/binance/binance_streams.hpp"

namespace tradehost::sim::binance {
namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;

std::string stream_name(const Market& market, const StreamRef& ref) {
  const std::string sym = stream_symbol(market.instruments()[ref.symbol]);
  switch (ref.channel) {
    case Channel::kline: return sym + "@kline_" + std::string(sdk::to_string(ref.timeframe));
    case Channel::agg_trade: return sym + "@aggTrade";
    case Channel::trade: return sym + "@trade";
    case Channel::book_ticker: return sym + "@bookTicker";
  }
  return sym;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto pos = text.find(sep, start);
    auto part = text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    if (!part.empty()) out.emplace_back(part);
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

// §4 error frames.
std::string error_frame(int code, const std::string& msg, const json& id) {
  return json{{"error", {{"code", code}, {"msg", msg}}}, {"id", id}}.dump();
}

}  // namespace

class BinanceVenue::Connection final : public WsHandler {
 public:
  Connection(BinanceVenue& venue, Category category, bool combined, std::vector<StreamRef> initial)
      : venue_(venue), category_(category), combined_(combined), initial_(std::move(initial)) {}

  void on_open(WsPeer& peer) override {
    peer_ = &peer;
    heartbeat_.start();
    venue_.connections_.insert(this);
    for (const auto& ref : initial_) add(ref);
  }

  void on_close(WsPeer&) override {
    for (const auto& [key, name] : streams_) venue_.unsubscribe_index(this, key);
    streams_.clear();
    venue_.connections_.erase(this);
    peer_ = nullptr;
  }

  void on_pong(WsPeer&, std::string_view) override { heartbeat_.on_pong(); }

  void on_text(WsPeer& peer, std::string_view text) override {
    // §1: at most N incoming messages per second, else the connection is closed.
    if (ms_since(window_start_) >= 1000) {
      window_start_ = steady::now();
      window_count_ = 0;
    }
    if (++window_count_ > venue_.tuning_.at("max_incoming_per_s")) {
      peer.close(1008, "Too many requests");
      return;
    }
    json msg = json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object()) {
      peer.send_text(error_frame(3, "Invalid JSON: expected value at line 1 column 1", nullptr));
      return;
    }
    if (!msg.contains("id") || !msg["id"].is_number_unsigned()) {
      peer.send_text(error_frame(2, "Invalid request: request ID must be an unsigned integer", nullptr));
      return;
    }
    const json id = msg["id"];
    const std::string method = msg.value("method", "");
    if (method == "SUBSCRIBE" || method == "UNSUBSCRIBE") {
      if (!msg.contains("params") || !msg["params"].is_array()) {
        peer.send_text(error_frame(2, "Invalid request: missing field `params`", id));
        return;
      }
      std::vector<StreamRef> refs;
      for (const auto& p : msg["params"]) {
        auto ref = p.is_string() ? parse_stream(venue_.ctx_.market, p.get<std::string>()) : std::nullopt;
        if (!ref) {
          peer.send_text(error_frame(2, "Invalid request: invalid stream", id));
          return;
        }
        refs.push_back(*ref);
      }
      if (method == "SUBSCRIBE") {
        std::size_t fresh = 0;
        for (const auto& r : refs) fresh += streams_.count(r.key()) ? 0u : 1u;
        const auto cap = static_cast<std::size_t>(venue_.tuning_.at("max_streams_per_connection"));
        if (streams_.size() + fresh > cap) {
          peer.send_text(error_frame(2, fmt::format("Invalid request: too many streams (at most {} per connection)", cap), id));
          return;
        }
        for (const auto& r : refs) add(r);
      } else {
        for (const auto& r : refs) remove(r);
      }
      reply(peer, json{{"result", nullptr}, {"id", id}});
    } else if (method == "LIST_SUBSCRIPTIONS") {
      json names = json::array();
      for (const auto& [key, name] : streams_) names.push_back(name);
      reply(peer, json{{"result", names}, {"id", id}});
    } else if (method == "SET_PROPERTY") {
      const auto& p = msg.value("params", json::array());
      if (p.size() != 2 || !p[0].is_string()) {
        peer.send_text(error_frame(2, "Invalid request: property name must be a string", id));
      } else if (p[0] != "combined") {
        peer.send_text(error_frame(0, "Unknown property", id));
      } else if (!p[1].is_boolean()) {
        peer.send_text(error_frame(1, "Invalid value type: expected Boolean", id));
      } else {
        combined_ = p[1].get<bool>();
        reply(peer, json{{"result", nullptr}, {"id", id}});
      }
    } else if (method == "GET_PROPERTY") {
      const auto& p = msg.value("params", json::array());
      if (p.size() != 1 || p[0] != "combined") {
        peer.send_text(error_frame(0, "Unknown property", id));
      } else {
        reply(peer, json{{"result", combined_}, {"id", id}});
      }
    } else {
      peer.send_text(error_frame(2,
                                 "Invalid request: unknown variant `" + method +
                                     "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, "
                                     "`SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28",
                                 id));
    }
  }

  // Heartbeats and lifetime, checked on every flush.
  void tick() {
    if (peer_ == nullptr) return;
    const auto& t = venue_.tuning_;
    heartbeat_.tick(*peer_, t.at("ping_interval_ms"), t.at("pong_timeout_ms"), t.at("max_lifetime_ms"),
                    std::to_string(venue_.ctx_.clock.venue_ms()));
  }

  void deliver(const std::string& stream, const std::string& payload, Channel channel) {
    if (peer_ == nullptr || !flows_on(channel, category_)) return;  // §0: silent on the wrong path
    peer_->send_text(combined_ ? combined(stream, payload) : payload);
  }

  WsPeer* peer() { return peer_; }

 private:
  void add(const StreamRef& ref) {
    if (streams_.emplace(ref.key(), stream_name(venue_.ctx_.market, ref)).second) venue_.subscribe_index(this, ref.key());
  }
  void remove(const StreamRef& ref) {
    if (streams_.erase(ref.key()) > 0) venue_.unsubscribe_index(this, ref.key());
  }
  void reply(WsPeer& peer, const json& j) { peer.send_ack(j.dump()); }

  BinanceVenue& venue_;
  Category category_;
  bool combined_;
  std::vector<StreamRef> initial_;
  WsPeer* peer_ = nullptr;
  std::map<std::uint64_t, std::string> streams_;
  Heartbeat heartbeat_;
  steady::time_point window_start_ = steady::now();
  std::int64_t window_count_ = 0;
};

BinanceVenue::BinanceVenue(VenueContext context) : ctx_(context) {
  // protocols/binance.md §1: ping every 3 min, pong within 10 min, 1024 streams per connection,
  // 10 incoming messages per second, 24 h per connection.
  tuning_ = {{"ping_interval_ms", 180'000},
             {"pong_timeout_ms", 600'000},
             {"max_streams_per_connection", 1024},
             {"max_incoming_per_s", 10},
             {"max_lifetime_ms", 86'400'000}};
  trading_ = std::make_unique<BinanceTrading>(ctx_, tuning_);
}

BinanceVenue::~BinanceVenue() = default;

void BinanceVenue::describe(nlohmann::json& out) const {
  const std::string base = fmt::format("{}:{}", ctx_.host, port_);
  out = {{"rest", "http://" + base}, {"ws", "ws://" + base}};
  for (const auto& a : ctx_.accounts) {
    if (a.venue == "binance") {
      out["account"] = {{"api_key", a.api_key}, {"secret", a.secret}};
      break;
    }
  }
}

std::size_t BinanceVenue::drop_connections() {
  std::size_t n = 0;
  for (auto* c : std::set<Connection*>(connections_)) {
    if (c->peer() != nullptr) {
      c->peer()->drop();
      ++n;
    }
  }
  return n + trading_->drop_connections();
}

void BinanceVenue::subscribe_index(Connection* c, std::uint64_t key) { subscribers_[key].push_back(c); }

void BinanceVenue::unsubscribe_index(Connection* c, std::uint64_t key) {
  auto it = subscribers_.find(key);
  if (it == subscribers_.end()) return;
  auto& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  if (v.empty()) subscribers_.erase(it);
}

void BinanceVenue::push(std::uint64_t key, const std::string& stream, const std::string& payload, int channel) {
  auto it = subscribers_.find(key);
  if (it == subscribers_.end()) return;
  for (auto* c : it->second) c->deliver(stream, payload, static_cast<Channel>(channel));
}

void BinanceVenue::on_trade(const TradeEvent& t) {
  trading_->on_market_trade(t);
  auto& history = trade_history_[t.symbol];
  history.push_back(t);
  if (history.size() > kAggTradeHistory) history.pop_front();
  const Instrument& inst = ctx_.market.instruments()[t.symbol];
  for (Channel ch : {Channel::agg_trade, Channel::trade}) {
    const StreamRef ref{t.symbol, ch};
    if (!subscribers_.count(ref.key())) continue;
    const std::int64_t now = ctx_.clock.venue_ms();
    push(ref.key(), stream_name(ctx_.market, ref),
         ch == Channel::agg_trade ? agg_trade_event(inst, t, now) : trade_event(inst, t, now), static_cast<int>(ch));
  }
}

void BinanceVenue::on_book(const BookEvent& b) {
  const StreamRef ref{b.symbol, Channel::book_ticker};
  if (!subscribers_.count(ref.key())) return;
  push(ref.key(), stream_name(ctx_.market, ref),
       book_ticker_event(ctx_.market.instruments()[b.symbol], b, ctx_.clock.venue_ms()),
       static_cast<int>(Channel::book_ticker));
}

void BinanceVenue::on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& bar) {
  const StreamRef ref{symbol, Channel::kline, tf};
  if (!subscribers_.count(ref.key())) return;
  // §5: the final update of a bar carries x:true.
  push(ref.key(), stream_name(ctx_.market, ref),
       kline_event(ctx_.market.instruments()[symbol], tf, bar, true, ctx_.clock.venue_ms()),
       static_cast<int>(Channel::kline));
  last_pushed_trade_id_.erase(ref.key());
}

void BinanceVenue::flush() {
  // §5: klines are pushed about every 250 ms while the bar changes.
  for (const auto& [key, subs] : subscribers_) {
    const auto channel = static_cast<Channel>((key >> 8) & 0xff);
    if (channel != Channel::kline) continue;
    const auto symbol = static_cast<std::size_t>(key >> 16);
    const auto tf = static_cast<sdk::Timeframe>(key & 0xff);
    const Bar& bar = ctx_.market.current_bar(symbol, tf);
    auto [it, fresh] = last_pushed_trade_id_.emplace(key, -1);
    if (!fresh && it->second == bar.last_trade_id) continue;
    it->second = bar.last_trade_id;
    const StreamRef ref{symbol, Channel::kline, tf};
    push(key, stream_name(ctx_.market, ref),
         kline_event(ctx_.market.instruments()[symbol], tf, bar, false, ctx_.clock.venue_ms()),
         static_cast<int>(Channel::kline));
  }
  for (auto* c : std::set<Connection*>(connections_)) c->tick();
  trading_->tick();
}

HttpResponse BinanceVenue::rest_failure(int status, std::int64_t retry_after_s) const {
  // §8: 429 for a broken limit, 418 once the IP is banned; Retry-After in seconds.
  HttpResponse r = HttpResponse::json(
      status, status == 418
                  ? error_body(-1003, fmt::format("Way too many requests; IP(127.0.0.1) banned until {}. Please use the "
                                                  "websocket for live updates to avoid bans.",
                                                  ctx_.clock.venue_ms() + retry_after_s * 1000))
                  : error_body(-1003, "Too many requests; current limit of IP(127.0.0.1) request weight per minute is "
                                      "2400. Please use WebSocket Streams for live updates to avoid polling the API."));
  if (retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

HttpResponse BinanceVenue::handle(const HttpRequest& r) {
  if (auto answer = trading_->handle(r)) return *answer;
  const std::int64_t now = ctx_.clock.venue_ms();
  if (r.method == "GET" && r.path == "/fapi/v1/time") return HttpResponse::json(200, fmt::format(R"({{"serverTime":{}}})", now));
  if (r.method == "GET" && r.path == "/fapi/v1/exchangeInfo") {
    return HttpResponse::json(200, exchange_info(ctx_.market.instruments(), now));
  }
  if (r.method == "GET" && r.path == "/fapi/v1/klines") {
    const auto symbol = r.param("symbol");
    const auto interval = r.param("interval");
    if (!symbol || symbol->empty()) {
      return HttpResponse::json(400, error_body(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    }
    if (!interval || interval->empty()) {
      return HttpResponse::json(400, error_body(-1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed."));
    }
    const auto index = find_rest_symbol(ctx_.market, *symbol);
    if (!index) return HttpResponse::json(400, error_body(-1121, "Invalid symbol."));
    const auto tf = parse_interval(*interval);
    if (!tf) return HttpResponse::json(400, error_body(-1120, "Invalid interval."));
    auto number = [&](const char* name, std::int64_t fallback) -> std::optional<std::int64_t> {
      auto v = r.param(name);
      if (!v) return fallback;
      try {
        std::size_t used = 0;
        const std::int64_t n = std::stoll(*v, &used);
        if (used != v->size()) return std::nullopt;
        return n;
      } catch (...) {
        return std::nullopt;
      }
    };
    const auto start = number("startTime", -1);
    const auto end = number("endTime", INT64_MAX);
    const auto limit = number("limit", 500);
    if (!start || !end || !limit) {
      return HttpResponse::json(400, error_body(-1100, "Illegal characters found in a parameter."));
    }
    // §6: limit default 500, max 1500.
    if (*limit < 1 || *limit > 1500) {
      return HttpResponse::json(400, error_body(-1130, "Data sent for parameter 'limit' is not valid."));
    }
    const auto bars = served_bars(ctx_.market.bars(*index, *tf, *start, *end, static_cast<std::size_t>(*limit)));
    return HttpResponse::json(200, kline_rows(ctx_.market.instruments()[*index], bars));
  }
  if (r.method == "GET" && r.path == "/fapi/v1/aggTrades") return agg_trades(r);
  return HttpResponse::json(404, error_body(-5000, "Path " + r.path + ", Method " + r.method + " is invalid"));
}

// GET /fapi/v1/aggTrades?symbol=S[&fromId=N][&limit=L]: from id N on (or the latest L), oldest
// first; limit default 500, at most 1000. The sim keeps the latest kAggTradeHistory per symbol:
// a fromId older than that starts at the oldest kept.
HttpResponse BinanceVenue::agg_trades(const HttpRequest& r) const {
  const auto symbol = r.param("symbol");
  if (!symbol || symbol->empty()) {
    return HttpResponse::json(400, error_body(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
  }
  const auto index = find_rest_symbol(ctx_.market, *symbol);
  if (!index) return HttpResponse::json(400, error_body(-1121, "Invalid symbol."));
  auto number = [&](const char* name, std::int64_t fallback) -> std::optional<std::int64_t> {
    const auto v = r.param(name);
    if (!v) return fallback;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size()) return std::nullopt;
    return n;
  };
  const auto from_id = number("fromId", -1);
  const auto limit = number("limit", 500);
  if (!from_id || !limit) return HttpResponse::json(400, error_body(-1100, "Illegal characters found in a parameter."));
  if (*limit < 1 || *limit > 1000) {
    return HttpResponse::json(400, error_body(-1130, "Data sent for parameter 'limit' is not valid."));
  }
  const Instrument& inst = ctx_.market.instruments()[*index];
  std::string body = "[";
  const auto it = trade_history_.find(*index);
  if (it != trade_history_.end() && !it->second.empty()) {
    const auto& history = it->second;
    std::size_t first = 0;
    if (*from_id < 0) {
      first = history.size() > static_cast<std::size_t>(*limit) ? history.size() - static_cast<std::size_t>(*limit) : 0;
    } else if (*from_id > history.front().id) {
      first = static_cast<std::size_t>(std::min<std::int64_t>(*from_id - history.front().id,
                                                              static_cast<std::int64_t>(history.size())));
    }
    for (std::size_t i = first; i < history.size() && i - first < static_cast<std::size_t>(*limit); ++i) {
      if (i != first) body += ',';
      body += agg_trade_row(inst, history[i]);
    }
  }
  body += ']';
  return HttpResponse::json(200, body);
}

std::unique_ptr<WsHandler> BinanceVenue::upgrade(const HttpRequest& r, HttpResponse& refusal) {
  // <base>/ws, <base>/ws/<s1>/<s2>, <base>/stream, <base>/stream?streams=<s1>/<s2> (§1).
  std::string_view path = r.path;
  Category category = Category::legacy;
  for (auto [prefix, cat] : {std::pair{std::string_view("/public"), Category::public_},
                             std::pair{std::string_view("/market"), Category::market},
                             std::pair{std::string_view("/private"), Category::private_}}) {
    if (path.rfind(prefix, 0) == 0 && (path.size() == prefix.size() || path[prefix.size()] == '/')) {
      category = cat;
      path.remove_prefix(prefix.size());
    }
  }
  if (category == Category::private_) return trading_->upgrade(r, refusal);
  bool combined = false;
  std::vector<std::string> names;
  if (path == "/ws" || path.rfind("/ws/", 0) == 0) {
    names = split(path.substr(3), '/');
  } else if (path == "/stream") {
    combined = true;
    if (auto streams = r.param("streams")) names = split(*streams, '/');
  } else {
    refusal = HttpResponse::json(404, error_body(-5000, "Unknown WebSocket path " + r.path));
    return nullptr;
  }
  std::vector<StreamRef> refs;
  for (const auto& n : names) {
    auto ref = parse_stream(ctx_.market, n);
    if (!ref) {
      refusal = HttpResponse::json(400, error_body(-1121, "Invalid request: invalid stream " + n));
      return nullptr;
    }
    refs.push_back(*ref);
  }
  if (refs.size() > static_cast<std::size_t>(tuning_.at("max_streams_per_connection"))) {
    refusal = HttpResponse::json(400, error_body(-1121, "Invalid request: too many streams"));
    return nullptr;
  }
  return std::make_unique<Connection>(*this, category, combined, std::move(refs));
}

}  // namespace tradehost::sim::binance
