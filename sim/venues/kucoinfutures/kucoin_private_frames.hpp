// KuCoin Futures private JSON as the venue prints it (protocols/kucoinfutures.md §8 REST
// objects, §9 private WebSocket frames), from the ledger's orders, fills and positions.
//
// Sizes are whole contracts: the ledger's qty steps divided by the instrument's contract_steps
// (orders are placed, and filled, in whole lots). USDT values computed from prices x steps keep
// the instrument's price + qty decimals; ledger amounts (balances, fees, PnL) have 8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "market/market.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim::kucoinfutures {

// What an account holds, for the account overview and the wallet push; 10^-8 USDT.
struct Funds {
  std::int64_t balance = 0;          // wallet balance: deposits + realised PnL - fees
  std::int64_t position_margin = 0;  // margin of open positions
  std::int64_t order_margin = 0;     // margin held by open orders
  std::int64_t unrealised = 0;       // unrealised PnL at the mark price
  std::int64_t available() const { return balance - position_margin - order_margin; }
};

// §9 orderChange event types.
enum class OrderEvent : std::uint8_t { open, match, update, filled, canceled };

// §8 order object (GET /api/v1/orders/{id}, list items).
std::string order_object(const Instrument& inst, const Order& order, std::string_view margin_mode);
// §8 fills item.
std::string fill_object(const Instrument& inst, const Order& order, const Fill& fill, std::string_view margin_mode);
// §8 paged list: {currentPage,pageSize,totalNum,totalPage,items}; `items` already JSON objects.
std::string page_json(std::int64_t current_page, std::int64_t page_size, const std::vector<std::string>& items);
// §8 position object; `mark` in ticks, `now_ms` venue time.
std::string position_object(const Instrument& inst, const Position& position, std::int64_t mark, std::int64_t now_ms);
// §8 GET /api/v1/account-overview data.
std::string account_overview(const Funds& funds, std::string_view currency);

// §9 frames. Every private frame carries "channelType":"private" and the (deprecated) userId.
std::string order_change_frame(const std::string& topic, bool all_symbols, const std::string& user_id,
                               const Instrument& inst, const Order& order, const Fill* fill, OrderEvent event,
                               std::string_view margin_mode, std::int64_t now_ms);
std::string position_change_frame(const std::string& topic, const std::string& user_id, const Instrument& inst,
                                  const Position& position, std::int64_t mark, std::int64_t now_ms);
std::string wallet_frame(const std::string& user_id, const Funds& funds, std::int64_t version, std::int64_t now_ms);

// 10^-8 USDT of a price x quantity product of `inst` (ticks x steps).
std::int64_t quote_to_usdt(const Instrument& inst, std::int64_t ticks_x_steps);

}  // namespace tradehost::sim::kucoinfutures
