// Fuzz target: BingX's REST parsers on any answer (fuzz_support.hpp's RestInput: byte 0 picks
// parse_klines or parse_bootstrap, byte 1 the status, byte 2 the timeframe). BingX fetches no
// trades (the adapter's default parse_trades refuses). What parse_klines returns on success must
// keep the adapter contract; an escaping exception is a crash.
#include "bingx/rest.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  const fuzz::RestInput in = fuzz::rest_input(data, size);
  constexpr sdk::SymbolId kSymbol = 7;
  if (in.call % 2 == 0) {
    if (const auto bars = bingx::parse_klines(kSymbol, in.timeframe, in.view()); bars) {
      fuzz::check_klines(*bars, kSymbol, in.timeframe);
    }
  } else {
    fuzz::check(!bingx::parse_bootstrap(in.view()), "BingX has no bootstrap, yet one parsed");
  }
  return 0;
}
