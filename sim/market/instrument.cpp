#include "market/instrument.hpp"

#include <charconv>
#include <fmt/format.h>

#include "market/decimal_text.hpp"
#include "market/rng.hpp"

namespace tradehost::sim {
namespace {

Instrument known_or_generated(const std::string& base, Rng& rng) {
  // Values of the order the venues list (protocols/*.md examples); never meant to be exact.
  if (base == "BTC") return {"BTC", 1, 3, 942105, 1, 1, 100};
  if (base == "ETH") return {"ETH", 2, 3, 330000, 10, 1, 20};
  if (base == "SOL") return {"SOL", 3, 2, 180000, 10, 1, 5};
  Instrument i;
  i.base = base;
  i.price_decimals = 4;
  i.qty_decimals = 0;
  i.start_price = rng.between(5000, 200000);  // 0.5 .. 20.0
  i.contract_steps = 1;
  i.min_qty = 1;
  i.min_notional = 5;
  return i;
}

bool valid_base(const std::string& base) {
  if (base.empty() || base.size() > 20) return false;
  for (char c : base) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

sdk::Result<std::vector<Instrument>> make_instruments(const std::string& spec, std::uint64_t seed) {
  Rng rng(seed ^ 0x5157494d53594dULL);
  std::vector<std::string> bases;
  std::size_t count = 0;
  auto [ptr, ec] = std::from_chars(spec.data(), spec.data() + spec.size(), count);
  if (!spec.empty() && ec == std::errc() && ptr == spec.data() + spec.size()) {
    if (count < 1 || count > 1000) {
      return sdk::fail(sdk::ErrorCode::invalid_config, "--symbols " + spec + ": a count must be 1..1000");
    }
    const char* first[] = {"BTC", "ETH", "SOL"};
    for (std::size_t i = 0; i < count; ++i) {
      if (i < 3) {
        bases.emplace_back(first[i]);
      } else {
        bases.push_back(fmt::format("S{:03}", i + 1));
      }
    }
  } else {
    std::size_t start = 0;
    while (start <= spec.size()) {
      auto comma = spec.find(',', start);
      std::string base = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!valid_base(base)) {
        return sdk::fail(sdk::ErrorCode::invalid_config,
                         "--symbols: '" + base + "' is not a base asset (A-Z, 0-9, e.g. BTC,ETH) or a count");
      }
      bases.push_back(base);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::vector<Instrument> out;
  for (const auto& b : bases) out.push_back(known_or_generated(b, rng));
  return out;
}

}  // namespace tradehost::sim
