// Backoff: how long to wait before the next reconnect. Exponential (doubling from `initial` up
// to `cap`) with equal jitter, so a venue outage does not bring every connection back in the
// same millisecond; reset() after a connection has been healthy for a while.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

namespace tradehost::feed {

class Backoff {
 public:
  using ms = std::chrono::milliseconds;
  Backoff(ms initial, ms cap, std::uint64_t seed) : initial_(initial), cap_(std::max(cap, initial)), rng_(seed) {}

  // The delay before the next attempt: half the current step plus a random part of the other
  // half; the step doubles after each call until it reaches the cap.
  ms next() {
    const auto step = current_.count() == 0 ? initial_ : current_;
    current_ = std::min(cap_, step * 2);
    ++attempts_;
    const std::int64_t half = step.count() / 2;
    std::uniform_int_distribution<std::int64_t> jitter(0, std::max<std::int64_t>(half, 0));
    return ms(step.count() - half + jitter(rng_));
  }
  void reset() {
    current_ = ms(0);
    attempts_ = 0;
  }
  std::uint32_t attempts() const { return attempts_; }

 private:
  ms initial_;
  ms cap_;
  ms current_{0};
  std::uint32_t attempts_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace tradehost::feed
