// Tests the schema version table and ordered migrations: new, older and newer files.
#include "journal/schema.hpp"

#include "journal/journal.hpp"
#include "journal/sqlite.hpp"
#include "journal_fixtures.hpp"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <string>

namespace tradehost::journal {
namespace {

using testing::TempDir;

std::string count(sqlite::Db& db, const std::string& sql) {
  auto text = db.query_text(sql);
  EXPECT_TRUE(text.has_value()) << (text ? "" : text.error().message);
  return text ? *text : "";
}

TEST(JournalSchema, ANewFileIsMigratedToTheCurrentVersion) {
  TempDir dir;
  auto db = sqlite::Db::open(dir / "j.sqlite");
  ASSERT_TRUE(db.has_value()) << db.error().message;
  ASSERT_TRUE(migrate(*db, migrations()).has_value());
  const auto version = schema_version(*db);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(*version, kSchemaVersion);
  for (const char* table : {"journal", "runs", "intents", "orders", "order_events", "fills",
                            "positions", "equity_snapshots", "vetoes"}) {
    EXPECT_EQ(
        count(*db, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'"),
        "1")
        << table;
  }
  EXPECT_EQ(count(*db, "SELECT length(tag) FROM journal"), "8");
}

TEST(JournalSchema, MigratingTwiceAppliesEachVersionOnce) {
  TempDir dir;
  auto db = sqlite::Db::open(dir / "j.sqlite");
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(migrate(*db, migrations()).has_value());
  ASSERT_TRUE(migrate(*db, migrations()).has_value());
  EXPECT_EQ(count(*db, "SELECT count(*) FROM schema_version"), std::to_string(kSchemaVersion));
  EXPECT_EQ(count(*db, "SELECT count(*) FROM journal"), "1");
}

TEST(JournalSchema, AnOlderFileIsMigratedAndKeepsItsRows) {
  TempDir dir;
  auto db = sqlite::Db::open(dir / "j.sqlite");
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(migrate(*db, migrations()).has_value());
  ASSERT_TRUE(
      db->exec("INSERT INTO runs (started_ms, mode, config_summary) VALUES (1, 'paper', 'x')")
          .has_value());

  // This build's list plus a version 2, as the next build will have.
  std::array<Migration, kSchemaVersion + 1> longer{};
  for (int i = 0; i < kSchemaVersion; ++i)
    longer[static_cast<std::size_t>(i)] = migrations()[static_cast<std::size_t>(i)];
  longer.back() = Migration{kSchemaVersion + 1, "a test table",
                            "CREATE TABLE added_later (x INTEGER NOT NULL) STRICT;"};
  ASSERT_TRUE(migrate(*db, longer).has_value());

  EXPECT_EQ(*schema_version(*db), kSchemaVersion + 1);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM added_later"), "0");
  EXPECT_EQ(count(*db, "SELECT count(*) FROM runs"), "1");
  EXPECT_EQ(count(*db, "SELECT summary FROM schema_version WHERE version = 2"), "a test table");
}

TEST(JournalSchema, AnEmptyExistingFileIsMigratedByOpen) {
  TempDir dir;
  { std::ofstream touch(dir / kJournalFileName); }
  auto journal = Journal::open(dir.path());
  ASSERT_TRUE(journal.has_value()) << journal.error().message;
  auto db = sqlite::Db::open(dir / kJournalFileName);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(*schema_version(*db), kSchemaVersion);
}

TEST(JournalSchema, AFileFromANewerTradehostIsRefusedByName) {
  TempDir dir;
  {
    auto journal = Journal::open(dir.path());
    ASSERT_TRUE(journal.has_value()) << journal.error().message;
  }
  {
    auto db = sqlite::Db::open(dir / kJournalFileName);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->exec("INSERT INTO schema_version VALUES (99, 'future', 0)").has_value());
  }
  auto journal = Journal::open(dir.path());
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, sdk::ErrorCode::invalid_config);
  const std::string& m = journal.error().message;
  EXPECT_NE(m.find((dir / kJournalFileName).string()), std::string::npos) << m;
  EXPECT_NE(m.find("version 99, newer than this tradehost knows (1)"), std::string::npos) << m;
  EXPECT_NE(m.find("choose another --state-dir"), std::string::npos) << m;
}

TEST(JournalSchema, ASqliteFileThatIsNotAJournalIsRefused) {
  TempDir dir;
  {
    auto db = sqlite::Db::open(dir / kJournalFileName);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->exec("CREATE TABLE photos (id INTEGER)").has_value());
  }
  auto journal = Journal::open(dir.path());
  ASSERT_FALSE(journal.has_value());
  EXPECT_NE(journal.error().message.find("not a tradehost journal"), std::string::npos)
      << journal.error().message;
}

TEST(JournalSchema, AMigrationListWithAGapIsABug) {
  TempDir dir;
  auto db = sqlite::Db::open(dir / "j.sqlite");
  ASSERT_TRUE(db.has_value());
  const std::array<Migration, 1> gap = {Migration{2, "skips 1", "SELECT 1;"}};
  const auto migrated = migrate(*db, gap);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_EQ(migrated.error().code, sdk::ErrorCode::internal);
}

}  // namespace
}  // namespace tradehost::journal
