// Normalized events as JSON lines (DESIGN.md "Normalized events"), as `tradehost decode` prints
// them and reports record them: fixed key order, no spaces, decimals exact.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/events.hpp>

namespace tradehost::conformance {

// `symbol` is the unified name of event's SymbolId.
std::string event_json(const sdk::Event& event, std::string_view exchange, std::string_view symbol);

}  // namespace tradehost::conformance
