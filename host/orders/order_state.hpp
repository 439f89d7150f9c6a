// OrderState: the one order state machine (DESIGN.md "Engine"), as a table of which state may
// follow which, and who may move it there. Pure logic, no I/O, no allocation; any thread.
//
// States. Local ones exist only in tradehost:
//   pending_new     created and journaled, the request not yet answered
//   unknown         sent, no answer (timeout, reset): resolved by querying the client order id,
//                   never by sending again
//   pending_cancel  a cancel was sent for an acknowledged order, not yet answered
// The venue's (reported by the venue, or by the paper broker standing in for it):
//   new, partially_filled, filled, canceled, rejected, expired
// Final: filled, canceled, rejected, expired.
//
// Who moves an order (Cause):
//   venue  a report: an order acknowledgement, a push, a query answer, a cancel answer
//   local  the engine's own step: the send timed out, a cancel is sent, a cancel was refused
//
// The table (rows: from, columns: to). A = allowed (journal it, then act), I = ignored (a
// duplicate or a report the order is already past: journal nothing, it is not an error; a
// fill it carries is still a fill), R = refused (a bug or a venue contradiction: log it).
// `pending_new` is the state an order is created in; nothing moves an order back to it.
//
//   venue reports          new  part  fill  canc  rej   exp   (to a local state: R)
//   pending_new            A    A     A     A     A     A     market/IOC may fill or expire first
//   unknown                A    A     A     A     A     A     a query answer is any venue state
//   new                    I    A     A     A     R     A     R: venues reject before the ack
//   partially_filled       I    A     A     A     R     A     I: a late `new` never goes back
//   pending_cancel         I    A     A     A     R     A     fills may land before the cancel
//   filled                 I    I     I     R     R     R     I: a late report of a fill is
//   canceled, expired      I    I     R     R*    R     R*       stale, R: two final answers
//   rejected               R    R     R     R     I     R     a rejected order never lived
//   (* the same state: I)
//
//   local steps            unknown  pend_cancel  new  part  rejected
//   pending_new            A        R            R    R     A   (rejected: provably never sent)
//   unknown                I        R            R    R     R   query it; a cancel is no answer
//   new                    R        A            I    R     R
//   partially_filled       R        A            R    I     R
//   pending_cancel         R        I            A    A     R   the cancel was refused: back to
//                                                               new, or partially_filled when it
//                                                               has fills (the engine knows which)
//   final states           R        R            R    R     R   nothing left to cancel
//   Local steps to filled, canceled or expired: R (only the venue says so).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tradehost::orders {

enum class OrderState : std::uint8_t {
  pending_new,
  unknown,
  pending_cancel,
  new_,  // "new": a C++ keyword, so the only enumerator not spelled as in JSON
  partially_filled,
  filled,
  canceled,
  rejected,
  expired,
};
inline constexpr std::size_t kOrderStateCount = 9;

enum class Cause : std::uint8_t { venue, local };

enum class Verdict : std::uint8_t {
  allowed,  // journal the transition, then act on it
  ignored,  // a duplicate or stale report: nothing to journal, not an error
  refused,  // impossible: a bug or a venue contradiction; the state stays as it was
};

struct TransitionCheck {
  Verdict verdict;
  std::string_view reason;  // why not, for ignored and refused; static text; empty when allowed
};

constexpr std::string_view to_string(OrderState s) noexcept {
  switch (s) {
    case OrderState::pending_new: return "pending_new";
    case OrderState::unknown: return "unknown";
    case OrderState::pending_cancel: return "pending_cancel";
    case OrderState::new_: return "new";
    case OrderState::partially_filled: return "partially_filled";
    case OrderState::filled: return "filled";
    case OrderState::canceled: return "canceled";
    case OrderState::rejected: return "rejected";
    case OrderState::expired: return "expired";
  }
  return "?";
}

constexpr std::optional<OrderState> parse_order_state(std::string_view text) noexcept {
  for (std::size_t i = 0; i < kOrderStateCount; ++i) {
    const auto s = static_cast<OrderState>(i);
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

constexpr std::string_view to_string(Cause c) noexcept {
  return c == Cause::venue ? "venue" : "local";
}
constexpr std::optional<Cause> parse_cause(std::string_view text) noexcept {
  if (text == "venue") return Cause::venue;
  if (text == "local") return Cause::local;
  return std::nullopt;
}

constexpr std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::allowed: return "allowed";
    case Verdict::ignored: return "ignored";
    case Verdict::refused: return "refused";
  }
  return "?";
}

// Final: no further state change and no further fill is expected.
constexpr bool terminal(OrderState s) noexcept {
  return s == OrderState::filled || s == OrderState::canceled || s == OrderState::rejected ||
         s == OrderState::expired;
}

// Exists only in tradehost; a venue never reports it.
constexpr bool local_state(OrderState s) noexcept {
  return s == OrderState::pending_new || s == OrderState::unknown ||
         s == OrderState::pending_cancel;
}

namespace detail {

// Why a cell of the table says what it says; each maps to a verdict and a reason below.
enum class Rule : std::uint8_t {
  ok,
  same,              // I
  stale,             // I
  to_pending_new,    // R
  venue_local,       // R
  reject_after_ack,  // R
  two_finals,        // R
  never_lived,       // R
  venue_only,        // R
  cancel_unacked,    // R
  resolve_by_query,  // R
  not_in_flight,     // R
  backwards,         // R
  final_local,       // R
};

constexpr TransitionCheck explain(Rule rule) noexcept {
  switch (rule) {
    case Rule::ok: return {Verdict::allowed, ""};
    case Rule::same: return {Verdict::ignored, "duplicate: the order is already in this state"};
    case Rule::stale: return {Verdict::ignored, "stale: the order is already past this state"};
    case Rule::to_pending_new:
      return {Verdict::refused, "an order starts in pending_new and never returns to it"};
    case Rule::venue_local:
      return {Verdict::refused,
              "a venue never reports a local state (pending_new, unknown, pending_cancel)"};
    case Rule::reject_after_ack:
      return {
          Verdict::refused,
          "a venue rejects an order before acknowledging it, not after (a refused cancel is the "
          "local step back from pending_cancel)"};
    case Rule::two_finals:
      return {Verdict::refused, "the order already has a different final state"};
    case Rule::never_lived:
      return {Verdict::refused, "a rejected order never lived: no later report can apply to it"};
    case Rule::venue_only:
      return {Verdict::refused, "only a venue report moves an order to this state"};
    case Rule::cancel_unacked:
      return {
          Verdict::refused,
          "only an acknowledged order can be canceled: wait for the answer, or resolve unknown by "
          "querying the client order id"};
    case Rule::resolve_by_query:
      return {
          Verdict::refused,
          "an unknown order may exist at the venue: resolve it by querying its client order id"};
    case Rule::not_in_flight:
      return {Verdict::refused, "only an order sent and not yet answered becomes unknown"};
    case Rule::backwards:
      return {Verdict::refused, "a partially filled order never goes back to new"};
    case Rule::final_local: return {Verdict::refused, "the order is final: nothing is left to do"};
  }
  return {Verdict::refused, "?"};
}

// clang-format off: the tables are laid out as the matrix in the comment above.
using Row = Rule[kOrderStateCount];

// Columns in enum order: pending_new, unknown, pending_cancel, new, partially_filled, filled,
// canceled, rejected, expired.
inline constexpr Rule P = Rule::to_pending_new, L = Rule::venue_local, A = Rule::ok, S = Rule::same,
                      T = Rule::stale, J = Rule::reject_after_ack, F = Rule::two_finals,
                      N = Rule::never_lived, V = Rule::venue_only, C = Rule::cancel_unacked,
                      Q = Rule::resolve_by_query, U = Rule::not_in_flight, B = Rule::backwards,
                      X = Rule::final_local;

inline constexpr Row kVenue[kOrderStateCount] = {
    //  pn unk pc new part fill canc rej exp
    {P, L, L, A, A, A, A, A, A},  // pending_new
    {P, L, L, A, A, A, A, A, A},  // unknown
    {P, L, L, T, A, A, A, J, A},  // pending_cancel
    {P, L, L, S, A, A, A, J, A},  // new
    {P, L, L, T, A, A, A, J, A},  // partially_filled
    {P, L, L, T, T, S, F, F, F},  // filled
    {P, L, L, T, T, F, S, F, F},  // canceled
    {P, L, L, N, N, N, N, S, N},  // rejected
    {P, L, L, T, T, F, F, F, S},  // expired
};

inline constexpr Row kLocal[kOrderStateCount] = {
    //  pn unk pc new part fill canc rej exp
    {P, A, C, V, V, V, V, A, V},  // pending_new
    {P, S, C, V, V, V, V, Q, V},  // unknown
    {P, U, S, A, A, V, V, V, V},  // pending_cancel
    {P, U, A, S, V, V, V, V, V},  // new
    {P, U, A, B, S, V, V, V, V},  // partially_filled
    {P, X, X, X, X, X, X, X, X},  // filled
    {P, X, X, X, X, X, X, X, X},  // canceled
    {P, X, X, X, X, X, X, X, X},  // rejected
    {P, X, X, X, X, X, X, X, X},  // expired
};
// clang-format on

}  // namespace detail

// The verdict and reason for moving an order from `from` to `to` for `cause`, from the table
// above.
constexpr TransitionCheck check_transition(OrderState from, OrderState to, Cause cause) noexcept {
  const auto f = static_cast<std::size_t>(from);
  const auto t = static_cast<std::size_t>(to);
  if (f >= kOrderStateCount || t >= kOrderStateCount) {
    return {Verdict::refused, "not an order state"};
  }
  return detail::explain(cause == Cause::venue ? detail::kVenue[f][t] : detail::kLocal[f][t]);
}

constexpr bool allowed(OrderState from, OrderState to, Cause cause) noexcept {
  return check_transition(from, to, cause).verdict == Verdict::allowed;
}

}  // namespace tradehost::orders
