// StateDirLock: one tradehost per state directory. Holds an exclusive flock(2) on
// `<state_dir>/journal.lock` (holding our pid, for the message) for as long as it lives.
// The kernel drops the lock when the process dies, kill -9 included, so a crash never leaves
// a stale lock behind. (SQLite's own locks would let two processes interleave their writes in
// WAL mode; two engines sharing one journal would each send orders the other cannot see.)
#pragma once

#include <tradehost/sdk/result.hpp>

#include <filesystem>

namespace tradehost::journal {

class StateDirLock {
 public:
  // Creates the directory when absent. Errors name the directory and the fix: another live
  // process holds it, it cannot be created, or it is not writable.
  static sdk::Result<StateDirLock> acquire(const std::filesystem::path& state_dir);

  StateDirLock(StateDirLock&& other) noexcept;
  StateDirLock& operator=(StateDirLock&& other) noexcept;
  StateDirLock(const StateDirLock&) = delete;
  StateDirLock& operator=(const StateDirLock&) = delete;
  ~StateDirLock();

 private:
  explicit StateDirLock(int fd) noexcept : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace tradehost::journal
