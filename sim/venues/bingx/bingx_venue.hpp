// BingxVenue: BingX USDT-M perpetual swap as protocols/bingx.md describes it, market-data side:
// REST server time, contract list and klines (v3 and v2) in the {"code","msg","data"} envelope;
// the /swap-market WebSocket with text sub/unsub requests, gzip on every server frame, the
// `Ping`/`Pong` text heartbeat, kline/trade/bookTicker pushes, the per-connection topic cap and
// the subscribe rate limit. The private side (signed REST, listen keys) is BingxTrading; its
// user data events go to /swap-market?listenKey= connections, which are ordinary /swap-market
// connections that also carry the events of their key.
//
// Owned by main(); every call comes from the sim's single I/O thread.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "venues/bingx/bingx_trading.hpp"
#include "venues/bingx/gzip.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::bingx {

class BingxVenue final : public Venue, private UserEventSink {
 public:
  explicit BingxVenue(VenueContext context);
  ~BingxVenue() override;

  std::string_view name() const override { return "bingx"; }
  Tuning& tuning() override { return tuning_; }
  HttpResponse handle(const HttpRequest& request) override;
  std::unique_ptr<WsHandler> upgrade(const HttpRequest& request, HttpResponse& refusal) override;
  void on_trade(const TradeEvent& trade) override;
  void on_book(const BookEvent& book) override;
  void on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& bar) override;
  void flush() override;
  void describe(nlohmann::json& out) const override;
  std::size_t drop_connections() override;
  sdk::Status load_state() override { return trading_->load_state(); }
  HttpResponse rest_failure(int status, std::int64_t retry_after_s) const override;

  class Connection;

 private:
  friend class Connection;
  // What the last kline push of a topic showed; a push is due when the bar differs.
  struct KlineMark {
    std::int64_t open_ms;
    std::int64_t trades;
  };

  HttpResponse klines(const HttpRequest& request) const;
  HttpResponse contract_list(const HttpRequest& request) const;
  // Gzips `text` once and sends it to every subscriber of `key`.
  void push(std::uint64_t key, std::string_view text);
  // `text` gzipped (§4), or nullopt after logging why not.
  std::optional<std::string> gzip(std::string_view text);
  void send_pending_trades(std::size_t symbol);
  void send_user_event(const std::string& listen_key, std::string_view text) override;
  void subscribe_index(Connection* c, std::uint64_t key);
  void unsubscribe_index(Connection* c, std::uint64_t key);

  VenueContext ctx_;
  Tuning tuning_;
  Gzip gzip_;
  std::set<Connection*> connections_;
  std::unordered_map<std::uint64_t, std::vector<Connection*>> subscribers_;
  std::unordered_map<std::uint64_t, KlineMark> kline_marks_;  // per kline topic key
  std::unordered_map<std::size_t, std::vector<TradeEvent>>
      pending_trades_;  // per symbol, this step
  std::unique_ptr<BingxTrading> trading_;
};

}  // namespace tradehost::sim::bingx
