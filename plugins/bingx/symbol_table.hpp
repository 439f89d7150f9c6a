// SymbolTable: the venue's symbol text (BTC-USDT) -> the host's SymbolId, for the decode hot path.
//
// Built in bind_symbols (may allocate); find() is a binary search over a sorted vector with a
// string_view key and never allocates. Each bound symbol also gets a dense index 0..size()-1,
// which per-stream state (the kline tracker) uses to size its tables once.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::bingx {

class SymbolTable {
 public:
  // Replaces the table. Refuses a symbol BingX has no name for, and the same symbol twice.
  sdk::Status bind(std::span<const sdk::SymbolBinding> symbols);

  // The dense index of a venue symbol, or nullopt when it was not bound.
  std::optional<std::size_t> find(std::string_view venue_symbol) const noexcept;
  sdk::SymbolId id(std::size_t index) const noexcept { return entries_[index].second; }
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  std::vector<std::pair<std::string, sdk::SymbolId>> entries_;  // sorted by venue symbol
};

}  // namespace tradehost::bingx
