// A thin RAII layer over sqlite3 for the journal: one connection (Db), its prepared statements
// (Statement) and write transactions (Transaction). Errors are values whose message names the
// file and says what to do (a locked, corrupt, read-only or full journal).
// Not thread-safe: a Db and its statements belong to the one strand that owns the Journal.
#pragma once

#include <tradehost/sdk/result.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tradehost::journal::sqlite {

class Db;

// A prepared statement. Parameters are 1-based, columns 0-based (SQLite's convention). A bind
// failure is kept and reported by the next step(), so a call site binds without checking each.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  void bind(int index, std::int64_t value);
  void bind(int index, std::string_view text);
  void bind_optional(int index, const std::optional<std::string>& text);  // nullopt: NULL
  void bind_null(int index);

  // True: a row is ready to read; false: done. Errors name the file and the fix.
  sdk::Result<bool> step();
  // Runs a statement that returns no rows (an INSERT, UPDATE), then resets it.
  sdk::Status run();
  // Ready to bind and step again; bindings are cleared.
  void reset() noexcept;

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  std::optional<std::string> column_optional_text(int index) const;  // NULL -> nullopt
  bool column_is_null(int index) const;
  std::string_view column_name(int index) const;

 private:
  friend class Db;
  Statement(sqlite3_stmt* stmt, const Db* db) noexcept : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  const Db* db_ = nullptr;
  int bind_rc_ = 0;  // SQLITE_OK
};

class Db {
 public:
  // Opens (creating when absent) the database at `file`. Nothing is read yet: a corrupt file is
  // found by the first statement.
  static sdk::Result<Db> open(const std::filesystem::path& file);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // For pragmas and DDL (schema migrations) only; rows are written through prepared statements.
  sdk::Status exec(const std::string& sql);
  sdk::Result<Statement> prepare(std::string_view sql) const;
  // The value of a one-row, one-column query (a pragma), as text.
  sdk::Result<std::string> query_text(std::string_view sql) const;

  // The last SQLite error on this connection, as an Error naming the file and the fix. `rc` is
  // the result code being reported; `what` names the step ("prepare", "insert a fill").
  sdk::Error error(int rc, std::string_view what) const;

  // Rows changed by the last INSERT/UPDATE; rowid of the last INSERT.
  std::int64_t changes() const noexcept;
  std::int64_t last_insert_id() const noexcept;

  const std::filesystem::path& file() const noexcept { return file_; }
  sqlite3* handle() const noexcept { return db_; }

 private:
  Db(sqlite3* db, std::filesystem::path file) noexcept : db_(db), file_(std::move(file)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

// BEGIN IMMEDIATE ... COMMIT. Rolls back when destroyed uncommitted, so an early `return` on an
// error leaves nothing half-written. The commit is durable when it returns (synchronous=FULL).
class Transaction {
 public:
  static sdk::Result<Transaction> begin(Db& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  sdk::Status commit();

 private:
  explicit Transaction(Db* db) noexcept : db_(db) {}
  Db* db_ = nullptr;  // null once committed or rolled back
};

}  // namespace tradehost::journal::sqlite
