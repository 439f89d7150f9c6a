// KucoinTrading: the private side of the KuCoin Futures venue (protocols/kucoinfutures.md §7-§9):
// signed REST for orders, cancels, queries, positions, the account overview and fills, and the
// pushes of the private topics (orderChange, position.change, walletBalance.change).
//
// Owned by KucoinVenue, which also serves bullet-private (with authenticate()) and owns the
// connections: pushes go out through the venue's PrivatePush. Runs on the sim's I/O thread.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "trading/ledger.hpp"
#include "trading/state_store.hpp"
#include "venues/kucoinfutures/kucoin_auth.hpp"
#include "venues/kucoinfutures/kucoin_private_frames.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::kucoinfutures {

// Where private frames go: the venue's connections opened with a private token.
class PrivatePush {
 public:
  virtual ~PrivatePush() = default;
  // Whether a live connection of `account` (api key) holds the one-target `topic`.
  virtual bool subscribed(const std::string& account, std::string_view topic) const = 0;
  virtual void push(const std::string& account, std::string_view topic, const std::string& frame) = 0;
};

class KucoinTrading final : public LedgerListener {
 public:
  KucoinTrading(VenueContext& context, PrivatePush& push);

  // The answer for a private trading path, or nullopt when `request` is not one.
  std::optional<HttpResponse> handle(const HttpRequest& request);
  AuthResult authenticate(const HttpRequest& request) const {
    return kucoinfutures::authenticate(request, ledger_, ctx_.clock.venue_ms());
  }
  void on_market_trade(const TradeEvent& trade) { ledger_.on_market_trade(trade); }
  sdk::Status load_state() { return store_.load(ledger_); }

  void on_order(const Order& order, const Fill* fill) override;
  void on_position(const std::string& account, std::size_t symbol, const Position& position,
                   std::int64_t balance) override;

 private:
  HttpResponse place(const HttpRequest& request, const Account& account);
  HttpResponse cancel(const Account& account, std::optional<std::int64_t> id,
                      const std::optional<std::string>& client_id, const std::optional<std::string>& symbol);
  HttpResponse query(const Account& account, std::optional<std::int64_t> id,
                     const std::optional<std::string>& client_id);
  HttpResponse list_orders(const HttpRequest& request, const Account& account);
  HttpResponse positions(const HttpRequest& request, const Account& account, bool one);
  HttpResponse fills(const HttpRequest& request, const Account& account);
  Funds funds(const std::string& account) const;
  std::string_view margin_mode(std::int64_t order_id) const;
  void push_order(const Order& order, const Fill* fill, OrderEvent event);
  void push_wallet(const std::string& account);
  const std::string& user_id(const std::string& account) const;

  VenueContext& ctx_;
  PrivatePush& push_;
  Ledger ledger_;
  StateStore store_;
  // §8 marginMode as the order asked for it (echoed; the sim holds all margin as isolated). Not
  // kept across restarts: an order loaded from --state-dir reads ISOLATED.
  std::map<std::int64_t, std::string> margin_modes_;
  std::map<std::string, std::int64_t> wallet_versions_;  // per api key, §9 `version`
};

}  // namespace tradehost::sim::kucoinfutures
