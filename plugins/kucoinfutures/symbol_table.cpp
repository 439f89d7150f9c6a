#include "kucoinfutures/symbol_table.hpp"

#include "kucoinfutures/symbols.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace tradehost::kucoinfutures {
namespace {

struct DocumentedSize {
  std::string_view venue;
  sdk::Decimal contract_size;
};

// protocols/kucoinfutures.md §2 ("observed; never hard-code"): the fallback only, for a host
// that did not read the contract list.
constexpr std::array<DocumentedSize, 3> kDocumentedSizes = {{
    {"XBTUSDTM", {1, 3}},
    {"ETHUSDTM", {1, 2}},
    {"SOLUSDTM", {1, 1}},
}};

}  // namespace

std::optional<sdk::Decimal> documented_contract_size(std::string_view venue_symbol) noexcept {
  for (const DocumentedSize& row : kDocumentedSizes) {
    if (row.venue == venue_symbol) return row.contract_size;
  }
  return std::nullopt;
}

sdk::Result<SymbolTable> SymbolTable::build(std::span<const sdk::SymbolBinding> bindings) {
  SymbolTable table;
  table.symbols_.reserve(bindings.size());
  for (const sdk::SymbolBinding& binding : bindings) {
    const std::string name = "'" + binding.symbol.to_string() + "'";
    auto venue = venue_symbol(binding.symbol);
    if (!venue) return sdk::Failure{std::move(venue).error()};
    sdk::Decimal size = binding.contract_size;
    if (size.mantissa < 0) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       "kucoinfutures: " + name + " (" + *venue +
                           ") has a negative contract size: inverse contracts are not supported");
    }
    if (size.mantissa == 0) {
      const auto documented = documented_contract_size(*venue);
      if (!documented) {
        return sdk::fail(sdk::ErrorCode::invalid_config,
                         "kucoinfutures: no contract size for " + name + " (" + *venue +
                             "): the host gave none and protocols/kucoinfutures.md §2 documents "
                             "only XBTUSDTM, ETHUSDTM and SOLUSDTM");
      }
      size = *documented;
    }
    for (const BoundSymbol& bound : table.symbols_) {
      if (bound.venue == *venue || bound.id == binding.id) {
        return sdk::fail(sdk::ErrorCode::invalid_config, "kucoinfutures: " + name + " (" + *venue +
                                                             ", id " + std::to_string(binding.id) +
                                                             ") is bound twice");
      }
    }
    table.symbols_.push_back(BoundSymbol{std::move(*venue), binding.id, size});
  }
  std::sort(table.symbols_.begin(), table.symbols_.end(),
            [](const BoundSymbol& a, const BoundSymbol& b) { return a.venue < b.venue; });
  return table;
}

std::optional<std::size_t> SymbolTable::find(std::string_view venue_symbol) const noexcept {
  const auto it = std::lower_bound(
      symbols_.begin(), symbols_.end(), venue_symbol,
      [](const BoundSymbol& s, std::string_view text) { return std::string_view(s.venue) < text; });
  if (it == symbols_.end() || it->venue != venue_symbol) return std::nullopt;
  return static_cast<std::size_t>(it - symbols_.begin());
}

const BoundSymbol* SymbolTable::by_id(sdk::SymbolId id) const noexcept {
  for (const BoundSymbol& s : symbols_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace tradehost::kucoinfutures
