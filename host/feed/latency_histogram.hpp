// LatencyHistogram: counts of latencies in microseconds in log-linear buckets (8 per power of
// two, so a percentile is within 12.5% of the truth), fixed size, no allocation; negative values
// (a venue clock ahead of ours) count as 0.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace tradehost::feed {

class LatencyHistogram {
 public:
  static constexpr int kSubBits = 3;
  static constexpr int kSub = 1 << kSubBits;
  static constexpr int kBuckets = 64 * kSub;

  void add(std::int64_t micros) noexcept {
    const auto v = static_cast<std::uint64_t>(micros < 0 ? 0 : micros);
    ++counts_[static_cast<std::size_t>(index(v))];
    ++total_;
  }
  void merge(const LatencyHistogram& other) noexcept {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    total_ += other.total_;
  }
  void clear() noexcept {
    counts_.fill(0);
    total_ = 0;
  }
  std::uint64_t count() const noexcept { return total_; }

  // The upper bound of the bucket holding the q-quantile (0 < q <= 1); 0 when empty.
  std::int64_t quantile(double q) const noexcept {
    if (total_ == 0) return 0;
    auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total_));
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
      seen += counts_[static_cast<std::size_t>(i)];
      if (seen >= rank) return static_cast<std::int64_t>(upper(i));
    }
    return static_cast<std::int64_t>(upper(kBuckets - 1));
  }

 private:
  static int index(std::uint64_t v) noexcept {
    if (v < kSub) return static_cast<int>(v);
    const int msb = 63 - std::countl_zero(v);
    const int shift = msb - kSubBits;
    const auto sub = static_cast<int>((v >> shift) & (kSub - 1));
    return (shift + 1) * kSub + sub;
  }
  static std::uint64_t upper(int i) noexcept {
    if (i < kSub) return static_cast<std::uint64_t>(i);
    const int shift = i / kSub - 1;
    const auto sub = static_cast<std::uint64_t>(i % kSub);
    return ((static_cast<std::uint64_t>(kSub) + sub + 1) << shift) - 1;
  }

  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t total_ = 0;
};

}  // namespace tradehost::feed
