// KuCoin Futures' public market REST endpoints in the sim: the contract list and klines
// (protocols/kucoinfutures.md §6, §8); the rest of the venue is kucoin_venue.cpp.
#include "venues/kucoinfutures/kucoin_venue.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text_and_time.hpp"
#include "venues/kucoinfutures/kucoin_frames.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

// A whole-number query parameter, `fallback` when absent; nullopt if present and not an integer.
std::optional<std::int64_t> number_param(const HttpRequest& r, const char* name, std::int64_t fallback) {
  const auto v = r.param(name);
  if (!v || v->empty()) return fallback;
  return parse_int(*v);
}

}  // namespace

HttpResponse KucoinVenue::contracts(const std::string& symbol) const {
  const std::int64_t now = ctx_.clock.venue_ms();
  std::string rows;
  for (std::size_t i = 0; i < ctx_.market.instruments().size(); ++i) {
    const Instrument& inst = ctx_.market.instruments()[i];
    if (!symbol.empty() && venue_symbol(inst) != symbol) continue;
    const std::string row =
        contract_json(inst, ctx_.market.book(i).bid, ctx_.market.current_bar(i, sdk::Timeframe::m1).close, now);
    if (!symbol.empty()) return HttpResponse::json(200, ok_body(row));
    rows += (rows.empty() ? "" : ",") + row;
  }
  if (!symbol.empty()) return HttpResponse::json(200, error_body("200003", "Invalid symbol."));
  return HttpResponse::json(200, ok_body("[" + rows + "]"));
}

HttpResponse KucoinVenue::klines(const HttpRequest& r) const {
  // §8: business errors come with HTTP 200 and a code.
  const auto symbol = r.param("symbol");
  if (!symbol || symbol->empty()) return HttpResponse::json(200, error_body("400100", "symbol is required."));
  const auto index = find_symbol(ctx_.market, *symbol);
  if (!index) return HttpResponse::json(200, error_body("200003", "Invalid symbol."));
  const auto granularity = r.param("granularity");
  const auto tf = granularity ? parse_granularity(*granularity) : std::nullopt;
  if (!tf) return HttpResponse::json(200, error_body("400100", "granularity is invalid."));
  const auto from = number_param(r, "from", -1);
  const auto to = number_param(r, "to", INT64_MAX);
  if (!from || !to) return HttpResponse::json(200, error_body("400100", "from and to must be times in ms."));
  // §6: at most 500 rows, ascending; from a `from`, the oldest 500 of the window, else the newest.
  const auto bars = served_bars(ctx_.market.bars(*index, *tf, *from, *to, 500));
  std::vector<std::int64_t> volumes;
  volumes.reserve(bars.size());
  for (const Bar& b : bars) volumes.push_back(volumes_.volume(*index, *tf, b.open_ms));
  return HttpResponse::json(200, ok_body(kline_rows(ctx_.market.instruments()[*index], bars, volumes)));
}

}  // namespace tradehost::sim::kucoinfutures
