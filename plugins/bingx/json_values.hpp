// Typed reads of simdjson On-Demand values for the decode hot path: exact decimals, integers and
// request ids, with error codes and no allocation. Internal to the bingx core (simdjson is a
// private dependency: only .cpp files of this directory include this header).
#pragma once

#include <cstdint>
#include <string_view>

#include <simdjson.h>

#include <tradehost/sdk/events.hpp>

namespace tradehost::bingx {

// A decimal string ("67412.3"), or a bare JSON number (protocols/bingx.md §10: numbers are
// sometimes quoted, sometimes not), into an exact Decimal. False for any other type or text.
bool read_decimal(simdjson::ondemand::value& value, sdk::Decimal& out) noexcept;

// An integer (timestamps in ms), as a JSON number or a quoted one. False otherwise.
bool read_int64(simdjson::ondemand::value& value, std::int64_t& out) noexcept;

// A string, with null read as "" (acks send "dataType":"" and sometimes null). The view points
// into the parser's string buffer and lives until the next document.
bool read_string_or_null(simdjson::ondemand::value& value, std::string_view& out) noexcept;

// Our request ids are decimal numbers sent as strings (protocols/bingx.md §4: `id` is any string);
// a bare number is accepted too. False for anything else (a UUID, another client's id).
bool read_request_id(simdjson::ondemand::value& value, std::uint64_t& out) noexcept;

// The unsigned decimal in `text` (1-20 digits, no sign, no overflow).
bool parse_unsigned(std::string_view text, std::uint64_t& out) noexcept;

}  // namespace tradehost::bingx
