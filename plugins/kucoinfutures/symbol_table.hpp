// The symbols the host streams from KuCoin Futures, as bound by Adapter::bind_symbols: venue
// symbol text -> host SymbolId and contract size (base units per contract).
//
// Built once per bind on the cold path (it allocates); lookups afterwards are noexcept and
// allocation-free, so the decoder can use them per frame. Owned by the Decoder; one thread at a
// time, like the adapter.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::kucoinfutures {

struct BoundSymbol {
  std::string venue;  // XBTUSDTM
  sdk::SymbolId id;
  sdk::Decimal contract_size;  // base units per contract (KuCoin's `multiplier`), > 0
};

// protocols/kucoinfutures.md §2: the multipliers the document lists (XBTUSDTM 0.001, ETHUSDTM
// 0.01, SOLUSDTM 0.1), used when the host binds a symbol without a contract size.
std::optional<sdk::Decimal> documented_contract_size(std::string_view venue_symbol) noexcept;

class SymbolTable {
 public:
  // Refuses, naming the symbol: one KuCoin cannot spell, one without a contract size (neither
  // from the host nor documented), a negative contract size (inverse contracts), and a symbol or
  // id bound twice.
  static sdk::Result<SymbolTable> build(std::span<const sdk::SymbolBinding> bindings);

  // The symbol's slot: a dense index in [0, size()) for per-symbol state.
  std::optional<std::size_t> find(std::string_view venue_symbol) const noexcept;
  const BoundSymbol& at(std::size_t slot) const noexcept { return symbols_[slot]; }
  const BoundSymbol* by_id(sdk::SymbolId id) const noexcept;
  std::size_t size() const noexcept { return symbols_.size(); }

 private:
  std::vector<BoundSymbol> symbols_;  // sorted by venue, for binary search with a string_view
};

}  // namespace tradehost::kucoinfutures
