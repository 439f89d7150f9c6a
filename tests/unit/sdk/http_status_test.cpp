// One classification of HTTP statuses for every adapter: before it, 418 was a rate limit for
// Binance and a refusal for BingX (issue 16).
#include <tradehost/sdk/http_status.hpp>

#include <gtest/gtest.h>

namespace tradehost::sdk {
namespace {

TEST(HttpStatus, TooManyRequestsAndIpBansAreRateLimits) {
  EXPECT_EQ(http_status_error(429), ErrorCode::rate_limited);
  EXPECT_EQ(http_status_error(418), ErrorCode::rate_limited);
}

TEST(HttpStatus, ServerErrorsAndNoAnswerAreWorthARetry) {
  for (const int status : {0, 500, 502, 503, 504}) EXPECT_EQ(http_status_error(status), ErrorCode::io) << status;
}

TEST(HttpStatus, OtherClientErrorsAreRefusals) {
  for (const int status : {400, 401, 403, 404}) EXPECT_EQ(http_status_error(status), ErrorCode::rejected) << status;
  EXPECT_TRUE(http_success(200));
  EXPECT_FALSE(http_success(301));
}

}  // namespace
}  // namespace tradehost::sdk
