// Reads a journal file's schema version and applies the missing migrations in order.
#include "journal/schema.hpp"

#include <fmt/format.h>

#include <chrono>
#include <string>

namespace tradehost::journal {
namespace {

constexpr std::string_view kVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  summary TEXT NOT NULL,
  applied_ms INTEGER NOT NULL
) STRICT)sql";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// True when the file holds tables besides schema_version (which this build may have just made).
sdk::Result<bool> holds_other_tables(sqlite::Db& db) {
  auto stmt = db.prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
      "name <> 'schema_version'");
  if (!stmt) return std::move(stmt).error();
  auto row = stmt->step();
  if (!row) return std::move(row).error();
  return *row && stmt->column_int(0) > 0;
}

sdk::Status check_list(std::span<const Migration> list, const std::filesystem::path& file) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].version != static_cast<int>(i) + 1) {
      return sdk::fail(sdk::ErrorCode::internal,
                       fmt::format("{}: migration {} is numbered {}: migrations run 1, 2, 3, ...",
                                   file.string(), i + 1, list[i].version));
    }
  }
  return sdk::ok();
}

}  // namespace

sdk::Result<int> schema_version(sqlite::Db& db) {
  auto made = db.exec(std::string(kVersionTable));
  if (!made) return std::move(made).error();
  auto text = db.query_text("SELECT coalesce(max(version), 0) FROM schema_version");
  if (!text) return std::move(text).error();
  return std::stoi(*text);
}

sdk::Status migrate(sqlite::Db& db, std::span<const Migration> list) {
  if (auto ok = check_list(list, db.file()); !ok) return ok;
  auto current = schema_version(db);
  if (!current) return std::move(current).error();
  const int known = list.empty() ? 0 : list.back().version;
  if (*current > known) {
    return sdk::fail(
        sdk::ErrorCode::invalid_config,
        fmt::format("{} has journal schema version {}, newer than this tradehost knows "
                    "({}): run the tradehost that wrote it, or choose another --state-dir",
                    db.file().string(), *current, known));
  }
  if (*current == 0) {
    auto foreign = holds_other_tables(db);
    if (!foreign) return std::move(foreign).error();
    if (*foreign) {
      return sdk::fail(sdk::ErrorCode::io,
                       fmt::format("{} is a SQLite file but not a tradehost journal (it has no "
                                   "schema_version): move it aside or choose another --state-dir",
                                   db.file().string()));
    }
  }
  auto record =
      db.prepare("INSERT INTO schema_version (version, summary, applied_ms) VALUES (?, ?, ?)");
  if (!record) return std::move(record).error();
  for (const Migration& m : list) {
    if (m.version <= *current) continue;
    auto tx = sqlite::Transaction::begin(db);
    if (!tx) return std::move(tx).error();
    if (auto applied = db.exec(std::string(m.sql)); !applied) {
      return sdk::fail(applied.error().code,
                       fmt::format("migrating to journal schema version {}: {}", m.version,
                                   applied.error().message));
    }
    record->bind(1, std::int64_t{m.version});
    record->bind(2, m.summary);
    record->bind(3, now_ms());
    if (auto ran = record->run(); !ran) return ran;
    if (auto committed = tx->commit(); !committed) return committed;
  }
  return sdk::ok();
}

}  // namespace tradehost::journal
