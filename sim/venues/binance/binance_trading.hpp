// BinanceTrading: the private side of the Binance venue (protocols/binance.md §1 listenKey, §7,
// §8, §9): signed order, cancel and query endpoints, open orders, balances and positions,
// listen keys, and the /private user data stream pushing ORDER_TRADE_UPDATE, ACCOUNT_UPDATE and
// listenKeyExpired. Owned by BinanceVenue; runs on the sim's I/O thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "trading/ledger.hpp"
#include "trading/state_store.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::binance {

class BinanceTrading final : public LedgerListener {
 public:
  BinanceTrading(VenueContext& context, Tuning& tuning);
  ~BinanceTrading() override;

  // The answer for a trading path, or nullopt when `request` is not one.
  std::optional<HttpResponse> handle(const HttpRequest& request);
  // `/private/ws?listenKey=`, `/private/stream?listenKey=`: a user data connection.
  std::unique_ptr<WsHandler> upgrade(const HttpRequest& request, HttpResponse& refusal);
  void on_market_trade(const TradeEvent& trade) { ledger_.on_market_trade(trade); }
  void tick();
  std::size_t drop_connections();
  sdk::Status load_state() { return store_.load(ledger_); }

  void on_order(const Order& order, const Fill* fill) override;
  void on_position(const std::string& account, std::size_t symbol, const Position& position,
                   std::int64_t balance) override;

  class UserConnection;

 private:
  friend class UserConnection;
  struct ListenKey {
    std::string account;  // api key
    std::chrono::steady_clock::time_point expires;
    bool expired = false;
  };

  HttpResponse place(const HttpRequest& request, const Account& account);
  HttpResponse cancel_or_query(const HttpRequest& request, const Account& account, bool cancel);
  HttpResponse listen_key(const HttpRequest& request);
  void push(const std::string& account, const std::string& payload);

  VenueContext& ctx_;
  Tuning& tuning_;
  Ledger ledger_;
  StateStore store_;
  std::map<std::string, ListenKey> listen_keys_;
  std::set<UserConnection*> connections_;
  std::uint64_t key_counter_ = 0;
};

}  // namespace tradehost::sim::binance
