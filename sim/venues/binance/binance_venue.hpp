// BinanceVenue: Binance USD-M futures as protocols/binance.md describes it, market data side:
// REST time, exchangeInfo and klines; WebSocket on the routed /public, /market and /private
// bases (and the unrouted legacy path that only carries /public-class streams), raw and
// combined access, SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY, server
// pings with a pong deadline, the per-connection stream cap, the incoming-message rate limit and
// the 24 h connection lifetime.
#pragma once

#include <deque>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

#include "venues/binance/binance_trading.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::binance {

class BinanceVenue final : public Venue {
 public:
  explicit BinanceVenue(VenueContext context);
  ~BinanceVenue() override;

  std::string_view name() const override { return "binance"; }
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
  static constexpr std::size_t kAggTradeHistory = 20000;
  HttpResponse agg_trades(const HttpRequest& request) const;
  void push(std::uint64_t key, const std::string& stream, const std::string& payload, int channel);
  void subscribe_index(Connection* c, std::uint64_t key);
  void unsubscribe_index(Connection* c, std::uint64_t key);

  VenueContext ctx_;
  Tuning tuning_;
  std::set<Connection*> connections_;
  std::unordered_map<std::uint64_t, std::vector<Connection*>> subscribers_;
  std::unordered_map<std::uint64_t, std::int64_t> last_pushed_trade_id_;  // per kline key
  // The latest aggregate trades of each symbol, for GET /fapi/v1/aggTrades (ids rise by one).
  std::unordered_map<std::size_t, std::deque<TradeEvent>> trade_history_;
  std::unique_ptr<BinanceTrading> trading_;
};

}  // namespace tradehost::sim::binance
