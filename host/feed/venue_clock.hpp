// VenueClock: the venue's time as the host estimates it, to measure event lag and to close bars
// whose end has passed. Live venues run on real time; the simulator runs `speed` times as fast
// from the start time of its ready line, and the same mapping turns its lags back into real time.
#pragma once

#include <chrono>
#include <cstdint>

namespace tradehost::feed {

// An event may be stamped at most this far ahead of the venue clock. Venue times run within
// seconds of it; an hour leaves room for a badly set local clock without letting a forged time
// hold a stream's state for days.
inline constexpr std::int64_t kMaxVenueLeadMs = 3600 * 1000;

class VenueClock {
 public:
  VenueClock() = default;  // real time
  VenueClock(std::int64_t venue_origin_ms, double speed)
      : real_origin_us_(real_now_us()), venue_origin_ms_(venue_origin_ms), speed_(speed) {}

  static std::int64_t real_now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  // The venue's time now, in ms since the epoch.
  std::int64_t now_ms() const { return at_ms(real_now_us()); }
  std::int64_t at_ms(std::int64_t real_us) const {
    if (speed_ == 1.0 && venue_origin_ms_ == 0) return real_us / 1000;
    return venue_origin_ms_ + static_cast<std::int64_t>(static_cast<double>(real_us - real_origin_us_) * speed_ / 1000.0);
  }
  // How long ago, in real microseconds, the venue time `venue_ms` was, seen at `real_us`.
  std::int64_t lag_us(std::int64_t venue_ms, std::int64_t real_us) const {
    if (speed_ == 1.0 && venue_origin_ms_ == 0) return real_us - venue_ms * 1000;
    const double venue_lag_ms = static_cast<double>(at_ms(real_us) - venue_ms);
    return static_cast<std::int64_t>(venue_lag_ms * 1000.0 / speed_);
  }
  // Real milliseconds as venue milliseconds.
  std::int64_t venue_span_ms(std::int64_t real_ms) const { return static_cast<std::int64_t>(static_cast<double>(real_ms) * speed_); }
  double speed() const { return speed_; }

 private:
  std::int64_t real_origin_us_ = 0;
  std::int64_t venue_origin_ms_ = 0;
  double speed_ = 1.0;
};

}  // namespace tradehost::feed
