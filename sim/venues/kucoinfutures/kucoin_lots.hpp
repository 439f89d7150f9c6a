// KuCoin's whole contracts (lots) over the market's quantity steps (protocols/kucoinfutures.md §2:
// "all sizes are contracts"; instrument.hpp: a contract is `contract_steps` qty steps).
//
// The shared market trades in qty steps, which need not be whole contracts (ETH and SOL trade
// 0.1 contract at a time). KuCoin must print integers, so a trade of q steps is
// ceil(q / contract_steps) contracts: every trade stays visible with size >= 1. Candle and kline
// volume is the sum of those trade sizes over the bar, kept here per bar, so that a client
// adding up `match` sizes gets exactly the candle's volume. Fed by KucoinVenue::on_trade on the
// sim's one I/O thread.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <tradehost/sdk/timeframe.hpp>
#include <vector>

#include "market/market.hpp"

namespace tradehost::sim::kucoinfutures {

// ceil(qty_steps / contract_steps); 0 for 0.
std::int64_t to_contracts(const Instrument& instrument, std::int64_t qty_steps);

class ContractVolumes {
 public:
  explicit ContractVolumes(const Market& market);

  // Adds a trade to the current bar of every KuCoin timeframe (the market has already added it).
  void add_trade(const TradeEvent& trade, std::int64_t contracts);
  // Contracts traded in the bar of `tf` opening at `open_ms`; 0 for a bar without trades.
  std::int64_t volume(std::size_t symbol, sdk::Timeframe tf, std::int64_t open_ms) const;

 private:
  struct Entry {
    std::int64_t open_ms;
    std::int64_t contracts;
  };
  static constexpr std::size_t kSlots = 11;  // kucoin_timeframes()
  static std::size_t slot(sdk::Timeframe tf);

  const Market& market_;
  std::vector<std::array<std::deque<Entry>, kSlots>> series_;  // per symbol, ascending open_ms
};

}  // namespace tradehost::sim::kucoinfutures
