#include "bingx/symbol_table.hpp"

#include "bingx/symbols.hpp"

#include <algorithm>

namespace tradehost::bingx {

sdk::Status SymbolTable::bind(std::span<const sdk::SymbolBinding> symbols) {
  std::vector<std::pair<std::string, sdk::SymbolId>> entries;
  entries.reserve(symbols.size());
  for (const sdk::SymbolBinding& binding : symbols) {
    auto name = venue_symbol(binding.symbol);
    if (!name) return sdk::Failure{std::move(name).error()};
    entries.emplace_back(std::move(*name), binding.id);
  }
  std::sort(entries.begin(), entries.end());
  const auto duplicate = std::adjacent_find(
      entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first == b.first; });
  if (duplicate != entries.end()) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "bingx: symbol '" + duplicate->first + "' is bound twice");
  }
  entries_ = std::move(entries);
  return sdk::ok();
}

std::optional<std::size_t> SymbolTable::find(std::string_view venue_symbol) const noexcept {
  const auto it = std::lower_bound(
      entries_.begin(), entries_.end(), venue_symbol,
      [](const std::pair<std::string, sdk::SymbolId>& e, std::string_view key) { return std::string_view(e.first) < key; });
  if (it == entries_.end() || std::string_view(it->first) != venue_symbol) return std::nullopt;
  return static_cast<std::size_t>(it - entries_.begin());
}

}  // namespace tradehost::bingx
