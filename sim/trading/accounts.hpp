// Accounts: who may trade on the sim, per venue, with the credentials each venue checks.
//
// Without --accounts every venue has one default test account whose key, secret and passphrase
// are printed in the ready line (they guard nothing but a loopback sim). An accounts file is
// JSON: [{"venue":"binance","name":"alice","api_key":"...","secret":"...","passphrase":"...",
// "balance_usdt":"10000"}]; passphrase only matters on kucoinfutures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::sim {

// USDT amounts are integers of 10^-8 USDT.
inline constexpr int kUsdtDecimals = 8;

struct Account {
  std::string venue;
  std::string name;
  std::string api_key;
  std::string secret;
  std::string passphrase;
  std::int64_t initial_balance = 0;  // 10^-8 USDT
};

std::vector<Account> default_accounts();
sdk::Result<std::vector<Account>> load_accounts(const std::string& path);

}  // namespace tradehost::sim
