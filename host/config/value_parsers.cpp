// The parsers of single config values (durations, positive numbers, stream limits, exchange
// lists), shared by the command line, the environment and the config file (settings.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include <tradehost/sdk/manifest.hpp>

#include "config/limits.hpp"
#include "config/settings.hpp"
#include "config/text.hpp"

namespace tradehost::config {

sdk::Result<std::int64_t> parse_duration_seconds(std::string_view text) {
  const std::string t = trim(text);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  const bool digits = !t.empty() && ptr == t.data() + t.size();
  if (digits && ec == std::errc::result_out_of_range) v = t[0] == '-' ? -1 : kMaxDurationS + 1;
  else if (!digits || ec != std::errc()) return sdk::fail(sdk::ErrorCode::invalid_config, "expected whole seconds");
  if (v < 0) return sdk::fail(sdk::ErrorCode::invalid_config, "a duration cannot be negative");
  if (v > kMaxDurationS) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     fmt::format("longer than 366 days (limit {} s); to run until stopped, use 0", kMaxDurationS));
  }
  return v;
}

sdk::Result<double> parse_positive_number(std::string_view text) {
  const std::string t = trim(text);
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v) || v <= 0) {
    return sdk::fail(sdk::ErrorCode::invalid_config, "expected a positive number");
  }
  return v;
}

sdk::Result<std::int32_t> parse_stream_limit(std::string_view text) {
  const std::string t = trim(text);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || v < 1 || v > sdk::kMaxStreamLimit) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "expected a whole number from 1 to " + std::to_string(sdk::kMaxStreamLimit));
  }
  return static_cast<std::int32_t>(v);
}

sdk::Result<std::vector<std::string>> parse_exchange_list(std::string_view text) {
  std::vector<std::string> out;
  for (auto& item : split_commas(text)) {
    const std::string name = lower(item);
    if (name.empty()) return sdk::fail(sdk::ErrorCode::invalid_config, "an empty name between commas");
    if (!sdk::detail::is_valid_plugin_name(name)) {
      return sdk::fail(sdk::ErrorCode::invalid_config, "'" + item + "' is not an exchange name (a-z, 0-9, _)");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

}  // namespace tradehost::config
