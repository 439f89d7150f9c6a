// The rows the journal writes and gives back: plain values, built by the engine (writes) or by
// the journal (recovery). Money and quantities are sdk::Decimal; times are wall-clock
// milliseconds (the journal outlives the process, so a steady clock means nothing in it).
#pragma once

#include <tradehost/sdk/events.hpp>
#include "orders/order_state.hpp"
#include "orders/order_terms.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tradehost::journal {

using WallTime = std::chrono::sys_time<std::chrono::milliseconds>;
using RunId = std::int64_t;     // from 1
using IntentId = std::int64_t;  // from 1; 0 means none

enum class RunMode : std::uint8_t { paper, live };
constexpr std::string_view to_string(RunMode m) noexcept {
  return m == RunMode::paper ? "paper" : "live";
}
constexpr std::optional<RunMode> parse_run_mode(std::string_view text) noexcept {
  if (text == "paper") return RunMode::paper;
  if (text == "live") return RunMode::live;
  return std::nullopt;
}

struct RunStart {
  WallTime started;
  RunMode mode = RunMode::paper;
  std::string config_summary;  // what the operator chose: exchanges, symbols, strategy, limits
};

// What a strategy asked for, as the risk layer received it.
struct Intent {
  RunId run = 0;
  std::string strategy_tag;
  std::string exchange;  // the adapter's name: "binance"
  std::string symbol;    // unified: "BTC/USDT:USDT"
  sdk::Side side = sdk::Side::buy;
  sdk::Decimal qty{};
  std::optional<sdk::Decimal> price;  // none for market
  orders::OrderType type = orders::OrderType::market;
  orders::TimeInForce tif = orders::TimeInForce::gtc;
  bool reduce_only = false;
  WallTime created;
};

struct IntentRow {
  IntentId id = 0;
  Intent intent;
};

struct Veto {
  IntentId intent = 0;
  std::string reason;  // a short snake_case code: "below_min_notional"
  std::string detail;  // the sentence logged with it
  WallTime time;
};

// An order about to be sent; the journal gives it its client order id and state pending_new.
struct NewOrder {
  RunId run = 0;
  std::optional<IntentId> intent;  // none for the engine's own orders (kill switch, on_stop)
  std::string exchange;
  std::string symbol;
  sdk::Side side = sdk::Side::buy;
  sdk::Decimal qty{};  // as rounded to the listing
  std::optional<sdk::Decimal> price;
  orders::OrderType type = orders::OrderType::market;
  orders::TimeInForce tif = orders::TimeInForce::gtc;
  bool reduce_only = false;
  WallTime created;
};

struct OrderRow {
  std::string client_order_id;
  std::int64_t seq = 0;  // within its run
  NewOrder order;
  orders::OrderState state = orders::OrderState::pending_new;
  std::optional<std::string> venue_order_id;
  WallTime updated;
};

// A state change to journal; checked against the state machine before it is written.
struct Transition {
  std::string client_order_id;
  orders::OrderState to = orders::OrderState::new_;
  orders::Cause cause = orders::Cause::venue;
  std::string reason;                         // the venue's words or ours; may be empty
  std::optional<std::string> venue_order_id;  // kept once known; a later empty one keeps it
  WallTime time;
};

enum class Liquidity : std::uint8_t { maker, taker };
constexpr std::string_view to_string(Liquidity l) noexcept {
  return l == Liquidity::maker ? "maker" : "taker";
}
constexpr std::optional<Liquidity> parse_liquidity(std::string_view text) noexcept {
  if (text == "maker") return Liquidity::maker;
  if (text == "taker") return Liquidity::taker;
  return std::nullopt;
}

struct Fill {
  std::string exchange;
  std::string exchange_fill_id;  // unique per exchange: a fill seen twice is stored once
  std::optional<std::string> client_order_id;  // none or foreign for a venue's own order
  // Links the fill to its order when the venue sends no client order id (BingX pushes carry
  // an empty one: protocols/bingx.md §10); the client order id wins when both are given.
  std::optional<std::string> venue_order_id;
  std::string symbol;
  sdk::Side side = sdk::Side::buy;
  sdk::Decimal qty{};
  sdk::Decimal price{};
  sdk::Decimal fee{};  // positive when paid
  std::string fee_asset;
  Liquidity liquidity = Liquidity::taker;
  WallTime time;
};

// One-way position: qty is signed, negative short.
struct Position {
  std::string exchange;
  std::string symbol;
  sdk::Decimal qty{};
  sdk::Decimal avg_entry{};
  sdk::Decimal realized_pnl{};
  WallTime updated;
};

struct EquitySnapshot {
  RunId run = 0;
  sdk::Decimal equity_usd{};
  sdk::Decimal realized_pnl_usd{};
  sdk::Decimal unrealized_pnl_usd{};
  WallTime time;
};

// What a restart resumes from (Journal::recover).
struct OpenOrder {
  OrderRow row;
  std::vector<Fill> fills;  // journaled so far, oldest first
};

struct Recovery {
  std::optional<RunId> last_run;       // the latest run, whether or not it stopped cleanly
  bool last_run_stopped = false;       // false after a crash or kill -9
  std::vector<OpenOrder> open_orders;  // not final, oldest first
  std::vector<Position> positions;     // every exchange and symbol ever journaled, flat ones too
  IntentId last_acted_intent = 0;      // the highest intent with an order or a veto; 0: none
  std::vector<IntentRow> unacted_intents;  // journaled, then neither ordered nor vetoed
  std::optional<EquitySnapshot> last_equity;
};

}  // namespace tradehost::journal
