// Fuzz target: KuCoin Futures' REST parsers on any answer (fuzz_support.hpp's RestInput: byte 0
// picks parse_klines, parse_bootstrap or retry_wait_ms, byte 1 the status, byte 2 the timeframe
// and, in its high bits, the contract size; headers before a NUL). What they return on success
// must keep the adapter contract; an escaping exception is a crash.
#include "kucoinfutures/rest.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  const fuzz::RestInput in = fuzz::rest_input(data, size);
  constexpr sdk::SymbolId kSymbol = 7;
  // The contract sizes KuCoin documents for XBT, ETH and SOL (0.001, 0.01, 0.1), and 1.
  static constexpr sdk::Decimal kContractSizes[] = {{1, 3}, {1, 2}, {1, 1}, {1, 0}};
  switch (in.call % 3) {
    case 0: {
      const sdk::Decimal contract = kContractSizes[in.extra % 4];
      if (const auto bars = kucoinfutures::parse_klines(kSymbol, contract, in.timeframe, in.view()); bars) {
        fuzz::check_klines(*bars, kSymbol, in.timeframe);
      }
      break;
    }
    case 1:
      if (const auto boot = kucoinfutures::parse_bootstrap(in.view()); boot) {
        fuzz::check(!boot->ws_url.empty(), "a bootstrap without a WebSocket URL");
        fuzz::check(boot->heartbeat.interval_ms > 0, "a bootstrap with a zero ping interval");
      }
      break;
    default:
      if (const auto wait = kucoinfutures::retry_wait_ms(in.view()); wait) {
        fuzz::check(*wait >= 0, "a negative retry wait");
      }
  }
  return 0;
}
