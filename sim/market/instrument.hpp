// Instrument: one simulated perpetual, shared by the three venues (each prints it its own way).
//
// Prices are integers in ticks of 10^-price_decimals, quantities in steps of 10^-qty_decimals
// of the base asset. KuCoin trades in contracts of `contract_steps` steps (its multiplier).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::sim {

struct Instrument {
  std::string base;  // BTC, ETH, SOL, or generated names
  int price_decimals = 2;
  int qty_decimals = 3;
  std::int64_t start_price = 0;     // ticks
  std::int64_t contract_steps = 1;  // KuCoin multiplier, in qty steps
  std::int64_t min_qty = 1;         // steps
  std::int64_t min_notional = 5;    // USDT
};

// `spec` is a comma-separated list of base assets (BTC,ETH,SOL,DOGE) or a count (50): the
// first three are BTC, ETH and SOL, then generated S004, S005, ... Known bases get realistic
// prices and precisions; others are derived from the seed.
sdk::Result<std::vector<Instrument>> make_instruments(const std::string& spec, std::uint64_t seed);

}  // namespace tradehost::sim
