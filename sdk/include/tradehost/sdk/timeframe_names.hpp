// How a venue spells its timeframes, and the two Adapter name calls over that spelling, written
// once for every adapter.
//
// A venue gives a table of (timeframe, its spelling) in the manifest's order; one that spells
// every timeframe as tradehost does (1m, 5m, 1h, ...) makes it with same_spelling(kTimeframes).
// The errors name the venue, the timeframe or text refused, and what the venue supports.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

struct TimeframeSpelling {
  Timeframe timeframe;
  std::string_view venue;  // as the venue writes it: "1m", "1min", ...
};

template <std::size_t N>
constexpr std::array<TimeframeSpelling, N> same_spelling(const std::array<Timeframe, N>& timeframes) {
  std::array<TimeframeSpelling, N> table{};
  for (std::size_t i = 0; i < N; ++i) table[i] = {timeframes[i], to_string(timeframes[i])};
  return table;
}

namespace detail {
// An out-of-range enum value prints as its number rather than "?".
inline std::string timeframe_label(Timeframe timeframe) {
  const std::string_view text = to_string(timeframe);
  if (text != "?") return std::string(text);
  return "#" + std::to_string(static_cast<unsigned>(timeframe));
}

inline std::string spelled_list(std::span<const TimeframeSpelling> table, bool venue_spelling) {
  std::string out;
  for (const TimeframeSpelling& entry : table) {
    if (!out.empty()) out += ", ";
    out += venue_spelling ? entry.venue : to_string(entry.timeframe);
  }
  return out;
}
}  // namespace detail

// The venue's spelling of `timeframe`.
inline Result<std::string> venue_timeframe_of(std::string_view venue_name, std::span<const TimeframeSpelling> table,
                                              Timeframe timeframe) {
  for (const TimeframeSpelling& entry : table) {
    if (entry.timeframe == timeframe) return std::string(entry.venue);
  }
  return fail(ErrorCode::invalid_config, std::string(venue_name) + " does not support timeframe " +
                                             detail::timeframe_label(timeframe) +
                                             " (supported: " + detail::spelled_list(table, false) + ")");
}

// The timeframe a venue's spelling stands for; `what` is the venue's word for it ("interval").
inline Result<Timeframe> unified_timeframe_of(std::string_view venue_name, std::span<const TimeframeSpelling> table,
                                              std::string_view text, std::string_view what) {
  for (const TimeframeSpelling& entry : table) {
    if (entry.venue == text) return entry.timeframe;
  }
  return fail(ErrorCode::invalid_config, std::string(venue_name) + ": unknown " + std::string(what) + " '" +
                                             std::string(text) + "' (supported: " +
                                             detail::spelled_list(table, true) + ")");
}

}  // namespace tradehost::sdk
