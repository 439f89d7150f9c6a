#include "venues/bingx/bingx_venue.hpp"
#include "text_and_time.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <deque>
#include <iostream>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "venues/bingx/bingx_codes.hpp"
#include "venues/bingx/bingx_frames.hpp"
#include "venues/bingx/bingx_topics.hpp"

namespace tradehost::sim::bingx {
namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;

// §4 WS codes and §8 REST codes.
constexpr int kUnsupportedTopic = 80015;
constexpr int kTooManyTopics = 80403;
constexpr int kBadArgument = 100400;
constexpr int kFrequencyLimit = 100410;

// §6: limit default 500, max 1440.
constexpr std::int64_t kKlineLimitDefault = 500;
constexpr std::int64_t kKlineLimitMax = 1440;

HttpResponse business_error(std::string_view msg) {
  // §8: business errors come with HTTP 200 and a non-zero code; invalid parameters are 109400.
  return HttpResponse::json(200, error_body(code::kInvalidParameter, msg));
}

}  // namespace

// One /swap-market connection: its topics, its heartbeat and its request rate, and with a
// listen key (§9) also the account events of that key.
class BingxVenue::Connection final : public WsHandler {
 public:
  Connection(BingxVenue& venue, std::string listen_key) : venue_(venue), listen_key_(std::move(listen_key)) {}

  void on_open(WsPeer& peer) override {
    peer_ = &peer;
    last_ping_ = last_pong_ = steady::now();
    venue_.connections_.insert(this);
  }

  void on_close(WsPeer&) override {
    for (const auto& [key, name] : topics_) venue_.unsubscribe_index(this, key);
    topics_.clear();
    venue_.connections_.erase(this);
    peer_ = nullptr;
  }

  void on_binary(WsPeer&, std::string_view) override {
    // §4: client frames are plain text; the venue's handling of binary ones is unknown.
    reply("\"\"", kBadArgument, "send requests and Pong as text frames");
  }

  void on_text(WsPeer&, std::string_view text) override {
    if (text == "Pong") {  // §4: the answer to the server's Ping, plain text
      // The server sees only protocol-level pongs, so the fault is applied here.
      if (venue_.fault("fault_ignore_pongs") == 0) last_pong_ = steady::now();
      return;
    }
    const json msg = json::parse(text, nullptr, false);
    if (msg.is_discarded() || !msg.is_object()) {
      reply("\"\"", kBadArgument, "invalid JSON: expected {\"id\",\"reqType\",\"dataType\"}");
      return;
    }
    const std::string id = msg.contains("id")
                               ? msg["id"].dump(-1, ' ', false, json::error_handler_t::replace)
                               : "\"\"";
    if (!admit_request()) {
      reply(id, kFrequencyLimit,
            fmt::format("frequency limit: at most {} requests per second",
                        venue_.tuning_.at("max_sub_per_s")));
      return;
    }
    const auto req_type = msg.find("reqType");
    const bool sub = req_type != msg.end() && *req_type == "sub";
    if (!sub && (req_type == msg.end() || *req_type != "unsub")) {
      reply(id, kBadArgument, "reqType must be \"sub\" or \"unsub\"");
      return;
    }
    const auto dt = msg.find("dataType");
    if (dt == msg.end() || !dt->is_string()) {
      reply(id, kBadArgument, "dataType must be a string such as \"BTC-USDT@trade\"");
      return;
    }
    const std::string name = dt->get<std::string>();
    const auto topic = parse_data_type(venue_.ctx_.market, name);
    if (!topic) {
      reply(id, kUnsupportedTopic, "unsupported symbol or dataType: " + name);
      return;
    }
    if (sub) {
      const auto cap = static_cast<std::size_t>(venue_.tuning_.at("max_topics_per_connection"));
      if (!topics_.count(topic->key()) && topics_.size() >= cap) {
        reply(id, kTooManyTopics, fmt::format("more than {} topics on one connection", cap));
        return;
      }
      if (topics_.emplace(topic->key(), name).second) venue_.subscribe_index(this, topic->key());
    } else if (topics_.erase(topic->key()) > 0) {
      venue_.unsubscribe_index(this, topic->key());
    }
    reply(id, 0, "");  // §4 ack; a repeated sub or an unsub of nothing is acked too
  }

  // Heartbeat, checked on every flush (about every 250 ms).
  void tick() {
    if (peer_ == nullptr) return;
    const auto& t = venue_.tuning_;
    if (ms_since(last_pong_) >= t.at("pong_timeout_ms")) {  // last_pong_ starts at the open
      peer_->close(1008, "Pong timeout");
      return;
    }
    if (ms_since(last_ping_) >= t.at("ping_interval_ms")) {
      last_ping_ = steady::now();
      send("Ping");  // §4: the 4-byte text, gzipped like every server frame
    }
  }

  void deliver(const std::string& gzipped) {
    if (peer_ != nullptr) peer_->send_binary(gzipped);
  }

  WsPeer* peer() { return peer_; }
  const std::string& listen_key() const { return listen_key_; }

 private:
  // §4 (FAQ): at most max_sub_per_s requests per second. Accepted requests of the last second
  // are counted; one over the limit is answered with 100410 and ignored.
  bool admit_request() {
    const auto now = steady::now();
    while (!accepted_.empty() && now - accepted_.front() >= std::chrono::seconds(1)) {
      accepted_.pop_front();
    }
    if (static_cast<std::int64_t>(accepted_.size()) >= venue_.tuning_.at("max_sub_per_s")) {
      return false;
    }
    accepted_.push_back(now);
    return true;
  }

  // An ack (code 0) goes as an acknowledgement, so that `fault_ack_delay_ms` holds it back;
  // an error reply is an ordinary frame.
  void reply(const std::string& id_json, int code, std::string_view msg) {
    if (code != 0) {
      send(ws_reply(id_json, code, msg));
      return;
    }
    if (peer_ == nullptr) return;
    if (auto gz = venue_.gzip(ws_reply(id_json, code, msg))) peer_->send_binary_ack(std::move(*gz));
  }

  void send(std::string_view text) {
    if (peer_ == nullptr) return;
    if (auto gz = venue_.gzip(text)) peer_->send_binary(std::move(*gz));
  }

  BingxVenue& venue_;
  std::string listen_key_;  // empty on market-data connections
  WsPeer* peer_ = nullptr;
  std::map<std::uint64_t, std::string> topics_;  // key -> dataType
  steady::time_point last_ping_, last_pong_;
  std::deque<steady::time_point> accepted_;
};

BingxVenue::BingxVenue(VenueContext context) : ctx_(context) {
  // protocols/bingx.md §4: Ping every 5 s, 200 topics per connection, 10 subscribe requests per
  // second. The Pong deadline is unconfirmed on the venue; 30 s is our choice.
  tuning_ = {{"ping_interval_ms", 5'000},
             {"pong_timeout_ms", 30'000},
             {"max_topics_per_connection", 200},
             {"max_sub_per_s", 10}};
  trading_ = std::make_unique<BingxTrading>(ctx_, tuning_, static_cast<UserEventSink&>(*this));
}

BingxVenue::~BingxVenue() = default;

void BingxVenue::describe(nlohmann::json& out) const {
  const std::string base = fmt::format("{}:{}", ctx_.host, port_);
  out = {{"rest", "http://" + base}, {"ws", "ws://" + base + "/swap-market"}};
  for (const auto& a : ctx_.accounts) {
    if (a.venue == "bingx") {
      out["account"] = {{"api_key", a.api_key}, {"secret", a.secret}};
      break;
    }
  }
}

HttpResponse BingxVenue::rest_failure(int status, std::int64_t retry_after_s) const {
  // §8: a broken limit is HTTP 429 with code 109429 (formerly 100410) and a block; going on
  // after it gets HTTP 418, an IP ban. Retry-After in seconds when the fault sets one.
  std::string body;
  if (status == 429) {
    body = error_body(code::kRateLimited, "Too many requests, please try again later");
  } else if (status == 418) {
    body = error_body(code::kRateLimited,
                      fmt::format("Your IP has been banned for sending too many requests after a 429; the ban ends "
                                  "at {} (ms)",
                                  ctx_.clock.venue_ms() + std::max<std::int64_t>(retry_after_s, 300) * 1000));
  } else {
    body = error_body(code::kSystemBusy, "The system is busy, please try again later");
  }
  HttpResponse r = HttpResponse::json(status, std::move(body));
  if (retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

std::size_t BingxVenue::drop_connections() {
  std::size_t n = 0;
  for (auto* c : std::set<Connection*>(connections_)) {
    if (c->peer() != nullptr) {
      c->peer()->drop();
      ++n;
    }
  }
  return n;
}

void BingxVenue::subscribe_index(Connection* c, std::uint64_t key) {
  subscribers_[key].push_back(c);
  // A new subscriber gets the current bar at the next flush, even if it has not changed.
  kline_marks_.erase(key);
}

void BingxVenue::unsubscribe_index(Connection* c, std::uint64_t key) {
  auto it = subscribers_.find(key);
  if (it == subscribers_.end()) return;
  auto& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  if (v.empty()) {
    subscribers_.erase(it);
    kline_marks_.erase(key);
  }
}

std::optional<std::string> BingxVenue::gzip(std::string_view text) {
  auto gz = gzip_.compress(text);
  if (!gz) {
    std::cerr << "exchange-sim: " << gz.error().message << "; frame not sent\n";
    return std::nullopt;
  }
  return std::move(*gz);
}

void BingxVenue::push(std::uint64_t key, std::string_view text) {
  auto it = subscribers_.find(key);
  if (it == subscribers_.end()) return;
  const auto gz = gzip(text);
  if (!gz) return;
  for (auto* c : it->second) c->deliver(*gz);
}

void BingxVenue::send_user_event(const std::string& listen_key, std::string_view text) {
  std::optional<std::string> gz;  // made once, for the first connection of the key
  for (auto* c : connections_) {
    if (c->listen_key() != listen_key) continue;
    if (!gz) gz = gzip(text);
    if (!gz) return;
    c->deliver(*gz);
  }
}

void BingxVenue::on_trade(const TradeEvent& t) {
  trading_->on_market_trade(t);
  // §5 lists several trades per frame: the trades of one market step are collected here and sent
  // as one frame when the step's book event arrives (every step with trades moves the book).
  if (subscribers_.count(Topic{t.symbol, Channel::trade}.key())) {
    pending_trades_[t.symbol].push_back(t);
  }
}

void BingxVenue::send_pending_trades(std::size_t symbol) {
  auto it = pending_trades_.find(symbol);
  if (it == pending_trades_.end()) return;
  const Topic topic{symbol, Channel::trade};
  if (!it->second.empty()) {
    push(topic.key(),
         trade_push(ctx_.market.instruments()[symbol], data_type(ctx_.market, topic), it->second));
  }
  pending_trades_.erase(it);
}

void BingxVenue::on_book(const BookEvent& b) {
  send_pending_trades(b.symbol);
  const Topic topic{b.symbol, Channel::book_ticker};
  if (!subscribers_.count(topic.key())) return;
  push(topic.key(), book_ticker_push(ctx_.market.instruments()[b.symbol],
                                     data_type(ctx_.market, topic), b, ctx_.clock.venue_ms()));
}

void BingxVenue::on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& bar) {
  const Topic topic{symbol, Channel::kline, tf};
  if (!subscribers_.count(topic.key())) return;
  // §5: there is no closed flag; a bar is final once a frame with a larger T arrives. So the old
  // bar's final state goes out now, and forgetting the mark makes the next flush push the new
  // bar (even one without trades yet), which tells the client the old one is closed.
  push(topic.key(),
       kline_push(ctx_.market.instruments()[symbol], data_type(ctx_.market, topic), bar));
  kline_marks_.erase(topic.key());
}

void BingxVenue::flush() {
  // Trades of a step are normally sent at its book event; this catches any left over.
  while (!pending_trades_.empty()) send_pending_trades(pending_trades_.begin()->first);
  // §5 says klines come about once per second; the sim sends the current bar every flush
  // (about 250 ms) when it changed, so that a speeded-up clock still shows every bar.
  for (const auto& [key, subs] : subscribers_) {
    const Topic topic = Topic::from_key(key);
    if (topic.channel != Channel::kline) continue;
    const Bar& bar = ctx_.market.current_bar(topic.symbol, topic.timeframe);
    const KlineMark now{bar.open_ms, bar.trades};
    auto [it, fresh] = kline_marks_.try_emplace(key, now);
    if (!fresh && it->second.open_ms == now.open_ms && it->second.trades == now.trades) continue;
    it->second = now;
    push(key,
         kline_push(ctx_.market.instruments()[topic.symbol], data_type(ctx_.market, topic), bar));
  }
  for (auto* c : std::set<Connection*>(connections_)) c->tick();
  trading_->tick();
}

HttpResponse BingxVenue::handle(const HttpRequest& r) {
  if (auto answer = trading_->handle(r)) return *answer;
  if (r.method == "GET") {
    if (r.path == "/openApi/swap/v2/server/time") {
      return HttpResponse::json(200, server_time(ctx_.clock.venue_ms()));
    }
    if (r.path == "/openApi/swap/v2/quote/contracts") return contract_list(r);
    // §6: v3 is current, v2 the older version; the sim serves both the same way.
    if (r.path == "/openApi/swap/v3/quote/klines" || r.path == "/openApi/swap/v2/quote/klines") {
      return klines(r);
    }
  }
  return HttpResponse::json(404, error_body(404, "no such endpoint: " + r.method + " " + r.path));
}

HttpResponse BingxVenue::contract_list(const HttpRequest& r) const {
  std::vector<std::size_t> which;
  if (const auto symbol = r.param("symbol")) {  // §2: optional filter
    const auto index = find_symbol(ctx_.market, *symbol);
    if (!index) return business_error("symbol " + *symbol + " does not exist");
    which.push_back(*index);
  } else {
    for (std::size_t i = 0; i < ctx_.market.instruments().size(); ++i) which.push_back(i);
  }
  return HttpResponse::json(200, contracts(ctx_.market.instruments(), which));
}

HttpResponse BingxVenue::klines(const HttpRequest& r) const {
  const auto symbol = r.param("symbol");
  if (!symbol || symbol->empty()) return business_error("symbol is required");
  const auto index = find_symbol(ctx_.market, *symbol);
  if (!index) return business_error("symbol " + *symbol + " does not exist");
  const auto interval = r.param("interval");
  if (!interval || interval->empty()) return business_error("interval is required");
  const auto tf = parse_interval(*interval);
  if (!tf) {
    return business_error("interval " + *interval +
                          " is not one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M");
  }
  std::int64_t numbers[3] = {-1, std::numeric_limits<std::int64_t>::max(), kKlineLimitDefault};
  const char* names[3] = {"startTime", "endTime", "limit"};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto text = r.param(names[i]);
    if (!text) continue;
    const auto n = parse_int(*text);
    if (!n || *n < 0) {
      return business_error(fmt::format("{} must be a whole number, not '{}'", names[i], *text));
    }
    numbers[i] = *n;
  }
  const auto [start_ms, end_ms, limit] = numbers;
  if (limit < 1 || limit > kKlineLimitMax) {
    return business_error(fmt::format("limit must be 1..{}", kKlineLimitMax));
  }
  // Bars with open time in [startTime, endTime], oldest first, the open bar included; from a
  // startTime the oldest `limit`, else the newest `limit`.
  const auto bars =
      served_bars(ctx_.market.bars(*index, *tf, start_ms, end_ms, static_cast<std::size_t>(limit)));
  return HttpResponse::json(200, kline_rows(ctx_.market.instruments()[*index], bars));
}

std::unique_ptr<WsHandler> BingxVenue::upgrade(const HttpRequest& r, HttpResponse& refusal) {
  if (r.path != "/swap-market") {
    refusal = HttpResponse::json(
        404, error_body(404, "no WebSocket at " + r.path + " (use /swap-market)"));
    return nullptr;
  }
  if (const auto key = r.param("listenKey")) {  // §9 user data
    if (!trading_->listen_key_live(*key)) {
      refusal = HttpResponse::json(404, error_body(404, "no such listenKey (unknown or expired)"));
      return nullptr;
    }
    return std::make_unique<Connection>(*this, *key);
  }
  return std::make_unique<Connection>(*this, std::string());
}

}  // namespace tradehost::sim::bingx
