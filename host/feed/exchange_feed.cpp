#include "feed/exchange_feed.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/as_tuple.hpp>
#include <fmt/format.h>

#include "feed/backoff.hpp"
#include "feed/fill_patience.hpp"
#include "feed/kline_continuity.hpp"
#include "feed/quote_freshness.hpp"
#include "feed/rest_requests.hpp"
#include "feed/trade_gaps.hpp"
#include "feed/trade_handoff.hpp"
#include "feed/shard_plan.hpp"
#include "log/log.hpp"

#include <tradehost/sdk/event_checks.hpp>
#include "net/http_fetch.hpp"
#include "net/ws_connection.hpp"

namespace tradehost::feed {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr std::size_t kEventCapacity = 512;
constexpr std::int64_t kMaxVenueReconnectWaitMs = 300000;  // a reconnect waits at most this for a venue
constexpr milliseconds kRestSpacing{200};
// Trade pages weigh 20 on Binance's 2400 a minute: at most one a second leaves room for the rest.
constexpr milliseconds kTradeRestSpacing{1000};
constexpr milliseconds kTick{250};
constexpr std::int64_t kOpenBarGraceRealMs = 3000;
constexpr milliseconds kOverlapGrace{1000};
// Venue time after a bar ends before its REST row is taken as final (bar_never_closed_before).
constexpr std::int64_t kRestRowSettleMs = 1000;
// A connection that failed this often before any ack counts as failing for the start judgement.
constexpr std::uint32_t kFailuresToGiveUpStart = 3;  // make-before-break: old and new both up this long

// Whether the adapter gives a trades request (Adapter::trades_request, ABI 6): asked once, for
// the first symbol, at start.
bool adapter_fetches_trades(sdk::Adapter& adapter, const std::vector<sdk::SymbolBinding>& symbols) {
  if (symbols.empty()) return false;
  auto request = adapter.trades_request(symbols.front().symbol, 1, 1);
  return request && request->has_value();
}

// Scope guards for the delivery paths, whose sink may throw: a reused buffer is emptied, and a
// loop's "running" flag lowered so that the next hole starts the loop again.
struct ClearsOnExit {
  std::vector<sdk::Event>& events;
  ~ClearsOnExit() { events.clear(); }
};
struct LowersOnExit {
  bool& flag;
  ~LowersOnExit() { flag = false; }
};

std::int64_t since_ms(Clock::time_point t) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - t).count();
}

}  // namespace

// One connection's state, shared by its reader, its subscription sender and its watchdog.
struct ConnState {
  std::uint64_t id = 0;
  std::size_t shard = 0;
  std::shared_ptr<sdk::Adapter> decoder;  // this connection's own (FeedConfig::new_decoder), or null
  std::shared_ptr<net::WsConnection> ws;
  sdk::ConnectionPlan plan;
  sdk::HeartbeatSpec heartbeat;
  Clock::time_point opened = Clock::now();
  // When the watchdog last saw the frame count move: the read loop only counts (a clock read per
  // frame costs more than the decode on some virtual machines).
  Clock::time_point last_frame = Clock::now();
  std::uint64_t frames = 0;
  std::vector<bool> acked;        // per stream of the shard
  std::vector<bool> frame_acked;  // per subscribe frame: answered (ack, refusal, or no ack expected)
  std::size_t frames_acked = 0;
  bool subscribing_started = false;
  bool done = false;
  bool replacement = false;  // opened to replace the shard's active connection
  bool took_over = false;    // a replacement that became the active connection
  bool replaced = false;     // an active connection a replacement took over from
  Clock::time_point rotation_retry{};
  std::optional<Clock::time_point> ping_outstanding;
  Clock::time_point next_ping = Clock::now();
  std::uint64_t ping_id = 0;
  std::string end_reason;  // set by the watchdog or a control frame before the socket is dropped
  std::uint64_t decode_errors = 0;
  // A refused bootstrap whose venue said when to come back (KuCoin's gw-ratelimit-reset, a
  // Retry-After): the reconnect waits at least this long.
  std::optional<std::int64_t> venue_wait_ms;
};

struct ShardState {
  Shard shard;
  std::vector<sdk::SymbolId> symbol_ids;  // per stream
  std::shared_ptr<ConnState> active;
  std::shared_ptr<ConnState> pending;  // a replacement being opened (make-before-break)
  std::vector<bool> subscribed;   // ever sent
  std::vector<bool> ever_acked;
  std::vector<bool> refused;
  std::uint32_t connections_made = 0;
  std::uint32_t failures_before_first_ack = 0;
  Backoff backoff;
};

struct ExchangeFeed::Impl : std::enable_shared_from_this<ExchangeFeed::Impl> {
  Impl(asio::io_context& io, FeedConfig c, EventSink s)
      : strand(asio::make_strand(io)), cfg(std::move(c)), sink(std::move(s)), manifest(cfg.adapter->manifest()),
        events(kEventCapacity) {}

  asio::strand<asio::io_context::executor_type> strand;
  FeedConfig cfg;
  EventSink sink;
  const sdk::Manifest& manifest;
  std::vector<ShardState> shards;
  std::map<std::string, sdk::SymbolId> symbol_ids;
  std::map<sdk::SymbolId, sdk::UnifiedSymbol> symbols;
  KlineContinuity continuity;
  FeedStats stats;
  bool stopping = false;
  bool refused_plaintext = false;  // the ERROR is logged once; each retry's WARNING repeats why
  std::uint64_t next_request_id = 1;
  std::uint64_t next_connection_id = 1;
  std::map<std::uint64_t, std::shared_ptr<ConnState>> open;
  std::vector<sdk::Event> events;
  std::deque<FillRange> fills;
  bool filling = false;
  FillPatience fill_patience;  // when a failed fill is tried again
  std::map<std::pair<sdk::SymbolId, sdk::Timeframe>, sdk::Kline> open_bars;
  // Venues whose trade ids rise per symbol: trades pass from one connection to the next where
  // they meet (trade_handoff.hpp). Others deliver the active connection's trades only.
  const bool trades_by_id = manifest.trade_ids == sdk::TradeIds::increasing;
  TradeHandoff handoff;
  // And whose adapter fetches trades by id (ABI 6): trades a reconnect missed are fetched.
  const bool fetches_trades = trades_by_id && adapter_fetches_trades(*cfg.adapter, cfg.symbols);
  TradeGaps trade_gaps;
  std::deque<TradeRange> trade_fetches;
  bool fetching_trades = false;
  std::vector<sdk::Event> gap_released;  // what the gap check let through, reused
  QuoteFreshness quotes;
  RestRequests rest{strand, {cfg.exchange, cfg.adapter, cfg.rest_base, cfg.tls,
                             milliseconds(cfg.tuning.connect_timeout_ms), &cfg.clock},
                    stats.rest_failures, stopping};
  using Outcome = RestRequests::Outcome;
  // Venue times more than an hour ahead of the venue clock are dropped (admit_time).
  sdk::FutureHorizon horizon{kMaxVenueLeadMs};
  std::vector<sdk::Event> released;  // what the handoff let through, reused

  // ---- helpers -------------------------------------------------------------------------------
  std::string shard_name(std::size_t i) const {
    return fmt::format("{} connection {}/{}", cfg.exchange, i + 1, shards.size());
  }
  asio::awaitable<void> sleep(milliseconds d) {
    asio::steady_timer timer(strand, d);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  std::int64_t stale_after_ms(const sdk::HeartbeatSpec& hb) const {
    return cfg.tuning.stale_after_ms > 0 ? cfg.tuning.stale_after_ms : static_cast<std::int64_t>(hb.silence_ms);
  }
  std::int64_t rotate_after_ms(const sdk::HeartbeatSpec& hb) const {
    return cfg.tuning.rotate_after_ms > 0 ? cfg.tuning.rotate_after_ms : static_cast<std::int64_t>(hb.rotate_after_ms);
  }
  milliseconds send_spacing() const {
    // Pings and subscribe frames share the venue's per-connection budget; keep to 80% of it.
    const auto per_10s = std::max<std::uint32_t>(1, manifest.limits.client_messages_per_10s);
    return milliseconds(std::max<std::int64_t>(1, 12500 / per_10s));
  }

  void start() {
    for (const auto& b : cfg.symbols) {
      symbol_ids[b.symbol.to_string()] = b.id;
      symbols[b.id] = b.symbol;
    }
    auto group_of = [this](const sdk::StreamKey& k) { return cfg.adapter->stream_group(k); };
    std::uint64_t seed = std::hash<std::string>{}(cfg.exchange) ^ static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
    for (auto& shard : shard_streams(cfg.streams, group_of, manifest.limits)) {
      ShardState st{std::move(shard), {}, nullptr, nullptr, {}, {}, {}, 0, 0,
                    Backoff(milliseconds(cfg.tuning.reconnect_initial_ms), milliseconds(cfg.tuning.reconnect_max_ms), seed++)};
      for (const auto& k : st.shard.streams) st.symbol_ids.push_back(symbol_ids[k.symbol.to_string()]);
      const auto n = st.shard.streams.size();
      st.subscribed.assign(n, false);
      st.ever_acked.assign(n, false);
      st.refused.assign(n, false);
      shards.push_back(std::move(st));
    }
    stats.streams_planned = static_cast<std::uint32_t>(cfg.streams.size());
    stats.connections_planned = static_cast<std::uint32_t>(shards.size());
    auto self = shared_from_this();
    for (std::size_t i = 0; i < shards.size(); ++i) {
      spawn(connection_main(self, i, false), "a connection of " + shard_name(i));
    }
    if (manifest.kline_close == sdk::KlineClose::next_open) spawn(close_ended_bars(self), "closing ended bars");
  }

  void stop() {
    asio::dispatch(strand, [self = shared_from_this()] {
      self->stopping = true;
      for (auto& [id, conn] : self->open) {
        conn->done = true;
        conn->ws->abort();
      }
    });
  }

  // ---- one connection's life, then the reconnect decision ------------------------------------
  static asio::awaitable<void> connection_main(std::shared_ptr<Impl> self, std::size_t shard_index, bool replacement) {
    auto conn = std::make_shared<ConnState>();
    conn->id = self->next_connection_id++;
    conn->shard = shard_index;
    conn->replacement = replacement;
    ShardState& sh = self->shards[shard_index];
    if (replacement) sh.pending = conn;
    ++sh.connections_made;

    const std::string reason = co_await self->run_connection(conn);
    self->open.erase(conn->id);
    self->on_connection_end(*conn);
    if (sh.pending == conn) sh.pending = nullptr;
    if (self->stopping || conn->replaced) co_return;  // replaced: the shard is served
    if (replacement && !conn->took_over) {
      // A throttled token request is not asked again before the venue said.
      if (conn->venue_wait_ms && sh.active) {
        sh.active->rotation_retry = std::max(sh.active->rotation_retry,
                                             Clock::now() + milliseconds(*conn->venue_wait_ms));
      }
      log::warn("ws_rotation_failed",
                fmt::format("{}: the replacement connection failed before it was ready ({}); the current "
                            "connection stays and the replacement is retried",
                            self->shard_name(shard_index), reason),
                {{"exchange", self->cfg.exchange}});
      co_return;
    }
    if (sh.active == conn) {
      sh.active = nullptr;
      // A replacement still subscribing is now the only one carrying the shard's trades.
      if (sh.pending) self->handoff.promote(sh.pending->id);
      // Unfinished bars seen on this connection are stale now; the fill brings the final ones.
      for (std::size_t i = 0; i < sh.shard.streams.size(); ++i) {
        self->open_bars.erase({sh.symbol_ids[i], sh.shard.streams[i].timeframe});
      }
    }
    if (self->shard_served(sh)) co_return;  // a replacement took over meanwhile
    // The shard's connection is gone: reconnect after a jittered, growing delay.
    ++self->stats.reconnects;
    self->stats.last_failure = reason;
    if (std::find(sh.ever_acked.begin(), sh.ever_acked.end(), true) == sh.ever_acked.end()) {
      ++sh.failures_before_first_ack;
    }
    if (conn->frames_acked > 0 && since_ms(conn->opened) >= self->cfg.tuning.healthy_after_ms) sh.backoff.reset();
    milliseconds delay = sh.backoff.next();
    // Coming back before a throttled venue said to only extends the ban (venue_wait_ms is
    // already capped at kMaxVenueReconnectWaitMs, and says so in the log).
    const bool venue_asked = conn->venue_wait_ms && *conn->venue_wait_ms > delay.count();
    if (venue_asked) delay = milliseconds(*conn->venue_wait_ms);
    log::warn("ws_reconnecting",
              fmt::format("{} ({} streams) ended: {}. Reconnecting in {} ms{} (attempt {}); missed klines will be "
                          "fetched over REST",
                          self->shard_name(shard_index), sh.shard.streams.size(), reason, delay.count(),
                          venue_asked ? " (as the venue asks)" : "", sh.backoff.attempts()),
              {{"exchange", self->cfg.exchange}, {"delay_ms", std::to_string(delay.count())}});
    co_await self->sleep(delay);
    if (self->stopping || self->shard_served(sh)) co_return;
    self->spawn(connection_main(self, shard_index, false), "a connection of " + self->shard_name(shard_index));
  }

  static bool shard_served(const ShardState& sh) { return sh.active && !sh.active->done; }

  // Runs a coroutine on the strand; an exception escaping it is logged (never silently lost).
  void spawn(asio::awaitable<void> work, std::string what) {
    asio::co_spawn(strand, std::move(work), [exchange = cfg.exchange, what = std::move(what)](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        log::error("feed_internal_error", fmt::format("{}: {} stopped on an internal error: {}. Fix: restart "
                                                      "tradehost and report this with the log",
                                                      exchange, what, ex.what()),
                   {{"exchange", exchange}});
      } catch (...) {
        log::error("feed_internal_error", fmt::format("{}: {} stopped on an unknown internal error", exchange, what),
                   {{"exchange", exchange}});
      }
    });
  }

  asio::awaitable<std::string> run_connection(std::shared_ptr<ConnState> conn) {
    ShardState& sh = shards[conn->shard];
    if (cfg.new_decoder) {
      auto made = cfg.new_decoder();
      if (!made) co_return "could not make this connection's decoder: " + made.error().message;
      if (auto bound = (*made)->bind_symbols(cfg.symbols); !bound) {
        co_return "this connection's decoder refused the symbols: " + bound.error().message;
      }
      conn->decoder = std::move(*made);
    }
    std::string ws_base = cfg.ws_base.full();
    conn->heartbeat = cfg.adapter->heartbeat();

    auto boot = cfg.adapter->bootstrap_request();
    if (!boot) co_return "the adapter could not build its bootstrap request: " + boot.error().message;
    if (*boot) {
      auto res = co_await net::http_fetch(strand, cfg.rest_base, **boot, cfg.tls, milliseconds(cfg.tuning.connect_timeout_ms));
      if (!res) co_return "bootstrap request failed: " + res.error().message;
      std::vector<sdk::HttpHeader> header_views;
      auto parsed = cfg.adapter->parse_bootstrap(res->view(header_views));
      if (!parsed) {
        conn->venue_wait_ms = rest.venue_wait_ms(*res, kMaxVenueReconnectWaitMs);
        if (conn->venue_wait_ms && *conn->venue_wait_ms == kMaxVenueReconnectWaitMs) {
          log::warn("venue_wait_capped",
                    fmt::format("{}: the venue asks us to wait longer than {} s before its next token request; "
                                "waiting {} s. If this repeats, the venue may have banned this address: check "
                                "its status page and your request rate",
                                shard_name(conn->shard), kMaxVenueReconnectWaitMs / 1000,
                                kMaxVenueReconnectWaitMs / 1000),
                    {{"exchange", cfg.exchange}});
        }
        co_return fmt::format("bootstrap answer refused (HTTP {}): {}", res->status, parsed.error().message);
      }
      ws_base = parsed->ws_url;
      conn->heartbeat = parsed->heartbeat;
    }
    const std::uint64_t first_id = next_request_id;
    auto plan = cfg.adapter->connection_plan(ws_base, sh.shard.group, sh.shard.streams, first_id);
    if (!plan) co_return "the adapter could not plan the connection: " + plan.error().message;
    next_request_id += plan->frames.size() + 1;
    conn->plan = std::move(*plan);
    auto url = net::parse_endpoint(conn->plan.url, net::Endpoint::websocket);
    if (!url) co_return url.error().message;
    if (cfg.live && url->plaintext_off_loopback()) {
      const std::string from = *boot ? "handed out by the venue's bootstrap answer" : "configured";
      if (!refused_plaintext) {
        refused_plaintext = true;
        log::error("endpoint_plaintext_live",
                   fmt::format("{}: live mode refuses the unencrypted WebSocket endpoint '{}' ({}); not connecting. "
                               "Fix: check that the REST endpoint is the venue's own, or run with --paper",
                               shard_name(conn->shard), url->to_string(), from),
                   {{"exchange", cfg.exchange}, {"url", url->to_string()}});
      }
      co_return fmt::format("live mode refuses the unencrypted endpoint '{}' ({})", url->to_string(), from);
    }

    auto ws = co_await net::WsConnection::open(strand, *url, cfg.tls, milliseconds(cfg.tuning.connect_timeout_ms));
    if (!ws) co_return ws.error().message;
    conn->ws = std::shared_ptr<net::WsConnection>(std::move(*ws));
    conn->acked.assign(sh.shard.streams.size(), false);
    conn->frame_acked.assign(conn->plan.frames.size(), false);
    conn->opened = conn->last_frame = Clock::now();
    open[conn->id] = conn;
    if (stopping) co_return "stopping";
    if (!conn->replacement) {
      if (shard_served(sh)) co_return "another connection serves this shard";
      sh.active = conn;
      handoff.promote(conn->id);
      if (sh.connections_made > 1) fill_after_reconnect(sh);
    }
    log::debug("ws_connected", fmt::format("{} connected to {}", shard_name(conn->shard), url->to_string()));

    spawn(watchdog(shared_from_this(), conn), "the watchdog of " + shard_name(conn->shard));
    if (!conn->plan.wait_for_welcome) start_subscribing(conn);

    for (;;) {
      auto frame = co_await conn->ws->read();
      if (!frame) {
        conn->done = true;
        co_return conn->end_reason.empty() ? frame.error().message : conn->end_reason;
      }
      ++conn->frames;
      on_frame(*conn, *frame);
      if (!conn->end_reason.empty()) {
        conn->done = true;
        conn->ws->abort();
        co_return conn->end_reason;
      }
    }
  }

  void start_subscribing(const std::shared_ptr<ConnState>& conn) {
    if (conn->subscribing_started) return;
    conn->subscribing_started = true;
    spawn(send_subscriptions(shared_from_this(), conn), "the subscriptions of " + shard_name(conn->shard));
  }

  static asio::awaitable<void> send_subscriptions(std::shared_ptr<Impl> self, std::shared_ptr<ConnState> conn) {
    ShardState& sh = self->shards[conn->shard];
    const auto& plan = conn->plan;
    for (std::size_t f = 0; f < plan.frames.size(); ++f) {
      if (conn->done || self->stopping) co_return;
      conn->ws->send(plan.frames[f]);
      const bool acknowledged = f < plan.request_ids.size() && plan.request_ids[f] != 0;
      if (f < plan.frame_streams.size()) {
        for (std::uint32_t i : plan.frame_streams[f]) {
          if (i >= sh.subscribed.size()) continue;
          if (!sh.subscribed[i]) ++self->stats.streams_subscribed;
          sh.subscribed[i] = true;
          if (!acknowledged) self->mark_acked(*conn, i);
        }
      }
      if (!acknowledged) self->frame_answered(*conn, f);
      if (f + 1 < plan.frames.size()) co_await self->sleep(self->send_spacing());
    }
  }

  // A subscribe frame was answered; once every frame is, the connection is subscribed.
  void frame_answered(ConnState& conn, std::size_t frame) {
    if (frame >= conn.frame_acked.size() || conn.frame_acked[frame]) return;
    conn.frame_acked[frame] = true;
    if (++conn.frames_acked == conn.plan.frames.size()) on_all_acked(conn);
  }

  void mark_acked(ConnState& conn, std::uint32_t i) {
    ShardState& sh = shards[conn.shard];
    if (i >= conn.acked.size()) return;
    conn.acked[i] = true;
    if (!sh.ever_acked[i]) ++stats.streams_acknowledged;
    sh.ever_acked[i] = true;
  }

  // ---- heartbeats, silence, rotation --------------------------------------------------------
  static asio::awaitable<void> watchdog(std::shared_ptr<Impl> self, std::shared_ptr<ConnState> conn) {
    const sdk::HeartbeatSpec hb = conn->heartbeat;
    const std::int64_t silence = self->stale_after_ms(hb);
    const std::int64_t rotate = self->rotate_after_ms(hb);
    conn->next_ping = Clock::now() + milliseconds(hb.interval_ms);
    std::uint64_t control_frames = 0;
    std::uint64_t frames_seen = 0;
    while (!conn->done && !self->stopping) {
      co_await self->sleep(kTick);
      if (conn->done || self->stopping) break;
      const auto now = Clock::now();
      // Protocol pings are answered inside the WebSocket layer; they still show the link is up.
      if (conn->ws->control_frames() != control_frames || conn->frames != frames_seen) {
        control_frames = conn->ws->control_frames();
        frames_seen = conn->frames;
        conn->last_frame = now;
      }
      if (silence > 0 && since_ms(conn->last_frame) > silence) {
        ++self->stats.stale_reconnects;
        conn->end_reason = fmt::format("stale: no frame for {} ms (the venue is expected to send something at least "
                                       "every {} ms)",
                                       since_ms(conn->last_frame), silence);
        conn->ws->abort();
        break;
      }
      if (hb.mode == sdk::HeartbeatSpec::Mode::client_text_ping && hb.interval_ms > 0) {
        if (conn->ping_outstanding && hb.timeout_ms > 0 && since_ms(*conn->ping_outstanding) > hb.timeout_ms) {
          ++self->stats.stale_reconnects;
          conn->end_reason = fmt::format("no pong within {} ms of our ping", hb.timeout_ms);
          conn->ws->abort();
          break;
        }
        if (now >= conn->next_ping) {
          auto ping = self->cfg.adapter->ping_frame(++conn->ping_id);
          if (ping) {
            conn->ws->send(std::move(*ping));
            if (!conn->ping_outstanding) conn->ping_outstanding = now;
          }
          conn->next_ping = now + milliseconds(hb.interval_ms);
        }
      }
      ShardState& sh = self->shards[conn->shard];
      if (rotate > 0 && sh.active == conn && !sh.pending && since_ms(conn->opened) >= rotate &&
          now >= conn->rotation_retry) {
        // A failed replacement is retried soon: the venue's cut does not wait.
        conn->rotation_retry = now + milliseconds(std::clamp<std::int64_t>(rotate / 10, 1000, 30000));
        log::info("ws_rotating",
                  fmt::format("{} has been up {} s: opening its replacement before the venue's scheduled cut "
                              "(make-before-break)",
                              self->shard_name(conn->shard), since_ms(conn->opened) / 1000),
                  {{"exchange", self->cfg.exchange}});
        self->spawn(connection_main(self, conn->shard, true), "the replacement of " + self->shard_name(conn->shard));
      }
    }
  }

  // The replacement is subscribed and receiving: it takes over; the old one closes shortly after.
  void take_over(const std::shared_ptr<ConnState>& conn) {
    ShardState& sh = shards[conn->shard];
    std::shared_ptr<ConnState> old = sh.active;
    sh.active = conn;
    handoff.promote(conn->id);
    if (sh.pending == conn) sh.pending = nullptr;
    conn->took_over = true;
    if (old) old->replaced = true;
    ++stats.rotations;
    log::info("ws_rotated",
              fmt::format("{}: the replacement is subscribed and receiving; the old connection closes in {} ms",
                          shard_name(conn->shard), kOverlapGrace.count()),
              {{"exchange", cfg.exchange}});
    if (!old) return;
    spawn(close_replaced(shared_from_this(), old), "closing a replaced connection");
  }

  static asio::awaitable<void> close_replaced(std::shared_ptr<Impl> self, std::shared_ptr<ConnState> old) {
    co_await self->sleep(kOverlapGrace);
    old->done = true;
    old->end_reason = "replaced";
    if (old->ws) old->ws->abort();
  }

  // ---- frames ---------------------------------------------------------------------------------
  void on_frame(ConnState& conn, const net::ReceivedFrame& frame) {
    ++stats.frames;
    sdk::EventBuffer buffer(events.data(), events.size());
    sdk::Adapter& decoder = conn.decoder ? *conn.decoder : *cfg.adapter;
    const sdk::DecodeResult r = decoder.decode(sdk::FrameView{frame.data, frame.size, frame.binary}, buffer);
    switch (r.status) {
      case sdk::DecodeStatus::events: deliver(conn, buffer, VenueClock::real_now_us()); break;
      case sdk::DecodeStatus::control: on_control(conn, r); break;
      case sdk::DecodeStatus::error:
        ++stats.decode_errors;
        if (++conn.decode_errors <= 3 || conn.decode_errors % 1000 == 0) {
          log::warn("decode_error",
                    fmt::format("{}: a frame could not be decoded ({}); it was skipped ({} so far on this connection)",
                                shard_name(conn.shard), r.detail, conn.decode_errors),
                    {{"exchange", cfg.exchange}});
        }
        break;
    }
  }

  void on_control(ConnState& conn, const sdk::DecodeResult& r) {
    ShardState& sh = shards[conn.shard];
    switch (r.control) {
      case sdk::ControlKind::ack:
      case sdk::ControlKind::subscribe_error: {
        const auto& ids = conn.plan.request_ids;
        const auto it = std::find(ids.begin(), ids.end(), r.request_id);
        if (it == ids.end()) return;
        const auto f = static_cast<std::size_t>(it - ids.begin());
        if (f < conn.frame_acked.size() && conn.frame_acked[f]) return;  // answered twice: count once
        const std::vector<std::uint32_t> none;
        const auto& covered = f < conn.plan.frame_streams.size() ? conn.plan.frame_streams[f] : none;
        if (r.control == sdk::ControlKind::ack) {
          for (std::uint32_t i : covered) mark_acked(conn, i);
        } else {
          std::vector<std::string> names;
          for (std::uint32_t i : covered) {
            if (i >= sh.refused.size()) continue;
            if (!sh.refused[i]) ++stats.streams_refused;
            sh.refused[i] = true;
            names.push_back(sh.shard.streams[i].to_string());
          }
          log::error("subscribe_refused",
                     fmt::format("{} refused the subscription to {}: {} (code {}). Fix: check the symbols are listed "
                                 "on {} and the timeframe is supported (tradehost plugins)",
                                 cfg.exchange, fmt::join(names, ", "), r.detail, r.error_code, cfg.exchange),
                     {{"exchange", cfg.exchange}});
        }
        frame_answered(conn, f);
        return;
      }
      case sdk::ControlKind::ping: {
        auto reply = cfg.adapter->ping_reply();
        if (reply) conn.ws->send(std::move(*reply));
        return;
      }
      case sdk::ControlKind::pong: conn.ping_outstanding.reset(); return;
      case sdk::ControlKind::welcome: {
        auto it = open.find(conn.id);
        if (it != open.end()) start_subscribing(it->second);
        return;
      }
      case sdk::ControlKind::token_expired:
        conn.end_reason = fmt::format("the venue says the connection's token expired ({}); reconnecting with a new one",
                                      r.detail);
        return;
      case sdk::ControlKind::server_error:
        log::warn("venue_error", fmt::format("{}: the venue reported an error: {} (code {})", shard_name(conn.shard),
                                             r.detail, r.error_code),
                  {{"exchange", cfg.exchange}});
        return;
      case sdk::ControlKind::none:
      case sdk::ControlKind::other: return;
    }
  }

  void on_all_acked(ConnState& conn) {
    ShardState& sh = shards[conn.shard];
    const auto acked = static_cast<std::size_t>(std::count(conn.acked.begin(), conn.acked.end(), true));
    log::info("ws_subscribed",
              fmt::format("{}: {}/{} streams acknowledged{}", shard_name(conn.shard), acked, sh.shard.streams.size(),
                          conn.replacement ? " (replacement)" : ""),
              {{"exchange", cfg.exchange}});
    if (conn.replacement && !conn.took_over && !conn.done) {
      // Subscribed (every ack is a frame received): the replacement takes over.
      auto it = open.find(conn.id);
      if (it != open.end()) take_over(it->second);
    }
  }

  // Back after an outage: fetch the bars that ended meanwhile, and hold live closed bars until
  // they are in. Called as soon as the connection is open, before any frame. (The connection's
  // own adapter starts with no open bar, so on next_open venues it closes nothing on the state
  // of before the outage; were a bar closed live anyway, the fetched one comes first and the
  // live one is dropped as a repeat.)
  void fill_after_reconnect(const ShardState& sh) {
    for (std::size_t i = 0; i < sh.shard.streams.size(); ++i) {
      const auto& key = sh.shard.streams[i];
      if (key.kind != sdk::EventKind::kline) continue;
      if (auto range = continuity.on_resubscribed(sh.symbol_ids[i], key.timeframe, cfg.clock.now_ms())) enqueue_fill(*range);
    }
  }

  void deliver(ConnState& conn, const sdk::EventBuffer& buffer, std::int64_t real_us) {
    ShardState& sh = shards[conn.shard];
    const bool now_active = sh.active.get() == &conn;
    for (const sdk::Event& ev : buffer) {
      ++stats.events;
      if (!admit_time(conn, ev)) continue;
      switch (ev.kind) {
        case sdk::EventKind::kline:
          if (ev.kline.closed) {
            record_lag(sdk::next_open_ms(ev.kline.timeframe, ev.kline.open_time_ms), real_us);
            on_closed(ev.kline);
          } else if (now_active) {
            if (manifest.kline_close == sdk::KlineClose::next_open) open_bars[{ev.kline.symbol, ev.kline.timeframe}] = ev.kline;
            if (bar_never_closed_before(conn, ev.kline)) {
              if (auto range = continuity.on_open_bar(ev.kline.symbol, ev.kline.timeframe, ev.kline.open_time_ms)) {
                enqueue_fill(*range);
              }
            }
            sink(cfg.exchange, ev);
          }
          break;
        case sdk::EventKind::trade:
          if (trades_by_id) {
            if (handoff.on_trade(conn.id, ev, released)) warn_unmatched(ev.trade.symbol, "held too many of them");
            deliver_trades(real_us);
          } else if (now_active) {
            deliver_trade(ev, real_us);
          }
          break;
        case sdk::EventKind::book_ticker:
          // From any connection, newest first: a replacement ahead of the old one shows its
          // quotes at once, one behind shows none older than what was shown (quote_freshness.hpp).
          if (!quotes.admit(ev.book_ticker, conn.id, now_active)) break;
          ++stats.book_tickers;
          record_lag(ev.book_ticker.time_ms, real_us);
          sink(cfg.exchange, ev);
          break;
      }
    }
  }

  // The host's own check of an adapter's times, whatever the adapter checked: a bar stamped in
  // 2099 would make every real bar after it look like a repeat to the kline continuity, and a
  // time near INT64_MAX would overflow the next bar's open and the lag. Counted as a decode error.
  bool admit_time(ConnState& conn, const sdk::Event& ev) {
    const std::int64_t time_ms = sdk::event_time_ms(ev);
    const bool id_ok = ev.kind != sdk::EventKind::trade || (ev.trade.trade_id >= 0 && ev.trade.trade_id <= sdk::kMaxTradeId);
    if (id_ok && sdk::plausible_time_ms(time_ms) && horizon.admits(time_ms, [this] { return cfg.clock.now_ms(); })) {
      return true;
    }
    ++stats.decode_errors;
    if (++conn.decode_errors <= 3 || conn.decode_errors % 1000 == 0) {
      log::warn("implausible_event",
                fmt::format("{}: an event stamped {} ms{} was dropped: venue times must be after 1970, before 2100 "
                            "and at most an hour ahead of the venue clock ({} so far on this connection). If every "
                            "event is dropped, check this machine's clock (timedatectl)",
                            shard_name(conn.shard), time_ms, id_ok ? "" : " with a trade id out of range",
                            conn.decode_errors),
                {{"exchange", cfg.exchange}});
    }
    return false;
  }

  // `real_us`: when it was received, for the lag; 0 for trades fetched or held back, whose lag
  // would say how long the hole took to fill, not how late the venue's data came.
  void deliver_trade(const sdk::Event& ev, std::int64_t real_us) {
    ++stats.trades;
    if (real_us != 0) record_lag(ev.trade.time_ms, real_us);
    sink(cfg.exchange, ev);
  }

  void deliver_trades(std::int64_t real_us) {
    const ClearsOnExit clear_after{released};  // also when the sink throws: nothing carried over
    if (!fetches_trades) {
      for (const sdk::Event& ev : released) deliver_trade(ev, real_us);
      return;
    }
    // Trades the handoff let through pass the gap check: one after a hole is held while the
    // missed ones are fetched. The fetches are queued before anything is delivered, so that a
    // sink that throws cannot leave a symbol held with no fetch to end it.
    std::vector<TradeRange> ranges;
    const std::uint64_t unfilled_before = trade_gaps.counters().gaps_unfilled;
    for (const sdk::Event& ev : released) trade_gaps.on_trade(ev, gap_released, ranges);
    for (const TradeRange& range : ranges) enqueue_trade_fetch(range);
    if (trade_gaps.counters().gaps_unfilled > unfilled_before) {
      log::warn("trade_gap_unfilled",
                fmt::format("{}: {} trades were held waiting for missed ones that REST did not bring in time; they "
                            "go on after the hole (counted in the report)",
                            cfg.exchange, TradeGaps::kDefaultMaxHeld),
                {{"exchange", cfg.exchange}});
    }
    deliver_gap_released(real_us);
  }

  // `real_us` 0: fetched or held trades (no lag recorded).
  void deliver_gap_released(std::int64_t real_us) {
    const ClearsOnExit clear_after{gap_released};
    for (const sdk::Event& ev : gap_released) deliver_trade(ev, real_us);
  }

  // The connection is gone: symbols whose trades it carried pass on (trade_handoff.hpp). Not
  // when stopping: every connection ends then, and nothing is delivered after stop.
  void on_connection_end(const ConnState& conn) {
    if (!trades_by_id || stopping) return;
    std::vector<sdk::SymbolId> unmatched;
    handoff.on_connection_end(conn.id, released, unmatched);
    for (const sdk::SymbolId symbol : unmatched) warn_unmatched(symbol, "its connection ended first");
    deliver_trades(VenueClock::real_now_us());
  }

  void warn_unmatched(sdk::SymbolId symbol, std::string_view why) {
    log::warn("trade_handoff_unmatched",
              fmt::format("{} {}: trades passed to the newer connection before the two met ({}); trades between "
                          "them {}. If this repeats, the old connection is lagging: check the network path to the "
                          "venue",
                          cfg.exchange, symbols[symbol].to_string(), why,
                          fetches_trades ? "are fetched over REST" : "may be missing"),
              {{"exchange", cfg.exchange}});
  }

  // A connection that joined after a bar's last update never closes that bar. Fetched as soon as
  // a later bar is live on the serving connection, not a whole bar later when that one closes;
  // but only once no other connection of the shard may still close it live (the old one of a
  // make-before-break switch, a little behind), and a second into the later bar, so that the
  // venue's REST row of the bar is final.
  bool bar_never_closed_before(const ConnState& conn, const sdk::Kline& open_bar) {
    if (!continuity.missing_before(open_bar.symbol, open_bar.timeframe, open_bar.open_time_ms)) return false;
    for (const auto& [id, other] : open) {
      if (id != conn.id && other->shard == conn.shard) return false;
    }
    return cfg.clock.now_ms() >= open_bar.open_time_ms + kRestRowSettleMs;
  }

  void record_lag(std::int64_t venue_ms, std::int64_t real_us) {
    if (venue_ms <= 0) return;
    const std::int64_t lag = cfg.clock.lag_us(venue_ms, real_us);
    stats.lag_interval.add(lag);
    stats.lag_total.add(lag);
  }

  void on_closed(const sdk::Kline& k) {
    auto open_bar = open_bars.find({k.symbol, k.timeframe});
    if (open_bar != open_bars.end() && open_bar->second.open_time_ms <= k.open_time_ms) open_bars.erase(open_bar);
    const auto outcome = continuity.on_live(k);
    if (outcome.action == KlineContinuity::Action::deliver) emit_closed(k);
    if (outcome.fill) {
      log::warn("kline_gap",
                fmt::format("{} {} {}: bars from {} to {} are missing; fetching them over REST before live bars resume",
                            cfg.exchange, symbols[k.symbol].to_string(), sdk::to_string(k.timeframe),
                            outcome.fill->first_open_ms, outcome.fill->last_open_ms),
                {{"exchange", cfg.exchange}});
      enqueue_fill(*outcome.fill);
    }
  }

  void emit_closed(const sdk::Kline& k) {
    ++stats.closed_klines;
    sdk::Event ev{};
    ev.kind = sdk::EventKind::kline;
    ev.kline = k;
    sink(cfg.exchange, ev);
  }

  // Venues that only close a bar when the next one opens: close it when its end has passed on
  // the venue clock and no successor came (a quiet market).
  static asio::awaitable<void> close_ended_bars(std::shared_ptr<Impl> self) {
    while (!self->stopping) {
      co_await self->sleep(milliseconds(1000));
      const std::int64_t now = self->cfg.clock.now_ms();
      const std::int64_t grace = self->cfg.clock.venue_span_ms(kOpenBarGraceRealMs);
      for (auto it = self->open_bars.begin(); it != self->open_bars.end();) {
        if (sdk::next_open_ms(it->second.timeframe, it->second.open_time_ms) + grace <= now) {
          sdk::Kline closed = it->second;
          closed.closed = true;
          it = self->open_bars.erase(it);
          self->on_closed(closed);
        } else {
          ++it;
        }
      }
    }
  }

  // ---- REST fills -----------------------------------------------------------------------------
  void enqueue_fill(const FillRange& range) {
    fills.push_back(range);
    if (filling) return;
    filling = true;
    spawn(fill_loop(shared_from_this()), "the REST kline fills");
  }

  static asio::awaitable<void> fill_loop(std::shared_ptr<Impl> self) {
    const LowersOnExit ends_filling{self->filling};  // also when the sink throws (logged by spawn)
    std::optional<ContinuityCounters> fill_start;  // counters before the first leg of this fill
    while (!self->fills.empty() && !self->stopping) {
      const FillRange range = self->fills.front();
      self->fills.pop_front();
      const std::string stream = fmt::format("{} {} {}", self->cfg.exchange, self->symbols[range.symbol].to_string(),
                                             sdk::to_string(range.timeframe));
      std::vector<sdk::Kline> bars;
      const Outcome fetched = co_await self->rest.klines(range, self->symbols[range.symbol], bars);
      if (self->stopping) break;
      if (fetched == Outcome::fetched) {
        self->fill_patience.on_success();
      } else if (fetched == Outcome::failed_for_now) {
        const auto now_ms = std::chrono::duration_cast<milliseconds>(Clock::now().time_since_epoch()).count();
        if (const std::optional<std::int64_t> wait = self->fill_patience.on_failure(now_ms)) {
          log::warn("kline_fill_retry",
                    fmt::format("{}: the REST kline fill failed; trying again in {} s, the bars after the hole held "
                                "until it succeeds (no new try once REST has failed for {} s)",
                                stream, *wait / 1000, self->fill_patience.limits().patience_ms / 1000),
                    {{"exchange", self->cfg.exchange}});
          self->fills.push_front(range);
          co_await self->sleep(milliseconds(*wait));
          continue;
        }
      }
      if (!fill_start) fill_start = self->continuity.counters();
      std::optional<FillRange> follow_up;
      for (const sdk::Kline& k :
           self->continuity.complete_fill(range, bars, fetched == Outcome::fetched, &follow_up)) {
        self->emit_closed(k);
      }
      if (follow_up) {  // the next leg of the same fill, first in line, at the usual spacing
        self->fills.push_front(*follow_up);
        co_await self->sleep(kRestSpacing);
        continue;
      }
      const ContinuityCounters before = *fill_start;
      fill_start.reset();
      const auto& after = self->continuity.counters();
      if (after.gaps_unfilled > before.gaps_unfilled) {
        log::warn("kline_gap_unfilled",
                  fmt::format("{}: the missing bars could not all be fetched over REST; the stream continues with a "
                              "hole (counted in the report)",
                              stream),
                  {{"exchange", self->cfg.exchange}});
      } else if (after.klines_backfilled > before.klines_backfilled) {
        log::info("kline_gap_filled",
                  fmt::format("{}: {} missing bars fetched over REST and delivered in order", stream,
                              after.klines_backfilled - before.klines_backfilled),
                  {{"exchange", self->cfg.exchange}});
      }
      co_await self->sleep(kRestSpacing);
    }
  }

  // ---- REST trades (trade_gaps.hpp) ------------------------------------------------------------
  void enqueue_trade_fetch(const TradeRange& range) {
    log::warn("trade_gap",
              fmt::format("{} {}: trades {} to {} ({}) never came over the WebSocket (a reconnect, or a switch "
                          "between connections that did not meet); fetching them over REST, the later trades held "
                          "until they are in",
                          cfg.exchange, symbols[range.symbol].to_string(), range.first_id, range.last_id,
                          range.last_id - range.first_id + 1),
              {{"exchange", cfg.exchange}});
    trade_fetches.push_back(range);
    if (fetching_trades) return;
    fetching_trades = true;
    spawn(trade_fetch_loop(shared_from_this()), "the REST trade fills");
  }

  static asio::awaitable<void> trade_fetch_loop(std::shared_ptr<Impl> self) {
    const LowersOnExit ends_fetching{self->fetching_trades};  // also when the sink throws
    while (!self->trade_fetches.empty() && !self->stopping) {
      const TradeRange range = self->trade_fetches.front();
      self->trade_fetches.pop_front();
      if (!self->trade_gaps.awaiting(range)) continue;  // given up meanwhile (too many held)
      std::vector<sdk::Trade> fetched;
      const Outcome outcome = co_await self->rest.trades(range, self->symbols[range.symbol], fetched);
      if (self->stopping) break;
      const TradeGapCounters before = self->trade_gaps.counters();
      std::vector<TradeRange> more;
      self->trade_gaps.complete(range, fetched, outcome == Outcome::fetched, self->gap_released, more);
      const TradeGapCounters& after = self->trade_gaps.counters();
      const std::string stream = fmt::format("{} {}", self->cfg.exchange, self->symbols[range.symbol].to_string());
      if (after.gaps_unfilled > before.gaps_unfilled) {
        log::warn("trade_gap_unfilled",
                  fmt::format("{}: {} of the {} missed trades could not be fetched over REST; the held trades go on "
                              "after the hole (counted in the report)",
                              stream, after.trades_missed - before.trades_missed, range.last_id - range.first_id + 1),
                  {{"exchange", self->cfg.exchange}});
      } else if (after.gaps_filled > before.gaps_filled) {
        log::info("trade_gap_filled",
                  fmt::format("{}: {} missed trades fetched over REST and delivered in order", stream,
                              after.trades_backfilled - before.trades_backfilled),
                  {{"exchange", self->cfg.exchange}});
      }
      for (const TradeRange& r : more) self->enqueue_trade_fetch(r);
      self->deliver_gap_released(0);
      co_await self->sleep(kTradeRestSpacing);
    }
  }

  FeedStats snapshot(bool clear_interval) {
    FeedStats out = stats;
    out.gaps = continuity.counters();
    out.handoff = handoff.counters();
    out.trade_gaps = trade_gaps.counters();
    out.book_tickers_stale_dropped = quotes.stale_dropped();
    out.streams_live = 0;
    out.connections_open = 0;
    for (const auto& sh : shards) {
      if (!sh.active || sh.active->done || !sh.active->ws) continue;
      ++out.connections_open;
      out.streams_live += static_cast<std::uint32_t>(std::count(sh.active->acked.begin(), sh.active->acked.end(), true));
    }
    out.connections_failing = static_cast<std::uint32_t>(std::count_if(shards.begin(), shards.end(), [](const ShardState& sh) {
      return sh.failures_before_first_ack >= kFailuresToGiveUpStart;
    }));
    if (clear_interval) stats.lag_interval.clear();
    return out;
  }
};

ExchangeFeed::ExchangeFeed(asio::io_context& io, FeedConfig config, EventSink sink)
    : impl_(std::make_shared<Impl>(io, std::move(config), std::move(sink))) {}
ExchangeFeed::~ExchangeFeed() = default;
void ExchangeFeed::start() { impl_->start(); }
void ExchangeFeed::stop() { impl_->stop(); }
FeedStats ExchangeFeed::stats(bool clear_interval) { return impl_->snapshot(clear_interval); }
const std::string& ExchangeFeed::exchange() const { return impl_->cfg.exchange; }
std::uint32_t ExchangeFeed::shard_count() const { return static_cast<std::uint32_t>(impl_->shards.size()); }

}  // namespace tradehost::feed
