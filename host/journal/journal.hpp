// Journal: the engine's durable record (issue 14 item 5): runs, intents, vetoes, orders with
// their client order ids, every order state change, fills, positions and equity, in one SQLite
// file `<state_dir>/journal.sqlite` (WAL, synchronous=FULL). docs/journal.md has the schema.
//
// Journal, then act: each write is committed and on disk when the call returns, so the engine
// writes first and sends, cancels or books second; after a crash the journal holds every action
// that was taken (and maybe one that was about to be, which recovery shows as pending_new).
// An order's state changes only through record_transition, which applies the state machine
// (orders/order_state.hpp) to the journaled state.
//
// Ownership and threads: one Journal per process and state directory (a lock file refuses a
// second, see state_dir_lock.hpp); move-only; not thread-safe: the engine's strand owns it.
// Errors are values; a message names the file and the fix. Nothing here logs.
#pragma once

#include <tradehost/sdk/result.hpp>
#include "journal/records.hpp"
#include "orders/order_state.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace tradehost::journal {

inline constexpr const char* kJournalFileName = "journal.sqlite";

class Journal {
 public:
  // Creates the directory and file when absent, migrates an older schema, refuses a newer one,
  // a corrupt file, a directory another live process holds, or one it cannot write.
  static sdk::Result<Journal> open(const std::filesystem::path& state_dir);

  Journal(Journal&&) noexcept;
  Journal& operator=(Journal&&) noexcept;
  ~Journal();

  const std::filesystem::path& file() const noexcept;
  // The 8 hex digits every client order id of this journal carries.
  const std::string& tag() const noexcept;

  sdk::Result<RunId> begin_run(const RunStart& run);
  sdk::Status end_run(RunId run, WallTime stopped);

  sdk::Result<IntentId> record_intent(const Intent& intent);
  sdk::Status record_veto(const Veto& veto);

  // Gives the order its client order id (th-<tag>-<run>-<seq>, seq the next in its run),
  // journals it in state pending_new with its first order event, and returns the row. Only
  // then may the order be sent.
  sdk::Result<OrderRow> create_order(const NewOrder& order);

  // Checks `t` against the journaled state; when allowed, journals the event and the new state
  // (and the venue order id, once known) and returns allowed; ignored and refused write nothing
  // and come back as values with the reason. not_found for a client order id never created.
  sdk::Result<orders::TransitionCheck> record_transition(const Transition& t);

  // Stores a fill once per (exchange, exchange_fill_id): true when new, false when seen before
  // (then nothing is written). `position_after`, the position with this fill applied, is
  // written in the same transaction, so a fill and its position never disagree after a crash.
  sdk::Result<bool> record_fill(const Fill& fill, const Position* position_after = nullptr);

  sdk::Status record_position(const Position& position);
  sdk::Status record_equity(const EquitySnapshot& snapshot);

  // Everything a restart resumes from: open orders with their fills, positions, the last intent
  // acted on and those never acted on, the last run and equity. See docs/journal.md "Recovery".
  sdk::Result<Recovery> recover();

  struct Impl;  // journal_impl.hpp

 private:
  explicit Journal(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradehost::journal
