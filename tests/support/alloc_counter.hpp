// Test support: counts heap allocations of a test binary. Linking tradehost_alloc_counter
// replaces the global operator new/delete (every form) with malloc/free versions that count;
// tests compare allocations() before and after the code under test (target: 0 per frame).
#pragma once

#include <cstddef>

namespace tradehost::test {

std::size_t allocations() noexcept;

}  // namespace tradehost::test
