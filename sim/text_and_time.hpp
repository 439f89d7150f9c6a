// Small helpers every venue of the simulator uses: lower-casing, a strict integer parse and the
// milliseconds since a steady-clock time. Generic, not protocol code (the sim shares no protocol
// code with the adapters; these are shared inside the sim only).
#pragma once

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tradehost::sim {

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The whole text as a signed 64-bit integer, or nullopt (empty, a sign alone, trailing bytes,
// out of range).
inline std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

inline std::int64_t ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace tradehost::sim
