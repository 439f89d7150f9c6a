// exchange-sim's command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::sim {

struct Options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: every listener on a free port; else binance=port, bingx=+1, kucoinfutures=+2, control=+3
  std::uint64_t seed = 1;
  double speed = 1.0;
  std::string symbols = "BTC,ETH,SOL";
  std::optional<std::int64_t> start_ms;  // default: now, floored to the minute
  std::int64_t step_ms = 500;
  std::vector<std::pair<std::string, std::int64_t>> tuning;  // --set venue.key=value
  std::string accounts_file;  // --accounts: JSON list of accounts; default: one test account per venue
  std::string state_dir;      // --state-dir: keep accounts, orders and positions across restarts
  bool tls = false;           // --tls: https and wss with a certificate made at start-up
  std::string ca_file;        // --ca-file: where --tls writes its CA (default: a file in the temp dir)
  bool help = false;
};

sdk::Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace tradehost::sim
