// guarded(f): runs `f` and turns any exception into an internal error Result, so that an
// adapter's noexcept overrides can forward to functions that allocate (std::string, std::vector)
// without letting a std::bad_alloc cross the plugin boundary (sdk/adapter.hpp: every call is
// noexcept). `f` returns an sdk::Result<T>, or a plain T that is wrapped in one.
#pragma once

#include <tradehost/sdk/result.hpp>

namespace tradehost::sdk {

namespace detail {
template <typename T>
struct AsResult {
  using type = Result<T>;
};
template <typename T>
struct AsResult<Result<T>> {
  using type = Result<T>;
};
}  // namespace detail

template <typename F>
auto guarded(F&& f) noexcept -> typename detail::AsResult<decltype(f())>::type {
  try {
    return f();
  } catch (...) {
    // Short enough for std::string's small buffer, so building it cannot throw again.
    return fail(ErrorCode::internal, "out of memory");
  }
}

}  // namespace tradehost::sdk
