// Reading KuCoin's scalar fields from simdjson on-demand values without copying: the text of a
// string or a number exactly as sent, and the decimals and integers in it.
//
// KuCoin mixes the two spellings for the same field (tickerV2 prices are strings today and were
// numbers in older examples, protocols/kucoinfutures.md §5; REST kline prices are numbers, §6),
// so every numeric field accepts both. The views point into the frame and live as long as it.
// Internal to the core: only its .cpp files include simdjson.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <simdjson.h>

#include <tradehost/sdk/events.hpp>

namespace tradehost::kucoinfutures {

// A string's content between its quotes (escapes are left as sent: no field we read needs one,
// and a backslash then fails the caller's stricter check) or a number's token. nullopt for
// objects, arrays, true/false/null.
std::optional<std::string_view> scalar_text(simdjson::ondemand::value& value) noexcept;

// A string's content between its quotes; nullopt for anything that is not a string.
std::optional<std::string_view> string_of(simdjson::ondemand::value& value) noexcept;

// The value's text as an exact decimal ("97010.1" or 97010.1), or nullopt.
std::optional<sdk::Decimal> decimal_of(simdjson::ondemand::value& value) noexcept;
// The value's text as a non-negative integer ("1794100537695" or 1794100537695), or nullopt.
std::optional<std::int64_t> integer_of(simdjson::ondemand::value& value) noexcept;

}  // namespace tradehost::kucoinfutures
