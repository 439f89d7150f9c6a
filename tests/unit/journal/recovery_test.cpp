// Tests Journal::recover after a clean close and after crashes: a child that _exit()s without
// closing, a child killed with SIGKILL, and a copy of the files taken while the journal is open.
#include "journal/journal.hpp"
#include "journal/sqlite.hpp"
#include "journal_fixtures.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace tradehost::journal {
namespace {

using orders::Cause;
using orders::OrderState;
using testing::at_ms;
using testing::dec;
using testing::TempDir;

// One run: an order partially filled, one filled, an intent vetoed, one never acted on, an
// order of the engine's own still pending_new, and one whose send got no answer (unknown).
// Returns false at the first write that fails (a child has no gtest to report to).
bool write_scenario(Journal& j) {
  auto run = j.begin_run(testing::paper_run());
  if (!run) return false;
  const Intent intent = testing::buy_intent(*run);

  auto ia = j.record_intent(intent);
  if (!ia) return false;
  auto oa = j.create_order(testing::order_for(intent, *ia));
  if (!oa) return false;
  Transition ack = testing::to_state(*oa, OrderState::new_);
  ack.venue_order_id = "v-a";
  Position pos{"binance", "BTC/USDT:USDT", dec("0.004"), dec("94190.10"), dec("0"), at_ms(2)};
  const Fill fa = testing::fill_of(*oa, "fA1", "0.004");
  if (!j.record_transition(ack) || !j.record_fill(fa, &pos) ||
      !j.record_transition(testing::to_state(*oa, OrderState::partially_filled))) {
    return false;
  }

  auto ib = j.record_intent(intent);
  if (!ib) return false;
  auto ob = j.create_order(testing::order_for(intent, *ib));
  if (!ob) return false;
  pos.qty = dec("0.014");
  if (!j.record_transition(testing::to_state(*ob, OrderState::filled)) ||
      !j.record_fill(testing::fill_of(*ob, "fB1", "0.010"), &pos)) {
    return false;
  }

  auto ic = j.record_intent(intent);
  if (!ic || !j.record_veto({*ic, "max_open_positions", "1 of 1 open", at_ms(3)})) return false;
  if (!j.record_intent(intent)) return false;  // intent 4: journaled, then the process died

  auto oe = j.create_order(testing::order_for(intent, 0));
  auto of = j.create_order(testing::order_for(intent, 0));
  if (!oe || !of) return false;
  if (!j.record_transition(testing::to_state(*of, OrderState::unknown, Cause::local))) return false;
  return j.record_equity({*run, dec("10000.00"), dec("0"), dec("-0.50"), at_ms(4)}).has_value();
}

void expect_scenario(const Recovery& r, const std::string& tag) {
  ASSERT_TRUE(r.last_run.has_value());
  EXPECT_EQ(*r.last_run, 1);
  EXPECT_FALSE(r.last_run_stopped);

  ASSERT_EQ(r.open_orders.size(), 3u);
  const OpenOrder& a = r.open_orders[0];
  EXPECT_EQ(a.row.client_order_id, "th-" + tag + "-1-1");
  EXPECT_EQ(a.row.state, OrderState::partially_filled);
  EXPECT_EQ(a.row.venue_order_id, std::optional<std::string>("v-a"));
  EXPECT_EQ(a.row.order.intent, std::optional<IntentId>(1));
  EXPECT_EQ(a.row.order.qty, dec("0.010"));
  EXPECT_EQ(a.row.order.price, std::optional<sdk::Decimal>(dec("94190.10")));
  EXPECT_EQ(a.row.order.type, orders::OrderType::limit);
  EXPECT_EQ(a.row.order.symbol, "BTC/USDT:USDT");
  ASSERT_EQ(a.fills.size(), 1u);
  EXPECT_EQ(a.fills[0].exchange_fill_id, "fA1");
  EXPECT_EQ(a.fills[0].qty, dec("0.004"));
  EXPECT_EQ(a.fills[0].fee, dec("0.37676040"));
  EXPECT_EQ(a.fills[0].liquidity, Liquidity::maker);

  EXPECT_EQ(r.open_orders[1].row.client_order_id, "th-" + tag + "-1-3");
  EXPECT_EQ(r.open_orders[1].row.state, OrderState::pending_new);
  EXPECT_FALSE(r.open_orders[1].row.order.intent.has_value());
  EXPECT_EQ(r.open_orders[2].row.client_order_id, "th-" + tag + "-1-4");
  EXPECT_EQ(r.open_orders[2].row.state, OrderState::unknown);

  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_EQ(r.positions[0].exchange, "binance");
  EXPECT_EQ(r.positions[0].qty, dec("0.014"));
  EXPECT_EQ(r.positions[0].avg_entry, dec("94190.10"));

  EXPECT_EQ(r.last_acted_intent, 3);
  ASSERT_EQ(r.unacted_intents.size(), 1u);
  EXPECT_EQ(r.unacted_intents[0].id, 4);
  EXPECT_EQ(r.unacted_intents[0].intent.qty, dec("0.010"));

  ASSERT_TRUE(r.last_equity.has_value());
  EXPECT_EQ(r.last_equity->equity_usd, dec("10000.00"));
  EXPECT_EQ(r.last_equity->unrealized_pnl_usd, dec("-0.50"));
}

Recovery recover_from(const std::filesystem::path& dir, std::string& tag) {
  auto j = Journal::open(dir);
  EXPECT_TRUE(j.has_value()) << j.error().message;
  if (!j) return {};
  tag = j->tag();
  auto r = j->recover();
  EXPECT_TRUE(r.has_value()) << r.error().message;
  return r ? std::move(*r) : Recovery{};
}

TEST(JournalRecovery, ANewJournalHasNothingToResume) {
  TempDir dir;
  std::string tag;
  const Recovery r = recover_from(dir.path(), tag);
  EXPECT_FALSE(r.last_run.has_value());
  EXPECT_TRUE(r.open_orders.empty());
  EXPECT_TRUE(r.positions.empty());
  EXPECT_EQ(r.last_acted_intent, 0);
  EXPECT_TRUE(r.unacted_intents.empty());
  EXPECT_FALSE(r.last_equity.has_value());
}

TEST(JournalRecovery, AfterACleanCloseEverythingComesBack) {
  TempDir dir;
  {
    auto j = Journal::open(dir.path());
    ASSERT_TRUE(j.has_value()) << j.error().message;
    ASSERT_TRUE(write_scenario(*j));
  }
  std::string tag;
  expect_scenario(recover_from(dir.path(), tag), tag);
}

TEST(JournalRecovery, AStoppedRunIsReportedAsStopped) {
  TempDir dir;
  {
    auto j = Journal::open(dir.path());
    ASSERT_TRUE(j.has_value());
    ASSERT_TRUE(j->end_run(*j->begin_run(testing::paper_run()), at_ms(9)).has_value());
  }
  std::string tag;
  const Recovery r = recover_from(dir.path(), tag);
  EXPECT_TRUE(r.last_run_stopped);
}

TEST(JournalRecovery, AProcessThatExitsWithoutClosingLosesNothing) {
  TempDir dir;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto j = Journal::open(dir.path());
    const bool ok = j.has_value() && write_scenario(*j);
    _exit(ok ? 0 : 1);  // no destructor runs: the file is never closed nor checkpointed
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_GT(std::filesystem::file_size(dir / "journal.sqlite-wal"), 0u);
  std::string tag;
  expect_scenario(recover_from(dir.path(), tag), tag);
}

TEST(JournalRecovery, AProcessKilledWithSigkillLosesNothingItCommitted) {
  TempDir dir;
  int done[2];
  ASSERT_EQ(pipe(done), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(done[0]);
    auto j = Journal::open(dir.path());
    const char ok = (j.has_value() && write_scenario(*j)) ? '1' : '0';
    (void)!write(done[1], &ok, 1);
    for (;;) pause();  // killed here, journal open, lock held
  }
  close(done[1]);
  char ok = 0;
  ASSERT_EQ(read(done[0], &ok, 1), 1);
  close(done[0]);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(ok, '1');

  std::string tag;
  expect_scenario(recover_from(dir.path(), tag), tag);
}

TEST(JournalRecovery, ACopyOfTheFilesTakenWhileOpenRecovers) {
  TempDir dir;
  TempDir copy;
  auto j = Journal::open(dir.path());
  ASSERT_TRUE(j.has_value());
  ASSERT_TRUE(write_scenario(*j));
  // What a power cut leaves: the database and its WAL as they are on disk, no -shm, no lock.
  for (const char* name : {"journal.sqlite", "journal.sqlite-wal"}) {
    std::filesystem::copy_file(dir / name, copy / name);
  }
  std::string tag;
  expect_scenario(recover_from(copy.path(), tag), tag);
  EXPECT_EQ(tag, j->tag());
}

TEST(JournalRecovery, ARestartAfterACrashNeverReusesAClientOrderId) {
  TempDir dir;
  {
    auto j = Journal::open(dir.path());
    ASSERT_TRUE(j.has_value());
    ASSERT_TRUE(write_scenario(*j));
  }
  auto j = Journal::open(dir.path());
  ASSERT_TRUE(j.has_value());
  auto r = j->recover();
  ASSERT_TRUE(r.has_value());
  auto run = j->begin_run(testing::paper_run());
  ASSERT_TRUE(run.has_value());
  auto next = j->create_order(testing::order_for(testing::buy_intent(*run), 0));
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->client_order_id, "th-" + j->tag() + "-2-1");
  for (const auto& open : r->open_orders)
    EXPECT_NE(open.row.client_order_id, next->client_order_id);
}

TEST(JournalRecovery, ATamperedValueIsReportedWithItsTableAndColumn) {
  TempDir dir;
  auto j = Journal::open(dir.path());
  ASSERT_TRUE(j.has_value());
  ASSERT_TRUE(write_scenario(*j));
  {
    auto db = sqlite::Db::open(dir / kJournalFileName);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE(db->exec("UPDATE orders SET qty = '1e-3' WHERE seq = 1").has_value());
  }
  auto r = j->recover();
  ASSERT_FALSE(r.has_value());
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("is corrupt: orders.qty holds '1e-3', not a decimal"), std::string::npos) << m;
}

}  // namespace
}  // namespace tradehost::journal
