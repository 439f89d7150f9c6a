// FillPatience: when a REST kline fill that failed is tried again, and when it is given up.
//
// A fill fails "for now" when its requests all failed for a passing reason (network, 5xx, a
// throttle without a long ban). The bars after its hole are held while it is retried, so the
// patience belongs to the outage, not to each fill: it starts at the first failure and ends only
// when a fill succeeds. Within it a failed fill is tried again after 2, 4, 8, 16, 30, 30 ... s;
// once REST has been failing for longer, every fill still queued gets one try and no more (a
// reconnect queues one fill per stream: hundreds of streams must not each wait two minutes).
// Pure logic on a millisecond clock the caller passes in.
#pragma once

#include <cstdint>
#include <optional>

namespace tradehost::feed {

class FillPatience {
 public:
  struct Limits {
    std::int64_t patience_ms = 120000;
    std::int64_t first_wait_ms = 2000;
    std::int64_t max_wait_ms = 30000;
  };

  FillPatience() = default;
  explicit FillPatience(Limits limits) : limits_(limits) {}

  // A fill failed for now at `now_ms`: the wait before trying it again, or nullopt to give it up
  // (trying again would end after the patience).
  std::optional<std::int64_t> on_failure(std::int64_t now_ms);
  // A fill succeeded: REST works; the next failure starts a new outage.
  void on_success();

  const Limits& limits() const { return limits_; }

 private:
  Limits limits_;
  std::optional<std::int64_t> failing_since_ms_;
  std::int64_t next_wait_ms_ = 0;  // 0: the first wait
};

}  // namespace tradehost::feed
