#include "venues/kucoinfutures/kucoin_venue.hpp"
#include "text_and_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "venues/kucoinfutures/kucoin_frames.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

using json = nlohmann::json;
using steady = std::chrono::steady_clock;

// §4: close 1000 "Bye" as observed on the idle close; used for every close the venue starts.
constexpr std::uint16_t kCloseCode = 1000;
constexpr const char* kCloseReason = "Bye";
constexpr std::int64_t kRateWindowMs = 10'000;  // §4: client messages per 10 s

}  // namespace

class KucoinVenue::Connection final : public WsHandler {
 public:
  Connection(KucoinVenue& venue, std::string connect_id_json, Redeemed token)
      : venue_(venue),
        connect_id_json_(std::move(connect_id_json)),
        token_(token.check),
        account_(std::move(token.account)) {}

  void on_open(WsPeer& peer) override {
    peer_ = &peer;
    opened_ = last_message_ = steady::now();
    venue_.connections_.insert(this);
    if (token_ != TokenCheck::valid) {
      // §1: an unknown or expired token still upgrades, then gets a 401 error frame and a close.
      peer.send_text(
          error_frame(connect_id_json_, 401, token_ == TokenCheck::expired ? "token is expired" : "token is invalid"));
      close(peer);
      return;
    }
    // §1: the first frame, id = connectId.
    peer.send_text(welcome_frame(connect_id_json_));
  }

  void on_close(WsPeer&) override {
    for (const auto& [name, key] : topics_) {
      if (key) venue_.unsubscribe_index(this, *key);
    }
    topics_.clear();
    candle_marks_.clear();
    venue_.connections_.erase(this);
    peer_ = nullptr;
  }

  void on_text(WsPeer& peer, std::string_view text) override { on_message(peer, text); }
  // §1: frames are JSON text; a binary frame is as unparsable as bad JSON.
  void on_binary(WsPeer& peer, std::string_view) override { on_message(peer, ""); }

  // Idle and lifetime, checked on every flush. The server sends no pings (§4).
  void tick() {
    if (peer_ == nullptr || closing_) return;
    const auto& t = venue_.tuning_;
    if (ms_since(opened_) >= t.at("max_lifetime_ms")) {
      close(*peer_);  // §1: connections are cut after ~24 h
      return;
    }
    if (ms_since(last_message_) >= t.at("idle_timeout_ms")) {
      // §4: no client message for ~60 s: "ping timeout", then the close.
      peer_->send_text(error_frame_without_id(400, "ping timeout"));
      close(*peer_);
    }
  }

  void deliver(const std::string& frame) {
    if (peer_ != nullptr && !closing_) peer_->send_text(frame);
  }

  // The api key of a private token's connection; empty on a public one.
  const std::string& account() const { return account_; }
  bool holds(std::string_view topic) const { return peer_ != nullptr && !closing_ && topics_.count(topic) != 0; }

  // Fault `expire_tokens`: the connection-level 401 (id = connectId, §4), then the close.
  void expire_token() {
    if (peer_ == nullptr || closing_) return;
    peer_->send_text(error_frame(connect_id_json_, 401, "token is expired"));
    close(*peer_);
  }

  // §5: candles are pushed when they changed since this connection last saw them. `frame_of`
  // builds (and caches for the flush) the frame of a key's current candle.
  template <typename FrameOf>
  void flush_candles(const Market& market, FrameOf&& frame_of) {
    if (peer_ == nullptr || closing_) return;
    for (auto& [key, mark] : candle_marks_) {
      const TopicRef ref = TopicRef::from_key(key);
      const Bar& bar = market.current_bar(ref.symbol, ref.timeframe);
      if (mark.pushed && mark.open_ms == bar.open_ms && mark.last_trade_id == bar.last_trade_id) continue;
      mark = {true, bar.open_ms, bar.last_trade_id};
      peer_->send_text(frame_of(key, bar));
    }
  }

  // The final state of a candle at its roll; the next flush then pushes the new candle.
  void deliver_final(std::uint64_t key, const Bar& bar, const std::string& frame) {
    auto it = candle_marks_.find(key);
    if (it == candle_marks_.end() || peer_ == nullptr || closing_) return;
    it->second = {true, bar.open_ms, bar.last_trade_id};
    peer_->send_text(frame);
  }

  WsPeer* peer() { return peer_; }

 private:
  struct CandleMark {
    bool pushed = false;  // nothing pushed yet: the next flush sends the current candle
    std::int64_t open_ms = 0;
    std::int64_t last_trade_id = 0;
  };

  void close(WsPeer& peer) {
    closing_ = true;
    peer.close(kCloseCode, kCloseReason);
  }

  void on_message(WsPeer& peer, std::string_view text) {
    if (closing_) return;
    const auto now = steady::now();
    // §4: the idle timer counts from the client's last message, whatever it was.
    last_message_ = now;
    const json msg = json::parse(text, nullptr, false);
    const bool object = !msg.is_discarded() && msg.is_object();
    // Replies echo the client's id (any JSON value); without one, a server-made id (§4).
    const std::string id = object && msg.contains("id") ? msg["id"].dump() : json_string(venue_.server_id());
    // §4: at most N client messages (pings included) per 10 s; one over is refused and ignored,
    // and does not count against the window.
    while (!recent_.empty() && now - recent_.front() >= std::chrono::milliseconds(kRateWindowMs)) recent_.pop_front();
    if (static_cast<std::int64_t>(recent_.size()) >= venue_.tuning_.at("max_client_msgs_per_10s")) {
      peer.send_text(error_frame(id, 509, "exceed max permits per second"));
      return;
    }
    recent_.push_back(now);
    if (!object) {
      // §4: an unparsable message gets 400 with a server-made id.
      peer.send_text(error_frame(id, 400, "unparsable message"));
      return;
    }
    const auto type = msg.find("type");
    const std::string kind = type != msg.end() && type->is_string() ? type->get<std::string>() : "";
    if (kind == "ping") {
      // §0: the pong echoes the id and carries the server time in µs. Fault fault_ignore_pongs:
      // the server stops answering, so the client's pingTimeout (§1) fires.
      if (venue_.fault("fault_ignore_pongs") == 0) peer.send_text(pong_frame(id, venue_.ctx_.clock.venue_ms() * 1000));
    } else if (kind == "subscribe" || kind == "unsubscribe") {
      subscription(peer, msg, id, kind == "subscribe");
    } else {
      peer.send_text(error_frame(id, 415, "command type is invalid"));
    }
  }

  void subscription(WsPeer& peer, const json& msg, const std::string& id, bool subscribe) {
    const auto& t = venue_.tuning_;
    const auto topic = msg.find("topic");
    const TopicRequest request =
        parse_topic(topic != msg.end() && topic->is_string() ? topic->get<std::string>() : std::string());
    switch (request.status) {
      case TopicStatus::ok:
        break;
      case TopicStatus::required:
        peer.send_text(error_frame(id, 406, "topic is required"));
        return;
      case TopicStatus::private_topic: {
        // §9: a private token, and "privateChannel":true on the message.
        const auto flag = msg.find("privateChannel");
        const bool private_channel = flag != msg.end() && flag->is_boolean() && flag->get<bool>();
        if (account_.empty() || !private_channel) {
          peer.send_text(error_frame(id, 403, "login is required"));
          return;
        }
        break;
      }
      case TopicStatus::not_exist:
        peer.send_text(error_frame(id, 404, "topic does not exist"));
        return;
    }
    const auto per_message = t.at("max_targets_per_message");
    if (static_cast<std::int64_t>(request.targets.size()) > per_message) {
      peer.send_text(
          error_frame(id, 509, fmt::format("exceed max subscription count limitation of {} per time", per_message)));
      return;
    }
    // A message applies in full or not at all.
    std::map<std::string, std::optional<std::uint64_t>> targets;
    if (request.status == TopicStatus::private_topic) {
      // Private topics have no market stream: the trading side asks holds() when it pushes.
      const auto names = private_topic_names(request);
      if (!names) {
        peer.send_text(error_frame(id, 404, "topic does not exist"));
        return;
      }
      for (const auto& name : *names) targets.emplace(name, std::nullopt);
    } else {
      for (const auto& target : request.targets) {
        const auto resolved = resolve_target(venue_.ctx_.market, request.prefix, target);
        if (!resolved) {
          peer.send_text(error_frame(id, 404, "topic does not exist"));
          return;
        }
        // §4: an unknown symbol is acked and stays silent (no key).
        std::optional<std::uint64_t> key;
        if (*resolved) key = (*resolved)->key();
        targets.emplace(request.prefix + ":" + target, key);
      }
    }
    if (subscribe) {
      std::size_t fresh = 0;
      for (const auto& [name, key] : targets) fresh += topics_.count(name) ? 0u : 1u;
      const auto per_session = t.at("max_topics_per_connection");
      if (static_cast<std::int64_t>(topics_.size() + fresh) > per_session) {
        peer.send_text(error_frame(
            id, 509, fmt::format("exceed max subscription count limitation of {} per session", per_session)));
        return;
      }
      for (const auto& [name, key] : targets) add(name, key);
    } else {
      for (const auto& [name, key] : targets) remove(name);
    }
    // §4: `response` defaults to false; only true asks for an ack (a duplicate gets one too).
    const auto response = msg.find("response");
    // Acks go through send_ack, which the fault fault_ack_delay_ms holds back.
    if (response != msg.end() && response->is_boolean() && response->get<bool>()) peer.send_ack(ack_frame(id));
  }

  void add(const std::string& name, std::optional<std::uint64_t> key) {
    if (!topics_.emplace(name, key).second || !key) return;
    venue_.subscribe_index(this, *key);
    if (TopicRef::from_key(*key).channel == Channel::candle) candle_marks_.emplace(*key, CandleMark{});
  }

  void remove(const std::string& name) {
    auto it = topics_.find(name);
    if (it == topics_.end()) return;
    if (it->second) {
      venue_.unsubscribe_index(this, *it->second);
      candle_marks_.erase(*it->second);
    }
    topics_.erase(it);
  }

  KucoinVenue& venue_;
  std::string connect_id_json_;
  TokenCheck token_;
  std::string account_;  // api key of a private token; empty for a public one
  WsPeer* peer_ = nullptr;
  bool closing_ = false;
  // one-target topic -> market stream key (none for unknown symbols and private topics)
  std::map<std::string, std::optional<std::uint64_t>, std::less<>> topics_;
  std::map<std::uint64_t, CandleMark> candle_marks_;
  steady::time_point opened_, last_message_;
  std::deque<steady::time_point> recent_;  // accepted client messages of the last 10 s
};

KucoinVenue::KucoinVenue(VenueContext context)
    : ctx_(context), volumes_(context.market), sequence_(context.market.instruments().size(), 1'794'100'000'000) {
  // protocols/kucoinfutures.md §1: pingInterval 18 s, pingTimeout 10 s, 24 h tokens and
  // connections; §4: 100 targets per message, 300 topics per connection (the error-code page's
  // figure; the limits page says unlimited), 100 client messages per 10 s, idle close at 60 s.
  // token_single_use 1: a token opens one connection (§1 "a new bullet for every connect").
  tuning_ = {{"ping_interval_ms", 18'000},     {"ping_timeout_ms", 10'000},        {"token_ttl_ms", 86'400'000},
             {"token_single_use", 1},          {"max_topics_per_connection", 300}, {"max_targets_per_message", 100},
             {"max_client_msgs_per_10s", 100}, {"idle_timeout_ms", 60'000},        {"max_lifetime_ms", 86'400'000}};
  trading_ = std::make_unique<KucoinTrading>(ctx_, *this);
}

KucoinVenue::~KucoinVenue() = default;

std::string KucoinVenue::authority() const {
  const bool v6 = ctx_.host.find(':') != std::string::npos;
  return fmt::format("{}{}{}:{}", v6 ? "[" : "", ctx_.host, v6 ? "]" : "", port_);
}

std::string KucoinVenue::server_id() { return fmt::format("6743f0a2{:016x}", ++next_server_id_); }

void KucoinVenue::describe(nlohmann::json& out) const {
  out = {{"rest", "http://" + authority()}, {"ws", "ws://" + authority() + "/"}};
  for (const auto& a : ctx_.accounts) {
    if (a.venue == "kucoinfutures") {
      out["account"] = {{"api_key", a.api_key}, {"secret", a.secret}, {"passphrase", a.passphrase}};
      break;
    }
  }
}

bool KucoinVenue::trigger(std::string_view action) {
  if (action != "expire_tokens") return false;
  tokens_.expire_all();
  for (auto* c : std::set<Connection*>(connections_)) c->expire_token();
  return true;
}

HttpResponse KucoinVenue::rest_failure(int status, std::int64_t retry_after_s) const {
  // §8: HTTP 429 + 429000 when a pool's quota is used up, with gw-ratelimit-* headers (reset in
  // ms until the pool refills); the overload case comes without them, as it does here when no
  // retry time is set.
  HttpResponse r = HttpResponse::json(status, error_body("429000", "Too Many Requests"));
  if (retry_after_s > 0) {
    r.headers.emplace_back("gw-ratelimit-limit", "2000");  // §8: Futures pool at VIP0, per 30 s
    r.headers.emplace_back("gw-ratelimit-remaining", "0");
    r.headers.emplace_back("gw-ratelimit-reset", std::to_string(retry_after_s * 1000));
  }
  return r;
}

bool KucoinVenue::subscribed(const std::string& account, std::string_view topic) const {
  for (const auto* c : connections_) {
    if (c->account() == account && c->holds(topic)) return true;
  }
  return false;
}

void KucoinVenue::push(const std::string& account, std::string_view topic, const std::string& frame) {
  for (auto* c : connections_) {
    if (c->account() == account && c->holds(topic)) c->deliver(frame);
  }
}

std::size_t KucoinVenue::drop_connections() {
  std::size_t n = 0;
  for (auto* c : std::set<Connection*>(connections_)) {
    if (c->peer() != nullptr) {
      c->peer()->drop();
      ++n;
    }
  }
  return n;
}

void KucoinVenue::subscribe_index(Connection* c, std::uint64_t key) { subscribers_[key].push_back(c); }

void KucoinVenue::unsubscribe_index(Connection* c, std::uint64_t key) {
  auto it = subscribers_.find(key);
  if (it == subscribers_.end()) return;
  auto& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  if (v.empty()) subscribers_.erase(it);
}

void KucoinVenue::on_trade(const TradeEvent& t) {
  trading_->on_market_trade(t);  // resting orders fill first, as on the venue
  const Instrument& inst = ctx_.market.instruments()[t.symbol];
  const std::int64_t contracts = to_contracts(inst, t.qty);
  volumes_.add_trade(t, contracts);  // every trade, subscribed or not: klines need them
  const std::int64_t sequence = ++sequence_[t.symbol];
  const TopicRef ref{t.symbol, Channel::execution};
  auto it = subscribers_.find(ref.key());
  if (it == subscribers_.end()) return;
  // §5: one frame per fill, in real time.
  const std::string frame = match_frame(topic_name(ctx_.market, ref), inst, t, sequence, contracts);
  for (auto* c : it->second) c->deliver(frame);
}

void KucoinVenue::on_book(const BookEvent& b) {
  const std::int64_t sequence = ++sequence_[b.symbol];
  const TopicRef ref{b.symbol, Channel::ticker_v2};
  auto it = subscribers_.find(ref.key());
  if (it == subscribers_.end()) return;
  const Instrument& inst = ctx_.market.instruments()[b.symbol];
  // §5: on any book change; sizes in whole contracts like every KuCoin size.
  const std::string frame = ticker_v2_frame(topic_name(ctx_.market, ref), inst, b, sequence,
                                            to_contracts(inst, b.bid_qty), to_contracts(inst, b.ask_qty));
  for (auto* c : it->second) c->deliver(frame);
}

void KucoinVenue::on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& bar) {
  const TopicRef ref{symbol, Channel::candle, tf};
  auto it = subscribers_.find(ref.key());
  if (it == subscribers_.end()) return;
  // §5 has no closed flag: a candle is final once a later start arrives. So at the roll the old
  // candle's final state goes out first, and the new candle follows at the next flush.
  const std::string frame = candle_frame(topic_name(ctx_.market, ref), ctx_.market.instruments()[symbol], bar,
                                         volumes_.volume(symbol, tf, bar.open_ms), ctx_.clock.venue_ms());
  for (auto* c : std::vector<Connection*>(it->second)) c->deliver_final(ref.key(), bar, frame);
}

void KucoinVenue::flush() {
  // §5: candles at most once per flush per topic, and only when they changed.
  std::unordered_map<std::uint64_t, std::string> frames;
  const std::int64_t now = ctx_.clock.venue_ms();
  auto frame_of = [&](std::uint64_t key, const Bar& bar) -> const std::string& {
    auto [it, fresh] = frames.try_emplace(key);
    if (fresh) {
      const TopicRef ref = TopicRef::from_key(key);
      it->second = candle_frame(topic_name(ctx_.market, ref), ctx_.market.instruments()[ref.symbol], bar,
                                volumes_.volume(ref.symbol, ref.timeframe, bar.open_ms), now);
    }
    return it->second;
  };
  for (auto* c : std::set<Connection*>(connections_)) {
    c->flush_candles(ctx_.market, frame_of);
    c->tick();
  }
}

HttpResponse KucoinVenue::handle(const HttpRequest& r) {
  if (auto answer = trading_->handle(r)) return *answer;
  const std::int64_t now = ctx_.clock.venue_ms();
  if (r.method == "GET" && r.path == "/api/v1/timestamp") return HttpResponse::json(200, ok_body(std::to_string(now)));
  if (r.method == "GET" && r.path == "/api/v1/status") {
    return HttpResponse::json(200, ok_body(R"({"status":"open","msg":""})"));
  }
  if (r.method == "GET" && r.path == "/api/v1/contracts/active") return contracts("");
  if (r.method == "GET" && r.path.rfind("/api/v1/contracts/", 0) == 0) {
    return contracts(r.path.substr(std::string_view("/api/v1/contracts/").size()));
  }
  if (r.method == "GET" && r.path == "/api/v1/kline/query") return klines(r);
  if (r.method == "POST" && r.path == "/api/v1/bullet-public") {
    // §1: no auth, empty body; the endpoint is this listener.
    const auto& t = tuning_;
    return HttpResponse::json(200, ok_body(bullet_data(tokens_.issue(steady::now()), std::string(ctx_.tls ? "wss://" : "ws://") + authority() + "/",
                                                       t.at("ping_interval_ms"), t.at("ping_timeout_ms"))));
  }
  if (r.method == "POST" && r.path == "/api/v1/bullet-private") {
    // §1: signed (§7), empty body; the same answer with a token bound to the account.
    const AuthResult auth = trading_->authenticate(r);
    if (auth.account == nullptr) return auth.error;
    const auto& t = tuning_;
    return HttpResponse::json(
        200, ok_body(bullet_data(tokens_.issue(steady::now(), auth.account->api_key), std::string(ctx_.tls ? "wss://" : "ws://") + authority() + "/",
                                 t.at("ping_interval_ms"), t.at("ping_timeout_ms"))));
  }
  // §8: unknown path, HTTP 404.
  return HttpResponse::json(404, error_body("404", "Not Found"));
}

std::unique_ptr<WsHandler> KucoinVenue::upgrade(const HttpRequest& r, HttpResponse& refusal) {
  if (r.path != "/") {
    refusal = HttpResponse::json(404, error_body("404", "Not Found"));
    return nullptr;
  }
  const auto token = r.param("token");  // percent-decoded by the server (§1)
  if (!token || token->empty()) {
    // §1: connecting without a token fails the handshake with HTTP 401.
    refusal = HttpResponse::json(401, error_body("401", "token is required"));
    return nullptr;
  }
  Redeemed check =
      tokens_.redeem(*token, steady::now(), tuning_.at("token_ttl_ms"), tuning_.at("token_single_use") != 0);
  // §1: connectId is optional; without one the venue makes one up.
  const auto connect_id = r.param("connectId");
  return std::make_unique<Connection>(*this, json_string(connect_id ? *connect_id : server_id()), std::move(check));
}

}  // namespace tradehost::sim::kucoinfutures
