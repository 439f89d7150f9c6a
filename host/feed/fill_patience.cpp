#include "feed/fill_patience.hpp"

#include <algorithm>

namespace tradehost::feed {

std::optional<std::int64_t> FillPatience::on_failure(std::int64_t now_ms) {
  if (!failing_since_ms_) failing_since_ms_ = now_ms;
  const std::int64_t wait = next_wait_ms_ == 0 ? limits_.first_wait_ms : next_wait_ms_;
  if (now_ms - *failing_since_ms_ + wait > limits_.patience_ms) return std::nullopt;
  next_wait_ms_ = std::min(wait * 2, limits_.max_wait_ms);
  return wait;
}

void FillPatience::on_success() {
  failing_since_ms_.reset();
  next_wait_ms_ = 0;
}

}  // namespace tradehost::feed
