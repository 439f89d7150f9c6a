#include <tradehost/sdk/guard.hpp>

#include <new>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

TEST(Guarded, PassesAValueThrough) {
  auto r = sdk::guarded([] { return 7; });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 7);
}

TEST(Guarded, PassesAnErrorResultThrough) {
  auto r = sdk::guarded([]() -> sdk::Result<int> { return sdk::fail(sdk::ErrorCode::rejected, "no"); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::rejected);
  EXPECT_EQ(r.error().message, "no");
}

TEST(Guarded, ReportsBadAllocAsOutOfMemory) {
  auto r = sdk::guarded([]() -> int { throw std::bad_alloc(); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::internal);
  EXPECT_EQ(r.error().message, "out of memory");
}

TEST(Guarded, ReportsAStandardExceptionByItsWhat) {
  auto r = sdk::guarded([]() -> int { throw std::invalid_argument("stoi"); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::internal);
  EXPECT_EQ(r.error().message, "exception: stoi");
}

TEST(Guarded, ReportsAnUnknownExceptionAsSuch) {
  auto r = sdk::guarded([]() -> int { throw 42; });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, sdk::ErrorCode::internal);
  EXPECT_NE(r.error().message.find("unknown exception"), std::string::npos) << r.error().message;
}
