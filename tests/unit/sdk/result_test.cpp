#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/result.hpp>

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

namespace {
sdk::Result<int> half(int x) {
  if (x % 2 != 0) return sdk::fail(sdk::ErrorCode::invalid_config, std::to_string(x) + " is odd");
  return x / 2;
}
}  // namespace

TEST(Result, HoldsTheValueOnSuccess) {
  auto r = half(8);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 4);
}

TEST(Result, HoldsCodeAndMessageOnFailure) {
  auto r = half(3);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::invalid_config);
  EXPECT_EQ(r.error().message, "3 is odd");
}

TEST(Result, OnlyTransportAndRateLimitsAreRetryable) {
  EXPECT_TRUE(sdk::is_retryable(sdk::ErrorCode::io));
  EXPECT_TRUE(sdk::is_retryable(sdk::ErrorCode::rate_limited));
  EXPECT_FALSE(sdk::is_retryable(sdk::ErrorCode::rejected));
  EXPECT_FALSE(sdk::is_retryable(sdk::ErrorCode::invalid_config));
}

#include <stdexcept>

#include <tradehost/sdk/guard.hpp>

TEST(Guarded, TurnsAnExceptionIntoAnInternalError) {
  auto r = sdk::guarded([]() -> sdk::Result<int> { throw std::bad_alloc(); });
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, sdk::ErrorCode::internal);
  EXPECT_EQ(r.error().message, "out of memory");
}

TEST(Guarded, PassesResultsThroughAndWrapsPlainValues) {
  EXPECT_EQ(*sdk::guarded([] { return half(8); }), 4);
  EXPECT_FALSE(sdk::guarded([] { return half(3); }).has_value());
  EXPECT_EQ(*sdk::guarded([] { return std::string("x"); }), "x");
}

// A decoder's reason may be an empty view with no storage behind it (found by fuzzing the BingX
// decoder: copying from its null data() is undefined behaviour, caught by the sanitizer suite).
TEST(DecodeResult, AnEmptyReasonIsAnEmptyDetailAndALongOneIsCut) {
  const auto empty = sdk::DecodeResult::error(std::string_view{});
  EXPECT_EQ(empty.status, sdk::DecodeStatus::error);
  EXPECT_STREQ(empty.detail, "");
  const std::string long_reason(500, 'x');
  const auto cut = sdk::DecodeResult::error(long_reason);
  EXPECT_EQ(std::string_view(cut.detail), std::string(sizeof(cut.detail) - 1, 'x'));
}
