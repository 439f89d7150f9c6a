#include "coordinator/market_session.hpp"

#include <chrono>
#include <csignal>
#include <fstream>
#include <functional>
#include <map>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include "log/log.hpp"
#include <tradehost/conformance/event_json.hpp>
#include "net/tls_context.hpp"

namespace tradehost::coordinator {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr const char* kNoStreamsFix =
    "Fix: check exchange credentials and symbol configuration (verify the symbols are valid for your exchange, "
    "e.g. TRADING_SYMBOLS=\"BTC/USDT:USDT,ETH/USDT:USDT\"), and that the exchange's WebSocket endpoint is reachable";

std::string ms_text(std::int64_t us) { return fmt::format("{:.1f}", static_cast<double>(us) / 1000.0); }

// The file --events, --trades or --quotes names, open for writing; nullptr when not asked for or not
// writable (said at ERROR: the run goes on, the recording does not).
std::unique_ptr<std::ofstream> open_recording(const std::optional<std::filesystem::path>& path, const char* what) {
  if (!path) return nullptr;
  auto out = std::make_unique<std::ofstream>(*path);
  if (*out) return out;
  log::error("events_file_failed", fmt::format("Cannot write {} to {}. Fix: name a file in a writable directory",
                                               what, path->string()));
  return nullptr;
}

// Calls `tick` every `period` until it returns false or the io_context stops.
class Ticker {
 public:
  Ticker(asio::io_context& io, milliseconds period, std::function<bool()> tick)
      : timer_(io), period_(period), tick_(std::move(tick)) {
    arm();
  }

 private:
  void arm() {
    timer_.expires_after(period_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec && tick_()) arm();
    });
  }
  asio::steady_timer timer_;
  milliseconds period_;
  std::function<bool()> tick_;
};

}  // namespace

std::string status_text(const std::string& exchange, const feed::FeedStats& s, double seconds,
                        std::uint64_t frames_before, bool whole_run) {
  const double rate = seconds > 0 ? static_cast<double>(s.frames - frames_before) / seconds : 0.0;
  const feed::LatencyHistogram& h = whole_run ? s.lag_total : s.lag_interval;
  std::string lag = h.count() == 0 ? std::string("lag n/a")
                                   : fmt::format("lag p50 {} ms p99 {} ms", ms_text(h.quantile(0.5)),
                                                 ms_text(h.quantile(0.99)));
  // Trade gaps only where the venue had one (Binance, after a reconnect): the usual line stays short.
  const std::string trade_gaps =
      s.trade_gaps.gaps_found == 0
          ? std::string()
          : fmt::format(", trade gaps filled {}/{}", s.trade_gaps.gaps_filled, s.trade_gaps.gaps_found);
  return fmt::format("{}: {:.0f} msg/s, streams {}/{} live, {}, reconnects {}, gaps filled {}/{}{}, decode errors {}",
                     exchange, rate, s.streams_live, s.streams_planned, lag, s.reconnects, s.gaps.gaps_filled,
                     s.gaps.gaps_found, trade_gaps, s.decode_errors);
}

SessionResult run_market_session(const std::vector<SessionExchange>& exchanges, const SessionOptions& options) {
  SessionResult result;
  const auto started_at = Clock::now();
  asio::io_context io;
  // Caught from here on, before the TLS store is loaded and the feeds are built (seconds on a
  // loaded machine): a Ctrl-C meanwhile waits in the set and stops the run cleanly below, instead
  // of killing the process with the default action.
  asio::signal_set signals(io, SIGINT, SIGTERM);

  auto tls = net::make_client_tls_context(options.ca_file);
  if (!tls) {
    log::error("tls_unavailable", tls.error().message + ". Fix: check --ca-file names a readable PEM file");
    result.stop_reason = "TLS setup failed";
    for (const auto& ex : exchanges) result.exchanges.push_back({ex.name, ex.streams_wanted, "TLS setup failed", {}});
    return result;
  }

  const auto events_out = open_recording(options.events_path, "closed klines");
  const auto trades_out = open_recording(options.trades_path, "trades");
  const auto quotes_out = open_recording(options.quotes_path, "book tickers");
  std::map<std::string, std::map<sdk::SymbolId, std::string>> symbol_names;
  feed::EventSink sink = [&](const std::string& exchange, const sdk::Event& ev) {
    if (events_out && ev.kind == sdk::EventKind::kline && ev.kline.closed) {
      *events_out << conformance::event_json(ev, exchange, symbol_names[exchange][ev.kline.symbol]) << '\n';
    } else if (trades_out && ev.kind == sdk::EventKind::trade) {
      *trades_out << conformance::event_json(ev, exchange, symbol_names[exchange][ev.trade.symbol]) << '\n';
    } else if (quotes_out && ev.kind == sdk::EventKind::book_ticker) {
      // The decode format, plus the venue's time of the quote (what orders quotes).
      std::string line = conformance::event_json(ev, exchange, symbol_names[exchange][ev.book_ticker.symbol]);
      line.insert(line.size() - 1, fmt::format(R"(,"time_ms":{})", ev.book_ticker.time_ms));
      *quotes_out << line << '\n';
    }
  };

  std::vector<std::unique_ptr<feed::ExchangeFeed>> feeds;
  std::vector<std::size_t> feed_of;  // exchange index -> feed index, or npos
  for (const auto& ex : exchanges) {
    ExchangeResult r{ex.name, ex.streams_wanted, {}, {}};
    feed_of.push_back(std::string::npos);
    auto fail = [&](std::string why) {
      log::error("exchange_not_started", fmt::format("{}: not started: {}", ex.name, why), {{"exchange", ex.name}});
      r.error = std::move(why);
      result.exchanges.push_back(std::move(r));
    };
    if (ex.streams.empty()) {
      fail("no streams planned (cap 0 or no symbols)");
      continue;
    }
    auto ws = net::parse_url(ex.ws_url);
    auto rest = net::parse_url(ex.rest_url);
    if (!ws || !rest) {
      fail((ws ? rest.error() : ws.error()).message);
      continue;
    }
    std::vector<sdk::SymbolBinding> bindings;
    for (const auto& symbol : ex.symbols) {
      const auto id = static_cast<sdk::SymbolId>(bindings.size() + 1);
      bindings.push_back({id, symbol, {}});
      symbol_names[ex.name][id] = symbol.to_string();
    }
    if (auto bound = ex.adapter->bind_symbols(bindings); !bound) {
      fail("the adapter cannot stream the configured symbols: " + bound.error().message);
      continue;
    }
    feed::FeedConfig config{ex.name,   ex.adapter, ex.new_decoder, *ws, *rest, ex.streams, bindings, tls->get(),
                            options.tuning, options.clock};
    config.live = options.live;
    feed_of.back() = feeds.size();
    feeds.push_back(std::make_unique<feed::ExchangeFeed>(io, std::move(config), sink));
    result.exchanges.push_back(std::move(r));
  }

  bool stopped = false;
  auto stop_all = [&](std::string reason) {
    if (stopped) return;
    stopped = true;
    result.stop_reason = std::move(reason);
    // The figures as they stood while running (streams live), before the connections close.
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
      if (feed_of[i] != std::string::npos) result.exchanges[i].stats = feeds[feed_of[i]]->stats();
    }
    for (auto& f : feeds) f->stop();
    // Give the feeds a moment to close, then end the loop whatever is still pending.
    auto grace = std::make_shared<asio::steady_timer>(io, milliseconds(300));
    grace->async_wait([&io, grace](const boost::system::error_code&) { io.stop(); });
  };

  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log::info("stopping", fmt::format("Stopping on {}", signo == SIGINT ? "SIGINT" : "SIGTERM"));
    stop_all(signo == SIGINT ? "SIGINT" : "SIGTERM");
  });
  std::optional<asio::steady_timer> duration_timer;
  if (options.duration_s > 0) {
    duration_timer.emplace(io, std::chrono::seconds(options.duration_s));
    duration_timer->async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      log::info("duration_reached", fmt::format("Duration of {} s reached; stopping", options.duration_s));
      stop_all("duration reached");
    });
  }

  for (auto& f : feeds) f->start();
  if (feeds.empty()) stop_all("no exchange could start");

  // The start is judged once every planned stream was answered, or at the timeout.
  bool judged = false;
  auto judge = [&]() {
    judged = true;
    std::uint32_t acknowledged = 0;
    for (std::size_t i = 0; i < exchanges.size(); ++i) {
      if (feed_of[i] == std::string::npos) continue;
      const auto s = feeds[feed_of[i]]->stats();
      acknowledged += s.streams_acknowledged;
      if (s.streams_acknowledged == 0) {
        log::error("exchange_streams_failed",
                   fmt::format("{}: none of {} streams was acknowledged ({}){}. {}", exchanges[i].name,
                               s.streams_planned,
                               s.connections_failing > 0 ? "every connection attempt failed; the last: " + s.last_failure
                               : stopped                  ? std::string("the run stopped first")
                                                          : fmt::format("waited {} s", options.startup_timeout_ms / 1000),
                               stopped ? "" : "; its connections keep retrying", kNoStreamsFix),
                   {{"exchange", exchanges[i].name}});
      } else {
        log::info("streams_started",
                  fmt::format("{}: {} streams requested, {} subscribed, {} acknowledged on {} connection(s){}",
                              exchanges[i].name, exchanges[i].streams_wanted, s.streams_subscribed,
                              s.streams_acknowledged, s.connections_planned,
                              s.streams_refused > 0 ? fmt::format(" ({} refused by the venue)", s.streams_refused) : ""),
                  {{"exchange", exchanges[i].name},
                   {"requested", std::to_string(exchanges[i].streams_wanted)},
                   {"subscribed", std::to_string(s.streams_subscribed)},
                   {"acknowledged", std::to_string(s.streams_acknowledged)}});
      }
    }
    result.started = acknowledged > 0;
    if (!result.started) {
      log::error("no_streams_started", std::string("No WebSocket streams were started: no venue acknowledged any "
                                                   "subscription. ") + kNoStreamsFix);
      stop_all("no WebSocket streams were started");
    }
  };
  const auto startup_deadline = Clock::now() + milliseconds(options.startup_timeout_ms);
  Ticker startup_check(io, milliseconds(100), [&] {
    if (stopped) return false;
    bool all_answered = true;
    for (auto& f : feeds) {
      const auto s = f->stats();
      // Answered: every stream acknowledged or refused, or every connection failing from the start
      // (a venue that cannot be reached is judged in seconds, not at the timeout).
      const bool failing = s.connections_failing == s.connections_planned && s.streams_acknowledged == 0;
      if (s.streams_acknowledged + s.streams_refused < s.streams_planned && !failing) all_answered = false;
    }
    if (all_answered || Clock::now() >= startup_deadline) {
      judge();
      return false;
    }
    return true;
  });

  std::vector<std::uint64_t> frames_before(feeds.size(), 0);
  auto last_status = Clock::now();
  std::optional<Ticker> status_line;
  if (options.status_interval_s > 0) {
    status_line.emplace(io, std::chrono::seconds(options.status_interval_s), [&] {
      if (stopped) return false;
      const double seconds = std::chrono::duration<double>(Clock::now() - last_status).count();
      last_status = Clock::now();
      for (std::size_t i = 0; i < feeds.size(); ++i) {
        const auto s = feeds[i]->stats(true);
        log::info("status", status_text(feeds[i]->exchange(), s, seconds, frames_before[i], false),
                  {{"exchange", feeds[i]->exchange()}});
        frames_before[i] = s.frames;
      }
      return true;
    });
  }

  if (options.busy_poll) {
    log::info("busy_poll", "The network thread spins between frames (websocket.busy_poll): one core stays busy");
    while (!io.stopped()) io.poll();
  } else {
    io.run();
  }
  if (!judged && !feeds.empty()) judge();
  result.seconds = std::chrono::duration<double>(Clock::now() - started_at).count();
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    if (feed_of[i] == std::string::npos) continue;
    const std::uint32_t live = result.exchanges[i].stats.streams_live;
    result.exchanges[i].stats = feeds[feed_of[i]]->stats();
    result.exchanges[i].stats.streams_live = live;
  }
  return result;
}

}  // namespace tradehost::coordinator
