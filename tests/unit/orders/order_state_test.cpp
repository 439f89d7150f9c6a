// Tests the order state machine's table: every allowed transition, nothing else allowed, and the
// refusals and ignores a real venue makes us meet.
#include "orders/order_state.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <tuple>
#include <vector>

namespace tradehost::orders {
namespace {

using S = OrderState;

std::vector<OrderState> all_states() {
  std::vector<OrderState> out;
  for (std::size_t i = 0; i < kOrderStateCount; ++i) out.push_back(static_cast<OrderState>(i));
  return out;
}

struct Edge {
  OrderState from;
  OrderState to;
  Cause cause;
};

// Every allowed transition, written out by hand from the table in the header.
const std::vector<Edge>& allowed_edges() {
  static const std::vector<Edge> edges = [] {
    std::vector<Edge> e;
    const std::array venue_final_or_live = {S::new_,     S::partially_filled, S::filled,
                                            S::canceled, S::rejected,         S::expired};
    for (auto to : venue_final_or_live) {
      e.push_back({S::pending_new, to, Cause::venue});
      e.push_back({S::unknown, to, Cause::venue});
    }
    for (auto from : {S::new_, S::partially_filled, S::pending_cancel}) {
      for (auto to : {S::partially_filled, S::filled, S::canceled, S::expired}) {
        e.push_back({from, to, Cause::venue});
      }
    }
    e.push_back({S::pending_new, S::unknown, Cause::local});
    e.push_back({S::pending_new, S::rejected, Cause::local});
    e.push_back({S::new_, S::pending_cancel, Cause::local});
    e.push_back({S::partially_filled, S::pending_cancel, Cause::local});
    e.push_back({S::pending_cancel, S::new_, Cause::local});
    e.push_back({S::pending_cancel, S::partially_filled, Cause::local});
    return e;
  }();
  return edges;
}

bool listed(OrderState from, OrderState to, Cause cause) {
  const auto& e = allowed_edges();
  return std::any_of(e.begin(), e.end(), [&](const Edge& x) {
    return x.from == from && x.to == to && x.cause == cause;
  });
}

TEST(OrderState, EveryStateRoundTripsThroughItsJsonSpelling) {
  for (auto s : all_states()) {
    const auto parsed = parse_order_state(to_string(s));
    ASSERT_TRUE(parsed.has_value()) << to_string(s);
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(to_string(S::new_), "new");
  EXPECT_FALSE(parse_order_state("new_").has_value());
  EXPECT_FALSE(parse_order_state("NEW").has_value());
  EXPECT_FALSE(parse_order_state("cancelled").has_value());
  EXPECT_FALSE(parse_order_state("").has_value());
}

TEST(OrderState, CauseRoundTripsThroughItsSpelling) {
  for (auto c : {Cause::venue, Cause::local}) EXPECT_EQ(parse_cause(to_string(c)), c);
  EXPECT_FALSE(parse_cause("remote").has_value());
}

TEST(OrderState, FilledCanceledRejectedAndExpiredAreTheOnlyFinalStates) {
  for (auto s : all_states()) {
    const bool expected = s == S::filled || s == S::canceled || s == S::rejected || s == S::expired;
    EXPECT_EQ(terminal(s), expected) << to_string(s);
  }
  EXPECT_TRUE(local_state(S::pending_new));
  EXPECT_TRUE(local_state(S::unknown));
  EXPECT_TRUE(local_state(S::pending_cancel));
  EXPECT_FALSE(local_state(S::new_));
}

TEST(OrderState, EveryListedTransitionIsAllowedWithNoReason) {
  for (const auto& e : allowed_edges()) {
    const auto check = check_transition(e.from, e.to, e.cause);
    EXPECT_EQ(check.verdict, Verdict::allowed)
        << to_string(e.from) << " -> " << to_string(e.to) << " (" << to_string(e.cause)
        << "): " << check.reason;
    EXPECT_TRUE(check.reason.empty());
  }
}

TEST(OrderState, NoUnlistedTransitionIsAllowedAndEachSaysWhyNot) {
  int checked = 0;
  for (auto cause : {Cause::venue, Cause::local}) {
    for (auto from : all_states()) {
      for (auto to : all_states()) {
        if (listed(from, to, cause)) continue;
        const auto check = check_transition(from, to, cause);
        EXPECT_NE(check.verdict, Verdict::allowed)
            << to_string(from) << " -> " << to_string(to) << " (" << to_string(cause) << ")";
        EXPECT_FALSE(check.reason.empty());
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked + static_cast<int>(allowed_edges().size()), 2 * 9 * 9);
}

TEST(OrderState, TheTableIsUsableAtCompileTime) {
  static_assert(allowed(S::pending_new, S::new_, Cause::venue));
  static_assert(!allowed(S::filled, S::canceled, Cause::venue));
  static_assert(terminal(S::expired));
  SUCCEED();
}

TEST(OrderState, FinalStatesAllowNothing) {
  for (auto from : all_states()) {
    if (!terminal(from)) continue;
    for (auto to : all_states()) {
      EXPECT_FALSE(allowed(from, to, Cause::venue)) << to_string(from) << " -> " << to_string(to);
      EXPECT_FALSE(allowed(from, to, Cause::local)) << to_string(from) << " -> " << to_string(to);
    }
  }
}

TEST(OrderState, NothingReturnsToPendingNew) {
  for (auto from : all_states()) {
    EXPECT_EQ(check_transition(from, S::pending_new, Cause::venue).verdict, Verdict::refused);
    EXPECT_EQ(check_transition(from, S::pending_new, Cause::local).verdict, Verdict::refused);
  }
}

TEST(OrderState, AVenueNeverReportsALocalState) {
  for (auto from : all_states()) {
    for (auto to : {S::pending_new, S::unknown, S::pending_cancel}) {
      EXPECT_EQ(check_transition(from, to, Cause::venue).verdict, Verdict::refused);
    }
  }
}

TEST(OrderState, OnlyTheVenueFillsCancelsOrExpiresAnOrder) {
  for (auto from : all_states()) {
    for (auto to : {S::partially_filled, S::filled, S::canceled, S::expired}) {
      if (from == S::pending_cancel && to == S::partially_filled) continue;  // a refused cancel
      EXPECT_FALSE(allowed(from, to, Cause::local)) << to_string(from) << " -> " << to_string(to);
    }
  }
}

TEST(OrderState, FillsAfterACancelRequestAreAllowed) {
  EXPECT_TRUE(allowed(S::pending_cancel, S::partially_filled, Cause::venue));
  EXPECT_TRUE(allowed(S::pending_cancel, S::filled, Cause::venue));
  EXPECT_TRUE(allowed(S::pending_cancel, S::canceled, Cause::venue));
}

TEST(OrderState, ARefusedCancelStepsBackToTheLiveState) {
  EXPECT_TRUE(allowed(S::pending_cancel, S::new_, Cause::local));
  EXPECT_TRUE(allowed(S::pending_cancel, S::partially_filled, Cause::local));
}

TEST(OrderState, ALateNewReportDuringACancelIsIgnoredNotApplied) {
  const auto check = check_transition(S::pending_cancel, S::new_, Cause::venue);
  EXPECT_EQ(check.verdict, Verdict::ignored);
  EXPECT_NE(check.reason.find("stale"), std::string_view::npos);
}

TEST(OrderState, ALateNewAfterAPartialFillDoesNotMoveItBackwards) {
  EXPECT_EQ(check_transition(S::partially_filled, S::new_, Cause::venue).verdict, Verdict::ignored);
  EXPECT_EQ(check_transition(S::partially_filled, S::new_, Cause::local).verdict, Verdict::refused);
}

TEST(OrderState, AnotherPartialFillIsAllowed) {
  EXPECT_TRUE(allowed(S::partially_filled, S::partially_filled, Cause::venue));
}

TEST(OrderState, ADuplicateAcknowledgementIsIgnored) {
  const auto check = check_transition(S::new_, S::new_, Cause::venue);
  EXPECT_EQ(check.verdict, Verdict::ignored);
  EXPECT_NE(check.reason.find("duplicate"), std::string_view::npos);
}

TEST(OrderState, AnUnknownOrderResolvesToAnyVenueState) {
  for (auto to : {S::new_, S::partially_filled, S::filled, S::canceled, S::rejected, S::expired}) {
    EXPECT_TRUE(allowed(S::unknown, to, Cause::venue)) << to_string(to);
  }
}

TEST(OrderState, AnUnknownOrderIsNeitherCanceledNorGivenUpLocally) {
  const auto cancel = check_transition(S::unknown, S::pending_cancel, Cause::local);
  EXPECT_EQ(cancel.verdict, Verdict::refused);
  EXPECT_NE(cancel.reason.find("querying"), std::string_view::npos);
  const auto give_up = check_transition(S::unknown, S::rejected, Cause::local);
  EXPECT_EQ(give_up.verdict, Verdict::refused);
  EXPECT_NE(give_up.reason.find("querying"), std::string_view::npos);
}

TEST(OrderState, AnUnacknowledgedOrderCannotBeCanceled) {
  EXPECT_EQ(check_transition(S::pending_new, S::pending_cancel, Cause::local).verdict,
            Verdict::refused);
}

TEST(OrderState, OnlyASentUnansweredOrderBecomesUnknown) {
  EXPECT_TRUE(allowed(S::pending_new, S::unknown, Cause::local));
  EXPECT_EQ(check_transition(S::new_, S::unknown, Cause::local).verdict, Verdict::refused);
  EXPECT_EQ(check_transition(S::pending_cancel, S::unknown, Cause::local).verdict,
            Verdict::refused);
}

TEST(OrderState, AMarketOrderMayFillOrExpireBeforeAnyAcknowledgement) {
  EXPECT_TRUE(allowed(S::pending_new, S::filled, Cause::venue));
  EXPECT_TRUE(allowed(S::pending_new, S::expired, Cause::venue));
  EXPECT_TRUE(allowed(S::pending_new, S::partially_filled, Cause::venue));
}

TEST(OrderState, AVenueDoesNotRejectAnAcknowledgedOrder) {
  for (auto from : {S::new_, S::partially_filled, S::pending_cancel}) {
    EXPECT_EQ(check_transition(from, S::rejected, Cause::venue).verdict, Verdict::refused)
        << to_string(from);
  }
}

TEST(OrderState, TwoDifferentFinalAnswersAreRefused) {
  EXPECT_EQ(check_transition(S::filled, S::canceled, Cause::venue).verdict, Verdict::refused);
  EXPECT_EQ(check_transition(S::canceled, S::filled, Cause::venue).verdict, Verdict::refused);
  EXPECT_EQ(check_transition(S::expired, S::canceled, Cause::venue).verdict, Verdict::refused);
}

TEST(OrderState, ALateLiveReportAfterAFinalStateIsIgnored) {
  EXPECT_EQ(check_transition(S::canceled, S::partially_filled, Cause::venue).verdict,
            Verdict::ignored);
  EXPECT_EQ(check_transition(S::filled, S::new_, Cause::venue).verdict, Verdict::ignored);
  EXPECT_EQ(check_transition(S::filled, S::filled, Cause::venue).verdict, Verdict::ignored);
}

TEST(OrderState, ARejectedOrderNeverComesAlive) {
  for (auto to : {S::new_, S::partially_filled, S::filled, S::canceled, S::expired}) {
    EXPECT_EQ(check_transition(S::rejected, to, Cause::venue).verdict, Verdict::refused)
        << to_string(to);
  }
}

TEST(OrderState, AnOutOfRangeStateIsRefused) {
  const auto bogus = static_cast<OrderState>(200);
  EXPECT_EQ(check_transition(bogus, S::new_, Cause::venue).verdict, Verdict::refused);
  EXPECT_EQ(check_transition(S::new_, bogus, Cause::venue).verdict, Verdict::refused);
}

}  // namespace
}  // namespace tradehost::orders
