// OrderType and TimeInForce: the words of an order besides its state, spelled as in JSON and on
// the CLI, each with a round-tripping to_string/parse. Header only, any thread.
// TODO(#14): move to the SDK's strategy.hpp with OrderIntent when the strategy interface lands.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tradehost::orders {

enum class OrderType : std::uint8_t { market, limit };

// post_only: GTX on Binance, PostOnly on BingX, postOnly on KuCoin.
enum class TimeInForce : std::uint8_t { gtc, ioc, fok, post_only };

constexpr std::string_view to_string(OrderType t) noexcept {
  return t == OrderType::market ? "market" : "limit";
}
constexpr std::optional<OrderType> parse_order_type(std::string_view text) noexcept {
  if (text == "market") return OrderType::market;
  if (text == "limit") return OrderType::limit;
  return std::nullopt;
}

constexpr std::string_view to_string(TimeInForce t) noexcept {
  switch (t) {
    case TimeInForce::gtc: return "gtc";
    case TimeInForce::ioc: return "ioc";
    case TimeInForce::fok: return "fok";
    case TimeInForce::post_only: return "post_only";
  }
  return "?";
}
constexpr std::optional<TimeInForce> parse_time_in_force(std::string_view text) noexcept {
  for (auto t : {TimeInForce::gtc, TimeInForce::ioc, TimeInForce::fok, TimeInForce::post_only}) {
    if (to_string(t) == text) return t;
  }
  return std::nullopt;
}

}  // namespace tradehost::orders
