// The journal's schema and its ordered migrations. A file records the versions applied to it in
// `schema_version`; opening applies the missing ones in order, each in its own transaction, and
// refuses a file written by a newer tradehost (it may hold rows this one would misread).
// Called only while opening a Journal, by the strand that owns it.
#pragma once

#include "journal/sqlite.hpp"

#include <span>
#include <string_view>

namespace tradehost::journal {

struct Migration {
  int version;               // 1, 2, 3, ... with no gap
  std::string_view summary;  // recorded beside the version
  std::string_view sql;      // DDL, run with sqlite3_exec
};

inline constexpr int kSchemaVersion = 1;

// This build's migrations, oldest first; the last one's version is kSchemaVersion.
std::span<const Migration> migrations() noexcept;

// The highest version applied to `db` (0 for a new, empty file).
sdk::Result<int> schema_version(sqlite::Db& db);

// Brings `db` to the last version of `list`. Refuses (invalid_config) a file at a newer version
// than `list` knows, and (io) a file that holds tables but is no tradehost journal. The list is a
// parameter so that a test can migrate with a longer list than this build's.
sdk::Status migrate(sqlite::Db& db, std::span<const Migration> list);

}  // namespace tradehost::journal
