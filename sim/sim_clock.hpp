// SimClock: the venues' clock. Simulated time runs `speed` times as fast as real time from
// `start_ms`; --speed 60 makes a simulated minute pass per real second. A fault may skew the
// time the venues report (server time, event times) without touching the market's own clock.
#pragma once

#include <chrono>
#include <cstdint>

namespace tradehost::sim {

class SimClock {
 public:
  SimClock(std::int64_t start_ms, double speed)
      : start_ms_(start_ms), speed_(speed), real_start_(std::chrono::steady_clock::now()) {}

  // Market time: what the market has generated up to.
  std::int64_t market_ms() const {
    const auto real = std::chrono::steady_clock::now() - real_start_;
    const double ms = std::chrono::duration<double, std::milli>(real).count() * speed_;
    return start_ms_ + static_cast<std::int64_t>(ms);
  }
  // Venue time: market time plus the configured skew (fault `skew_ms`).
  std::int64_t venue_ms() const { return market_ms() + skew_ms_; }

  double speed() const { return speed_; }
  std::int64_t start_ms() const { return start_ms_; }
  void set_skew_ms(std::int64_t skew) { skew_ms_ = skew; }
  std::int64_t skew_ms() const { return skew_ms_; }

 private:
  std::int64_t start_ms_;
  double speed_;
  std::chrono::steady_clock::time_point real_start_;
  std::int64_t skew_ms_ = 0;
};

}  // namespace tradehost::sim
