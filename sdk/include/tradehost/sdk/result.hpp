// Result<T>: a value or an Error, for every fallible call at a boundary (SDK, config, registry).
//
// Shaped like C++23 std::expected (has_value, operator*, operator->, error()) so that moving to
// C++23 is a rename; GCC 12 only has std::expected under -std=c++23. There is deliberately no
// throwing value(): check, then dereference in the smallest scope. A failing function returns the
// error with enough context (file:line, venue, key) and does not log; the caller decides and logs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace tradehost::sdk {

// One short list of error classes; retry decisions are made from it in one place.
enum class ErrorCode : std::uint8_t {
  invalid_config,
  not_found,
  io,
  protocol,
  rejected,
  rate_limited,
  internal,
};

constexpr std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_config: return "invalid_config";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::io: return "io";
    case ErrorCode::protocol: return "protocol";
    case ErrorCode::rejected: return "rejected";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

// Only transport trouble and rate limits are worth repeating unchanged.
constexpr bool is_retryable(ErrorCode code) noexcept {
  return code == ErrorCode::io || code == ErrorCode::rate_limited;
}

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // names the place: "config.yaml:12", "binance", "TRADING_SYMBOLS"
};

// Tag for building an error result: `return sdk::fail(ErrorCode::not_found, "...")`.
struct Failure {
  Error error;
};
inline Failure fail(ErrorCode code, std::string message) {
  return Failure{Error{code, std::move(message)}};
}

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<T, Error>, "Result<Error> is ambiguous");

 public:
  // explicit: `return {};` must not quietly become a value or an error.
  explicit Result() = default;
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: pass an error on

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() & { return std::get<0>(state_); }
  const T& operator*() const& { return std::get<0>(state_); }
  T&& operator*() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &std::get<0>(state_); }
  const T* operator->() const { return &std::get<0>(state_); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success or an error.
struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

}  // namespace tradehost::sdk
