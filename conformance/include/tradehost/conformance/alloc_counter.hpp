// Counting heap allocations, to check that a decoder allocates nothing per frame.
//
// The object that defines allocations() also replaces the global operator new/delete (every
// form) with malloc/free versions that count, for the whole program that links it: the
// conformance kit's checks, the `tradehost conformance` command and the tests. The count is one
// relaxed atomic increment per allocation.
#pragma once

#include <cstddef>

namespace tradehost::conformance {

std::size_t allocations() noexcept;

}  // namespace tradehost::conformance
