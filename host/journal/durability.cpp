// Applies the journal's durability settings to a connection.
#include "journal/durability.hpp"

#include <fmt/format.h>

namespace tradehost::journal {

sdk::Status make_durable(sqlite::Db& db) {
  auto mode = db.query_text("PRAGMA journal_mode = WAL");
  if (!mode) return std::move(mode).error();
  if (*mode != "wal") {
    return sdk::fail(sdk::ErrorCode::io,
                     fmt::format("{}: SQLite could not use WAL mode here (it chose '{}'): choose a "
                                 "--state-dir on a local disk",
                                 db.file().string(), *mode));
  }
  // FULL: a commit survives a power cut, not only a crash of the process; an order is sent
  // right after its row commits.
  for (const char* pragma : {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    if (auto done = db.exec(pragma); !done) return done;
  }
  return sdk::ok();
}

}  // namespace tradehost::journal
