// guarded(f): runs `f` and turns any exception into an internal error Result, so that an
// adapter's noexcept overrides can forward to functions that allocate (std::string, std::vector)
// or throw (a parser, std::stoi) without letting an exception cross the plugin boundary
// (sdk/adapter.hpp: every call is noexcept). `f` returns an sdk::Result<T>, or a plain T that is
// wrapped in one.
//
// The message says what was thrown: std::bad_alloc is "out of memory", another std::exception
// gives its what(), anything else is "unknown exception". Building that message may itself run
// out of memory; then the answer is "out of memory", whose text fits std::string's small buffer
// (at most 15 characters), so that last step cannot throw.
#pragma once

#include <exception>
#include <new>
#include <string>

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

inline Failure out_of_memory() noexcept { return fail(ErrorCode::internal, "out of memory"); }
}  // namespace detail

template <typename F>
auto guarded(F&& f) noexcept -> typename detail::AsResult<decltype(f())>::type {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return detail::out_of_memory();
  } catch (const std::exception& e) {
    try {
      return fail(ErrorCode::internal, std::string("exception: ") + e.what());
    } catch (...) {
      return detail::out_of_memory();
    }
  } catch (...) {
    try {
      return fail(ErrorCode::internal, "unknown exception (not a std::exception)");
    } catch (...) {
      return detail::out_of_memory();
    }
  }
}

}  // namespace tradehost::sdk
