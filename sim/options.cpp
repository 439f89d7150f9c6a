#include "options.hpp"

#include <charconv>
#include <cmath>

namespace tradehost::sim {
namespace {

template <typename T>
bool parse_number(const std::string& text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::string usage() {
  return R"(Usage: exchange-sim [--host 127.0.0.1] [--port 0] [--seed N] [--speed X] [--symbols SPEC]
                    [--start-ms T] [--step-ms S] [--set VENUE.KEY=VALUE]...
                    [--accounts FILE] [--state-dir DIR] [--faults V.F=N,...] [--tls [--ca-file F]]

A loopback exchange speaking Binance USD-M, BingX swap and KuCoin Futures. Once listening it prints
one JSON line on stdout ({"ready":true,"venues":{...},"control":...}) and logs on stderr.

  --host H          address to listen on (loopback only: 127.0.0.1 or ::1)
  --port P          0 (default): free ports; else binance=P, bingx=P+1, kucoinfutures=P+2, control=P+3
  --seed N          market seed (same seed, start and step: same market)
  --speed X         simulated seconds per real second (60: a 1m kline closes every second)
  --symbols SPEC    base assets (BTC,ETH,SOL) or a count (50: BTC, ETH, SOL, S004, ...)
  --start-ms T      simulated start time in ms since the epoch (default: now, floored to the minute)
  --step-ms S       simulated ms between market steps (default 500)
  --accounts FILE   trading accounts (JSON list); default: one test account per venue, shown in
                    the ready line
  --state-dir DIR   keep each venue's accounts, orders and positions in DIR across restarts
  --tls             serve https and wss with a self-signed certificate made at start-up; the
                    certificate (its own CA) is written to --ca-file, named as "ca_file" in the
                    ready line, so clients verify the peer instead of turning verification off
  --ca-file F       where --tls writes the CA (default: exchange-sim-<pid>-ca.pem in the temp dir)
  --faults SPEC     faults to start with, e.g. binance.fault_stall=1,sim.skew_ms=3000 (the keys
                    of docs/exchange-sim.md "Faults"; the control endpoint flips them while running)
  --set V.K=N       a venue tuning value, e.g. --set binance.ping_interval_ms=1000 (see docs/exchange-sim.md)

SIGINT or SIGTERM shuts it down. See docs/exchange-sim.md.
)";
}

sdk::Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  auto bad = [](const std::string& what) { return sdk::fail(sdk::ErrorCode::invalid_config, "exchange-sim: " + what); };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> value;
    if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "--help" || name == "-h") {
      o.help = true;
      continue;
    }
    if (name == "--tls") {
      o.tls = true;
      continue;
    }
    const bool known = name == "--host" || name == "--port" || name == "--seed" || name == "--speed" ||
                       name == "--symbols" || name == "--start-ms" || name == "--step-ms" || name == "--set" ||
                       name == "--accounts" || name == "--state-dir" || name == "--faults" || name == "--ca-file";
    if (!known) return bad("unknown option '" + name + "'");
    if (!value) {
      if (i + 1 >= args.size()) return bad("option " + name + " needs a value");
      value = args[++i];
    }
    const std::string& v = *value;
    if (name == "--host") {
      if (v != "127.0.0.1" && v != "::1" && v != "localhost") return bad("--host must be a loopback address, not '" + v + "'");
      o.host = v == "localhost" ? "127.0.0.1" : v;
    } else if (name == "--port") {
      unsigned p = 0;
      if (!parse_number(v, p) || p > 65532) return bad("--port '" + v + "' is not a port (0..65532)");
      o.port = static_cast<std::uint16_t>(p);
    } else if (name == "--seed") {
      if (!parse_number(v, o.seed)) return bad("--seed '" + v + "' is not a whole number");
    } else if (name == "--speed") {
      char* end = nullptr;
      o.speed = std::strtod(v.c_str(), &end);
      if (end != v.c_str() + v.size() || !std::isfinite(o.speed) || o.speed <= 0 || o.speed > 100000) {
        return bad("--speed '" + v + "' must be a number > 0 (1 = real time, 60 = a minute per second)");
      }
    } else if (name == "--symbols") {
      o.symbols = v;
    } else if (name == "--start-ms") {
      std::int64_t t = 0;
      if (!parse_number(v, t) || t < 0) return bad("--start-ms '" + v + "' is not a time in ms since the epoch");
      o.start_ms = t;
    } else if (name == "--step-ms") {
      if (!parse_number(v, o.step_ms) || o.step_ms < 1 || o.step_ms > 60000) return bad("--step-ms must be 1..60000");
    } else if (name == "--ca-file") {
      o.ca_file = v;
    } else if (name == "--accounts") {
      o.accounts_file = v;
    } else if (name == "--state-dir") {
      o.state_dir = v;
    } else if (name == "--faults") {
      // A comma-separated list of VENUE.FAULT=N, the same keys --set takes.
      std::size_t start = 0;
      while (start < v.size()) {
        const auto comma = v.find(',', start);
        const std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto eq = item.find('=');
        std::int64_t n = 0;
        if (eq == std::string::npos || !parse_number(item.substr(eq + 1), n)) {
          return bad("--faults '" + item + "': expected VENUE.FAULT=N, e.g. binance.fault_stall=1");
        }
        o.tuning.emplace_back(item.substr(0, eq), n);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (name == "--set") {
      const auto eq = v.find('=');
      std::int64_t n = 0;
      if (eq == std::string::npos || v.find('.') > eq || !parse_number(v.substr(eq + 1), n)) {
        return bad("--set '" + v + "': expected VENUE.KEY=INTEGER, e.g. binance.ping_interval_ms=1000");
      }
      o.tuning.emplace_back(v.substr(0, eq), n);
    }
  }
  return o;
}

}  // namespace tradehost::sim
