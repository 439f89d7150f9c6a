// BingX swap private JSON as the venue prints it: order objects and account data for the REST
// envelope's `data` (protocols/bingx.md §7) and the user data events (§9). Text only; the venue
// wraps REST bodies with ok_body and gzips events when it sends them.
//
// Units: prices in the instrument's decimals, quantities in base coin, USDT amounts with 8
// decimals; orderId is a JSON number above 2^53 (§11).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "market/market.hpp"

namespace tradehost::sim {
struct Order;
struct Fill;
struct Position;
}  // namespace tradehost::sim

namespace tradehost::sim::bingx {

// §7 place-order answer: symbol, orderId, side, positionSide, type, clientOrderId, workingType,
// status, avgPrice, executedQty; the state right after matching.
std::string placed_order_json(const Instrument& inst, const Order& order);
// §7 full order object (query, cancel, openOrders).
std::string order_json(const Instrument& inst, const Order& order);
// REST status: NEW just placed, PENDING resting, PARTIALLY_FILLED, FILLED, CANCELLED, EXPIRED.
std::string_view rest_status(const Order& order, bool just_placed);

// What a position shows besides the ledger's numbers.
struct PositionView {
  std::int64_t mark = 0;                // ticks
  std::int64_t unrealized_usdt = 0;     // 10^-8 USDT
  std::int64_t margin_usdt = 0;         // 10^-8 USDT
  std::int64_t position_id = 0;
  int leverage = 10;
};
// §7 positions element; one-way mode, so positionSide BOTH and a signed positionAmt.
std::string position_json(const Instrument& inst, const Position& position, const PositionView& view,
                          std::int64_t now_ms);

struct BalanceView {
  std::string asset;           // USDT, USDC
  std::int64_t balance = 0;    // every amount in 10^-8 units of the asset
  std::int64_t unrealized = 0;
  std::int64_t realised = 0;
  std::int64_t used_margin = 0;
};
// §7 v3 balance element.
std::string balance_json(const BalanceView& view, std::int64_t user_id);

// §9 events, bare (no code/dataType wrapper).
std::string order_trade_update(const Instrument& inst, const Order& order, const Fill* fill, std::int64_t event_ms);
std::string account_update(const Instrument& inst, const Position& position, std::int64_t balance,
                           std::int64_t unrealized_usdt, std::int64_t event_ms);
std::string listen_key_expired(const std::string& key, std::int64_t event_ms);

}  // namespace tradehost::sim::bingx
