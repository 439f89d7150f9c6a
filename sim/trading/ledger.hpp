// Ledger: one venue's accounts, orders, fills and positions, matched against the sim's market.
//
// Market orders (and the marketable part of limit orders) take the simulated book: the best
// level holds the top-of-book quantity, each further level one tick worse holds a seeded depth,
// so a large order fills in several parts at several prices. Resting limit orders fill, as
// maker, when a market trade prints at or through their price. Client order ids are idempotent:
// an id an account has used once is refused forever (the venues' duplicate error), so a retried
// request never places a second order. Single-threaded: the sim's I/O thread only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "market/market.hpp"
#include "trading/accounts.hpp"

namespace tradehost::sim {

enum class OrderSide : std::uint8_t { buy, sell };
enum class OrderType : std::uint8_t { market, limit };
enum class TimeInForce : std::uint8_t { gtc, ioc, fok, post_only };
enum class OrderStatus : std::uint8_t { open, partially_filled, filled, canceled, expired };

struct Fill {
  std::int64_t trade_id;
  std::int64_t price;  // ticks
  std::int64_t qty;    // steps
  std::int64_t fee;    // 10^-8 USDT, positive = paid
  std::int64_t realized_pnl;  // 10^-8 USDT
  bool maker;
  std::int64_t time_ms;
};

struct Order {
  std::int64_t id = 0;
  std::string account;  // api key
  std::string client_id;
  std::size_t symbol = 0;
  OrderSide side = OrderSide::buy;
  OrderType type = OrderType::limit;
  TimeInForce tif = TimeInForce::gtc;
  std::int64_t price = 0;  // ticks; 0 for market orders
  std::int64_t qty = 0;    // steps
  std::int64_t filled = 0;
  std::int64_t filled_quote = 0;  // ticks x steps
  std::int64_t fees = 0;
  bool reduce_only = false;
  int leverage = 10;
  OrderStatus status = OrderStatus::open;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<Fill> fills;

  bool is_open() const { return status == OrderStatus::open || status == OrderStatus::partially_filled; }
};

struct Position {
  std::int64_t qty = 0;         // signed steps, negative = short
  std::int64_t cost = 0;        // |qty| x average entry price, ticks x steps
  std::int64_t realized = 0;    // 10^-8 USDT
};

enum class Reject : std::uint8_t {
  none,
  unknown_account,
  duplicate_client_id,
  invalid_quantity,
  invalid_price,
  insufficient_margin,
  reduce_only_would_increase,
  post_only_would_take,
  unknown_order,
  not_open,
};

struct PlaceRequest {
  std::string account;
  std::size_t symbol = 0;
  OrderSide side = OrderSide::buy;
  OrderType type = OrderType::limit;
  TimeInForce tif = TimeInForce::gtc;
  std::int64_t price = 0;
  std::int64_t qty = 0;
  std::string client_id;  // empty: the venue generates one
  bool reduce_only = false;
  int leverage = 10;
  // Fills come in whole multiples of this many steps (KuCoin: one contract), so a venue that
  // prints whole lots never sees a fraction of one; `qty` must be a multiple of it.
  std::int64_t lot_steps = 1;
};

struct LedgerResult {
  Reject reject = Reject::none;
  const Order* order = nullptr;  // the order (also for duplicate client ids: the existing one)
};

class LedgerListener {
 public:
  virtual ~LedgerListener() = default;
  // After every change of an order: placed, filled (with the new fill), cancelled, expired.
  virtual void on_order(const Order& order, const Fill* fill) = 0;
  // After a fill changed a position and the balance.
  virtual void on_position(const std::string& account, std::size_t symbol, const Position& position,
                           std::int64_t balance) = 0;
};

class Ledger {
 public:
  Ledger(std::string venue, Market& market, std::vector<Account> accounts, std::int64_t first_order_id);

  const Account* account_by_key(const std::string& api_key) const;
  void add_listener(LedgerListener* l) { listeners_.push_back(l); }

  LedgerResult place(const PlaceRequest& request, std::int64_t now_ms);
  LedgerResult cancel(const std::string& account, std::optional<std::int64_t> id,
                      const std::optional<std::string>& client_id, std::int64_t now_ms);
  LedgerResult find(const std::string& account, std::optional<std::int64_t> id,
                    const std::optional<std::string>& client_id) const;
  std::vector<const Order*> open_orders(const std::string& account, std::optional<std::size_t> symbol) const;
  Position position(const std::string& account, std::size_t symbol) const;
  std::int64_t balance(const std::string& account) const;
  std::int64_t used_margin(const std::string& account) const;

  // Fills resting orders that `trade` printed through; call from the market listener.
  void on_market_trade(const TradeEvent& trade);

  // Fees, as fractions in parts per million.
  static constexpr std::int64_t kTakerFeePpm = 500;
  static constexpr std::int64_t kMakerFeePpm = 200;

  nlohmann::json to_json() const;
  sdk::Status load_json(const nlohmann::json& j);

 private:
  struct AccountState {
    Account account;
    std::int64_t balance = 0;
    std::map<std::size_t, Position> positions;
    std::map<std::string, std::int64_t> client_ids;  // client id -> order id, forever
  };

  std::int64_t to_usdt(std::size_t symbol, std::int64_t quote) const;  // ticks x steps -> 10^-8 USDT
  void execute(Order& order, std::int64_t price, std::int64_t qty, bool maker, std::int64_t now_ms);
  std::int64_t level_qty(std::size_t symbol, int level) const;
  void notify(const Order& order, const Fill* fill);

  std::string venue_;
  Market& market_;
  std::map<std::string, AccountState> accounts_;  // by api key
  std::map<std::int64_t, Order> orders_;
  std::int64_t next_order_id_;
  std::int64_t next_trade_id_;
  std::vector<LedgerListener*> listeners_;
};

}  // namespace tradehost::sim
