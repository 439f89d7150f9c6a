// The RAII sqlite3 layer of the journal, and the one place SQLite result codes become Errors.
#include "journal/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <utility>

namespace tradehost::journal::sqlite {

namespace {

std::string dir_of(const std::filesystem::path& file) {
  return file.has_parent_path() ? file.parent_path().string() : std::string(".");
}

}  // namespace

// --- Statement ---

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), bind_rc_(other.bind_rc_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    bind_rc_ = other.bind_rc_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::bind(int index, std::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies the text, so a temporary may be bound.
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void Statement::bind_optional(int index, const std::optional<std::string>& text) {
  if (text) {
    bind(index, std::string_view(*text));
  } else {
    bind_null(index);
  }
}

void Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

sdk::Result<bool> Statement::step() {
  if (bind_rc_ != SQLITE_OK) {
    const int rc = std::exchange(bind_rc_, SQLITE_OK);
    return db_->error(rc, "bind a value");
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_);
  sdk::Error e = db_->error(rc, sql ? std::string_view(sql) : std::string_view("step"));
  sqlite3_reset(stmt_);
  return e;
}

sdk::Status Statement::run() {
  auto stepped = step();
  reset();
  if (!stepped) return std::move(stepped).error();
  return sdk::ok();
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_text(index);
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::string_view Statement::column_name(int index) const {
  const char* name = sqlite3_column_name(stmt_, index);
  return name != nullptr ? std::string_view(name) : std::string_view("?");
}

// --- Db ---

sdk::Result<Db> Db::open(const std::filesystem::path& file) {
  sqlite3* handle = nullptr;
  // NOMUTEX: one strand owns the connection. EXRESCODE: extended codes for clearer errors.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(file.c_str(), &handle, flags, nullptr);
  Db db(handle, file);  // closes the handle on every path, even a failed open
  if (rc != SQLITE_OK) return db.error(rc, "open");
  return db;
}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(db_); }

sdk::Status Db::exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc, sql);
  return sdk::ok();
}

sdk::Result<Statement> Db::prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(rc, sql);
  }
  return Statement(stmt, this);
}

sdk::Result<std::string> Db::query_text(std::string_view sql) const {
  auto stmt = prepare(sql);
  if (!stmt) return std::move(stmt).error();
  auto row = stmt->step();
  if (!row) return std::move(row).error();
  if (!*row) {
    return sdk::fail(sdk::ErrorCode::internal,
                     fmt::format("{}: '{}' returned no row", file_.string(), sql));
  }
  return stmt->column_text(0);
}

std::int64_t Db::changes() const noexcept { return sqlite3_changes64(db_); }

std::int64_t Db::last_insert_id() const noexcept { return sqlite3_last_insert_rowid(db_); }

sdk::Error Db::error(int rc, std::string_view what) const {
  const std::string file = file_.string();
  const std::string dir = dir_of(file_);
  const char* detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  // A message from the connection may be about an earlier call; the code is this call's.
  const std::string reason =
      (db_ != nullptr && (sqlite3_extended_errcode(db_) & 0xff) == (rc & 0xff))
          ? std::string(detail)
          : std::string(sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {
          sdk::ErrorCode::io,
          fmt::format("{}: the journal is locked ({}): another tradehost is using {}: stop it or "
                      "choose another --state-dir",
                      file, reason, dir)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {
          sdk::ErrorCode::io,
          fmt::format("{} is corrupt or not a tradehost journal ({}): move it aside together with "
                      "its -wal and -shm files to start a new journal, or restore a backup",
                      file, reason)};
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return {sdk::ErrorCode::io,
              fmt::format("{} cannot be opened for writing ({}): make {} writable by this user or "
                          "choose another --state-dir",
                          file, reason, dir)};
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return {
          sdk::ErrorCode::io,
          fmt::format("{}: writing the journal failed ({}): check free space and the disk holding "
                      "{}; nothing was recorded",
                      file, reason, dir)};
    case SQLITE_CONSTRAINT:
      return {sdk::ErrorCode::rejected, fmt::format("{}: {} refused: {}", file, what, reason)};
    default:
      return {sdk::ErrorCode::internal, fmt::format("{}: {} failed: {}", file, what, reason)};
  }
}

// --- Transaction ---

sdk::Result<Transaction> Transaction::begin(Db& db) {
  // IMMEDIATE takes the write lock now, so a busy journal fails here, before any work is done.
  auto begun = db.exec("BEGIN IMMEDIATE");
  if (!begun) return std::move(begun).error();
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");  // best effort: an error already went back
}

sdk::Status Transaction::commit() {
  Db* db = std::exchange(db_, nullptr);
  auto committed = db->exec("COMMIT");
  if (!committed) {
    (void)db->exec("ROLLBACK");  // a failed COMMIT may leave the transaction open
    return committed;
  }
  return sdk::ok();
}

}  // namespace tradehost::journal::sqlite
