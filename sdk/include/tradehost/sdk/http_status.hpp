// What an HTTP status says about a venue's REST answer, one rule for every adapter.
//
// 429 (too many requests) and 418 (Binance's IP ban after ignoring 429s; other venues answer a ban
// the same way) are rate limits; 5xx and no answer at all (0) are the venue's or the network's
// trouble, worth a retry; any other status outside 2xx is a refusal. A venue's own code in the
// body, read by its adapter, may say more (BingX's 109429 is a rate limit under HTTP 200), and
// Adapter::retry_wait_ms gives the venue's word on how long to wait.
#pragma once

#include <tradehost/sdk/result.hpp>

namespace tradehost::sdk {

constexpr bool http_success(int status) noexcept { return status >= 200 && status < 300; }

// The error class of a non-2xx status (a 2xx one is not an error: `rejected` is returned, and
// callers check http_success first).
constexpr ErrorCode http_status_error(int status) noexcept {
  if (status == 429 || status == 418) return ErrorCode::rate_limited;
  if (status == 0 || status >= 500) return ErrorCode::io;
  return ErrorCode::rejected;
}

}  // namespace tradehost::sdk
