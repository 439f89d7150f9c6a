#include "trading/accounts.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "market/decimal_text.hpp"

namespace tradehost::sim {

std::vector<Account> default_accounts() {
  const std::int64_t balance = 10'000 * pow10(kUsdtDecimals);
  return {
      {"binance", "default", "sim-binance-key", "sim-binance-secret", "", balance},
      {"bingx", "default", "sim-bingx-key", "sim-bingx-secret", "", balance},
      {"kucoinfutures", "default", "sim-kucoin-key", "sim-kucoin-secret", "sim-kucoin-passphrase", balance},
  };
}

sdk::Result<std::vector<Account>> load_accounts(const std::string& path) {
  std::ifstream in(path);
  if (!in) return sdk::fail(sdk::ErrorCode::not_found, "--accounts " + path + ": cannot open the file");
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_array()) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "--accounts " + path + ": expected a JSON array of accounts");
  }
  std::vector<Account> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& a = j[i];
    const std::string where = "--accounts " + path + " entry " + std::to_string(i);
    if (!a.is_object() || !a.contains("venue") || !a.contains("api_key") || !a.contains("secret")) {
      return sdk::fail(sdk::ErrorCode::invalid_config, where + ": needs venue, api_key and secret");
    }
    const std::string venue = a.value("venue", "");
    if (venue != "binance" && venue != "bingx" && venue != "kucoinfutures") {
      return sdk::fail(sdk::ErrorCode::invalid_config, where + ": venue must be binance, bingx or kucoinfutures");
    }
    Account acc{venue, a.value("name", "account" + std::to_string(i)), a.value("api_key", ""), a.value("secret", ""),
                a.value("passphrase", ""), 10'000 * pow10(kUsdtDecimals)};
    if (a.contains("balance_usdt")) {
      const std::string text = a["balance_usdt"].is_string() ? a["balance_usdt"].get<std::string>() : a["balance_usdt"].dump();
      try {
        acc.initial_balance = static_cast<std::int64_t>(std::stod(text) * 1e8);
      } catch (...) {
        return sdk::fail(sdk::ErrorCode::invalid_config, where + ": balance_usdt is not a number");
      }
    }
    out.push_back(std::move(acc));
  }
  return out;
}

}  // namespace tradehost::sim
