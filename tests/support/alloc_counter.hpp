// Test support: heap allocations counted by the conformance kit's counting operator new (linked
// with tradehost_conformance), so that decoders can be held to zero allocations per frame.
#pragma once

#include <tradehost/conformance/alloc_counter.hpp>

namespace tradehost::test {

using conformance::allocations;

}  // namespace tradehost::test
