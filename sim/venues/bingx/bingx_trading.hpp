// BingxTrading: the private side of the BingX venue (protocols/bingx.md §1 listenKey, §7, §8,
// §9): signed place, cancel and query of orders, open orders, the v3 balance and positions,
// listen keys, and the user data events ORDER_TRADE_UPDATE, ACCOUNT_UPDATE and listenKeyExpired.
//
// It owns the ledger but no socket: user data connections are /swap-market connections of the
// venue (same gzip and Ping/Pong), so events go out through the UserEventSink the venue gives
// it. Owned by BingxVenue; runs on the sim's I/O thread.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "trading/ledger.hpp"
#include "trading/state_store.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::bingx {

struct RequestParams;

// Where user data events go: every connection opened with `listen_key`.
class UserEventSink {
 public:
  virtual ~UserEventSink() = default;
  // `text` is the event's JSON, not yet gzipped.
  virtual void send_user_event(const std::string& listen_key, std::string_view text) = 0;
};

class BingxTrading final : public LedgerListener {
 public:
  BingxTrading(VenueContext& context, Tuning& tuning, UserEventSink& sink);
  ~BingxTrading() override;

  // The answer for a private path, or nullopt when `request` is not one.
  std::optional<HttpResponse> handle(const HttpRequest& request);
  // True while `key` exists and has not expired: /swap-market?listenKey= may open with it.
  bool listen_key_live(const std::string& key) const;
  void on_market_trade(const TradeEvent& trade) { ledger_.on_market_trade(trade); }
  // Expires listen keys (pushing listenKeyExpired); called at every flush.
  void tick();
  sdk::Status load_state() { return store_.load(ledger_); }

  void on_order(const Order& order, const Fill* fill) override;
  void on_position(const std::string& account, std::size_t symbol, const Position& position,
                   std::int64_t balance) override;

 private:
  struct ListenKey {
    std::string account;  // api key
    std::chrono::steady_clock::time_point expires;
  };

  HttpResponse place(const RequestParams& params, const Account& account);
  HttpResponse cancel_or_query(const RequestParams& params, const Account& account, bool cancel);
  HttpResponse open_orders(const RequestParams& params, const Account& account);
  HttpResponse balance(const Account& account);
  HttpResponse positions(const RequestParams& params, const Account& account);
  HttpResponse listen_key(const HttpRequest& request);
  // 10^-8 USDT of unrealized PnL of `position` at the current mark (the best bid).
  std::int64_t unrealized(std::size_t symbol, const Position& position) const;
  void push(const std::string& account, const std::string& text);

  VenueContext& ctx_;
  Tuning& tuning_;
  UserEventSink& sink_;
  Ledger ledger_;
  StateStore store_;
  std::map<std::string, ListenKey> listen_keys_;  // live keys only
  std::uint64_t key_counter_ = 0;
};

}  // namespace tradehost::sim::bingx
