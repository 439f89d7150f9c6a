// Fuzz target: Binance's REST parsers on any answer (fuzz_support.hpp's RestInput: byte 0 picks
// parse_klines, parse_trades or parse_bootstrap, byte 1 the status, byte 2 the timeframe). What
// they return on success must keep the adapter contract; an exception other than bad_alloc
// escapes and is a crash (the plugin would report it as an internal error).
#include "binance/rest.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  const fuzz::RestInput in = fuzz::rest_input(data, size);
  constexpr sdk::SymbolId kSymbol = 7;
  switch (in.call % 3) {
    case 0:
      if (const auto bars = binance::parse_klines(kSymbol, in.timeframe, in.view()); bars) {
        fuzz::check_klines(*bars, kSymbol, in.timeframe);
      }
      break;
    case 1:
      if (const auto trades = binance::parse_trades(kSymbol, in.view()); trades) {
        for (std::size_t i = 0; i < trades->size(); ++i) {
          const sdk::Trade& t = (*trades)[i];
          fuzz::check(t.symbol == kSymbol, "a REST trade for another symbol");
          fuzz::check(sdk::trade_problem(t) == nullptr, "a REST trade fails sdk::trade_problem");
          if (i > 0) fuzz::check((*trades)[i - 1].trade_id < t.trade_id, "REST trades not oldest first");
        }
      }
      break;
    default:
      (void)binance::parse_bootstrap(in.view());  // Binance has no bootstrap: any answer is fine
  }
  return 0;
}
