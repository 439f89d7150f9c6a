// Journal's private state, shared by journal.cpp (opening, writes) and recovery.cpp (reads).
// Not part of the journal's interface: include journal.hpp.
#pragma once

#include "journal/journal.hpp"
#include "journal/sqlite.hpp"
#include "journal/state_dir_lock.hpp"

#include <string>

namespace tradehost::journal {

// Members are destroyed in reverse: statements, then the connection, then the lock, so the
// directory is released only once the file is closed.
struct Journal::Impl {
  StateDirLock lock;
  sqlite::Db db;
  std::string tag;

  sqlite::Statement insert_run;
  sqlite::Statement stop_run;
  sqlite::Statement insert_intent;
  sqlite::Statement insert_veto;
  sqlite::Statement next_order_seq;
  sqlite::Statement insert_order;
  sqlite::Statement insert_event;
  sqlite::Statement select_order_state;
  sqlite::Statement update_order_state;
  sqlite::Statement insert_fill;
  sqlite::Statement upsert_position;
  sqlite::Statement insert_equity;
};

std::int64_t to_ms(WallTime t) noexcept;
WallTime from_ms(std::int64_t ms) noexcept;

}  // namespace tradehost::journal
