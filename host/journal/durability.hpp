// The connection settings that make a journal commit durable: WAL, synchronous=FULL, foreign
// keys on. Why FULL and not NORMAL: docs/journal.md "Durability".
#pragma once

#include "journal/sqlite.hpp"

namespace tradehost::journal {

// Applies the settings to `db` (per connection; call right after opening). Fails (io, naming
// the file) where SQLite cannot use WAL, e.g. on some network filesystems.
sdk::Status make_durable(sqlite::Db& db);

}  // namespace tradehost::journal
