// GoogleTest glue for the conformance kit: one failure per failed check, with what was expected,
// what came, and where the guide explains it.
//
//   TEST(MyVenue, Conforms) {
//     MyAdapter adapter;
//     tradehost::conformance::expect_conformant(adapter, {.frames_dir = "tests/frames"});
//   }
#pragma once

#include <gtest/gtest.h>

#include <tradehost/conformance/check.hpp>

namespace tradehost::conformance {

inline void expect_conformant(sdk::Adapter& adapter, const Options& options = {}) {
  const Report report = check_adapter(adapter, options);
  for (const Finding& f : report.findings) {
    if (f.outcome == Finding::Outcome::fail) ADD_FAILURE() << format(f);
  }
}

}  // namespace tradehost::conformance
