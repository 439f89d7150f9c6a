// Tests opening the journal (the lock, bad files and directories) and each of its writes.
#include "journal/journal.hpp"

#include "journal/client_order_id.hpp"
#include "journal/durability.hpp"
#include "journal/sqlite.hpp"
#include "journal_fixtures.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace tradehost::journal {
namespace {

using orders::Cause;
using orders::OrderState;
using orders::Verdict;
using testing::TempDir;

// A second connection to the journal's file, to look at what was committed.
std::string query(const TempDir& dir, const std::string& sql) {
  auto db = sqlite::Db::open(dir / kJournalFileName);
  EXPECT_TRUE(db.has_value());
  if (!db) return "";
  auto text = db->query_text(sql);
  EXPECT_TRUE(text.has_value()) << (text ? "" : text.error().message);
  return text ? *text : "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Journal open_ok(const TempDir& dir) {
  auto journal = Journal::open(dir.path());
  EXPECT_TRUE(journal.has_value()) << journal.error().message;
  return std::move(*journal);
}

// --- opening ---

TEST(Journal, OpensANewStateDirectoryInWalMode) {
  TempDir dir;
  const auto state = dir / "var";
  auto journal = Journal::open(state);
  ASSERT_TRUE(journal.has_value()) << journal.error().message;
  EXPECT_EQ(journal->file(), state / "journal.sqlite");
  EXPECT_TRUE(std::filesystem::exists(state / "journal.sqlite-wal"));
  auto db = sqlite::Db::open(state / kJournalFileName);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(*db->query_text("PRAGMA journal_mode"), "wal");
}

TEST(Journal, ConnectionsAreMadeDurable) {
  TempDir dir;
  auto db = sqlite::Db::open(dir / "j.sqlite");
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE(make_durable(*db).has_value());
  EXPECT_EQ(*db->query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(*db->query_text("PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(*db->query_text("PRAGMA foreign_keys"), "1");
}

TEST(Journal, ASecondOpenOfTheSameDirectoryIsRefused) {
  TempDir dir;
  Journal first = open_ok(dir);
  auto second = Journal::open(dir.path());
  ASSERT_FALSE(second.has_value());
  const std::string& m = second.error().message;
  EXPECT_TRUE(contains(m, "another tradehost (pid " + std::to_string(getpid()) + ") is using " +
                              dir.path().string() + ": stop it or choose another --state-dir"))
      << m;
}

TEST(Journal, ADirectoryHeldByAnotherLiveProcessIsRefusedUntilItExits) {
  TempDir dir;
  int ready[2];
  int release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto journal = Journal::open(dir.path());
    const char ok = journal.has_value() ? '1' : '0';
    (void)!write(ready[1], &ok, 1);
    char go = 0;
    (void)!read(release[0], &go, 1);  // hold the directory until the parent has tried
    _exit(0);
  }
  char ok = 0;
  ASSERT_EQ(read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1');

  auto refused = Journal::open(dir.path());
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(
      contains(refused.error().message, "another tradehost (pid " + std::to_string(child) + ")"))
      << refused.error().message;

  ASSERT_EQ(write(release[1], "x", 1), 1);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  for (int fd : {ready[0], ready[1], release[0], release[1]}) close(fd);
  EXPECT_TRUE(Journal::open(dir.path()).has_value());
}

TEST(Journal, ReopensAfterTheFirstIsClosed) {
  TempDir dir;
  { Journal first = open_ok(dir); }
  EXPECT_TRUE(Journal::open(dir.path()).has_value());
}

TEST(Journal, ACorruptFileIsRefusedWithTheFix) {
  TempDir dir;
  {
    std::ofstream out(dir / kJournalFileName, std::ios::binary);
    for (int i = 0; i < 500; ++i) out << "this is not a sqlite database ";
  }
  auto journal = Journal::open(dir.path());
  ASSERT_FALSE(journal.has_value());
  const std::string& m = journal.error().message;
  EXPECT_TRUE(
      contains(m, (dir / kJournalFileName).string() + " is corrupt or not a tradehost journal"))
      << m;
  EXPECT_TRUE(contains(m, "move it aside")) << m;
}

TEST(Journal, AStateDirectoryThatCannotBeCreatedIsRefused) {
  TempDir dir;
  { std::ofstream file(dir / "plain-file"); }
  auto journal = Journal::open(dir / "plain-file" / "var");
  ASSERT_FALSE(journal.has_value());
  EXPECT_TRUE(contains(journal.error().message, "cannot create the state directory"))
      << journal.error().message;
  EXPECT_TRUE(contains(journal.error().message, "--state-dir")) << journal.error().message;
}

// Root writes anywhere, so under root (CI) the open runs in a child that dropped to nobody.
TEST(Journal, AReadOnlyStateDirectoryIsRefused) {
  TempDir dir;
  const auto state = dir / "ro";
  std::filesystem::create_directory(state);
  namespace fs = std::filesystem;
  const auto read_and_enter = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(state, read_and_enter);
  fs::permissions(dir.path(), read_and_enter | fs::perms::owner_write);  // nobody may pass through
  auto refused = [&]() -> bool {
    auto journal = Journal::open(state);
    return !journal.has_value() && contains(journal.error().message, "is not writable");
  };
  bool ok = false;
  if (geteuid() != 0) {
    ok = refused();
  } else {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      constexpr uid_t kNobody = 65534;
      if (setgid(kNobody) != 0 || setuid(kNobody) != 0) _exit(2);
      _exit(refused() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  fs::permissions(state, fs::perms::owner_all);
  EXPECT_TRUE(ok) << "a state directory the process cannot write must be refused as 'is not writable'";
}

// --- writes ---

TEST(Journal, ClientOrderIdsCountUpWithinARunAndCarryTheTag) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  const Intent intent = testing::buy_intent(run);
  const IntentId id = *j.record_intent(intent);
  for (std::int64_t seq = 1; seq <= 3; ++seq) {
    auto order = j.create_order(testing::order_for(intent, id));
    ASSERT_TRUE(order.has_value()) << order.error().message;
    EXPECT_EQ(order->seq, seq);
    EXPECT_EQ(order->client_order_id,
              "th-" + j.tag() + "-" + std::to_string(run) + "-" + std::to_string(seq));
    EXPECT_TRUE(valid_on_every_venue(order->client_order_id));
    EXPECT_EQ(order->state, OrderState::pending_new);
  }
}

TEST(Journal, ClientOrderIdsAreNeverReusedAcrossRestarts) {
  TempDir dir;
  std::string first_id;
  std::string tag;
  {
    Journal j = open_ok(dir);
    tag = j.tag();
    const RunId run = *j.begin_run(testing::paper_run());
    first_id =
        j.create_order(testing::order_for(testing::buy_intent(run), 0)).operator*().client_order_id;
  }
  Journal j = open_ok(dir);
  EXPECT_EQ(j.tag(), tag);
  const RunId run = *j.begin_run(testing::paper_run());
  EXPECT_EQ(run, 2);
  NewOrder o = testing::order_for(testing::buy_intent(run), 0);
  o.intent.reset();
  auto second = j.create_order(o);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_NE(second->client_order_id, first_id);
  EXPECT_EQ(second->client_order_id, "th-" + tag + "-2-1");
}

TEST(Journal, EachStateDirectoryDrawsItsOwnTag) {
  TempDir a;
  TempDir b;
  Journal ja = open_ok(a);
  Journal jb = open_ok(b);
  EXPECT_NE(ja.tag(), jb.tag());  // 1 in 2^32 to collide
}

TEST(Journal, ACreatedOrderHasItsFirstEventBeforeItIsReturned) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  const Intent intent = testing::buy_intent(run);
  auto order = j.create_order(testing::order_for(intent, *j.record_intent(intent)));
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(query(dir, "SELECT state FROM orders"), "pending_new");
  EXPECT_EQ(query(dir,
                  "SELECT count(*) FROM order_events WHERE from_state IS NULL AND "
                  "to_state = 'pending_new' AND cause = 'local'"),
            "1");
}

TEST(Journal, MoneyIsStoredAsExactDecimalText) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  const Intent intent = testing::buy_intent(run);
  auto order = *j.create_order(testing::order_for(intent, *j.record_intent(intent)));
  ASSERT_TRUE(j.record_fill(testing::fill_of(order, "f1", "0.010")).has_value());
  EXPECT_EQ(query(dir, "SELECT typeof(qty) || ' ' || qty || ' ' || price FROM orders"),
            "text 0.010 94190.10");
  EXPECT_EQ(query(dir, "SELECT typeof(qty) || ' ' || qty FROM intents"), "text 0.010");
  EXPECT_EQ(query(dir, "SELECT typeof(fee) || ' ' || fee FROM fills"), "text 0.37676040");
}

TEST(Journal, AnAllowedTransitionIsJournaledWithTheVenueOrderId) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  Transition ack = testing::to_state(order, OrderState::new_);
  ack.venue_order_id = "712345678901";
  ack.reason = "NEW";
  auto check = j.record_transition(ack);
  ASSERT_TRUE(check.has_value()) << check.error().message;
  EXPECT_EQ(check->verdict, Verdict::allowed);
  auto fill = j.record_transition(testing::to_state(order, OrderState::partially_filled));
  ASSERT_TRUE(fill.has_value());
  EXPECT_EQ(fill->verdict, Verdict::allowed);

  EXPECT_EQ(query(dir, "SELECT state || ' ' || venue_order_id FROM orders"),
            "partially_filled 712345678901");
  EXPECT_EQ(query(dir,
                  "SELECT group_concat(coalesce(from_state, '-') || '>' || to_state, ',') FROM "
                  "(SELECT * FROM order_events ORDER BY seq)"),
            "->pending_new,pending_new>new,new>partially_filled");
}

TEST(Journal, AnIgnoredTransitionWritesNothing) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  ASSERT_TRUE(
      j.record_transition(testing::to_state(order, OrderState::partially_filled)).has_value());
  auto late_new = j.record_transition(testing::to_state(order, OrderState::new_));
  ASSERT_TRUE(late_new.has_value());
  EXPECT_EQ(late_new->verdict, Verdict::ignored);
  EXPECT_EQ(query(dir, "SELECT state FROM orders"), "partially_filled");
  EXPECT_EQ(query(dir, "SELECT count(*) FROM order_events"), "2");
}

TEST(Journal, ARefusedTransitionWritesNothingAndSaysWhy) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  ASSERT_TRUE(j.record_transition(testing::to_state(order, OrderState::filled)).has_value());
  auto cancel = j.record_transition(testing::to_state(order, OrderState::canceled));
  ASSERT_TRUE(cancel.has_value());
  EXPECT_EQ(cancel->verdict, Verdict::refused);
  EXPECT_TRUE(contains(std::string(cancel->reason), "different final state"));
  EXPECT_EQ(query(dir, "SELECT state FROM orders"), "filled");
  EXPECT_EQ(query(dir, "SELECT count(*) FROM order_events"), "2");
}

TEST(Journal, ATransitionOfAnUnknownClientOrderIdIsNotFound) {
  TempDir dir;
  Journal j = open_ok(dir);
  Transition t;
  t.client_order_id = "th-00000000-1-1";
  auto check = j.record_transition(t);
  ASSERT_FALSE(check.has_value());
  EXPECT_EQ(check.error().code, sdk::ErrorCode::not_found);
  EXPECT_TRUE(contains(check.error().message, "th-00000000-1-1"));
}

TEST(Journal, AFillSeenTwiceIsStoredOnce) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  const Fill fill = testing::fill_of(order, "8886774", "0.004");
  auto first = j.record_fill(fill);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(*first);
  auto again = j.record_fill(fill);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(*again);
  Fill elsewhere = fill;
  elsewhere.exchange = "bingx";  // fill ids are unique per exchange only
  EXPECT_TRUE(*j.record_fill(elsewhere));
  EXPECT_EQ(query(dir, "SELECT count(*) FROM fills"), "2");
  EXPECT_EQ(query(dir, "SELECT count(*) FROM fills f JOIN orders o ON o.id = f.order_id"), "2");
}

TEST(Journal, ADuplicateFillDoesNotReapplyItsPosition) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  const Fill fill = testing::fill_of(order, "f1", "0.004");
  Position after{"binance",
                 "BTC/USDT:USDT",
                 testing::dec("0.004"),
                 testing::dec("94190.10"),
                 testing::dec("0"),
                 testing::at_ms(1767225602000)};
  ASSERT_TRUE(*j.record_fill(fill, &after));
  Position doubled = after;
  doubled.qty = testing::dec("0.008");
  ASSERT_FALSE(*j.record_fill(fill, &doubled));
  EXPECT_EQ(query(dir, "SELECT qty FROM positions"), "0.004");
}

TEST(Journal, AFillOfAForeignOrderIsKeptWithoutAnOrder) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  Fill liquidation = testing::fill_of(order, "f9", "0.004");
  liquidation.client_order_id = "autoclose-1767225601";  // binance §9: the venue's own order
  EXPECT_TRUE(*j.record_fill(liquidation));
  EXPECT_EQ(query(dir, "SELECT coalesce(order_id, 'none') || ' ' || client_order_id FROM fills"),
            "none autoclose-1767225601");
}

TEST(Journal, AFillWithoutAClientOrderIdFindsItsOrderByTheVenueOrderId) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  auto order = *j.create_order(testing::order_for(testing::buy_intent(run), 0));
  Transition ack = testing::to_state(order, OrderState::new_);
  ack.venue_order_id = "1800123456789012345";
  ASSERT_TRUE(j.record_transition(ack).has_value());
  Fill push = testing::fill_of(order, "t1", "0.004");
  push.client_order_id.reset();  // bingx §10: `c` is empty in ORDER_TRADE_UPDATE
  push.venue_order_id = "1800123456789012345";
  EXPECT_TRUE(*j.record_fill(push));
  EXPECT_EQ(query(dir, "SELECT o.client_order_id FROM fills f JOIN orders o ON o.id = f.order_id"),
            order.client_order_id);
  auto r = j.recover();
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->open_orders.size(), 1u);
  ASSERT_EQ(r->open_orders[0].fills.size(), 1u);
  EXPECT_EQ(r->open_orders[0].fills[0].venue_order_id, push.venue_order_id);
}

TEST(Journal, VetoesEquityAndTheEndOfARunAreJournaled) {
  TempDir dir;
  Journal j = open_ok(dir);
  const RunId run = *j.begin_run(testing::paper_run());
  const IntentId intent = *j.record_intent(testing::buy_intent(run));
  ASSERT_TRUE(
      j.record_veto({intent, "below_min_notional", "0.0001 x 94190.10 < 100", testing::at_ms(1)})
          .has_value());
  ASSERT_TRUE(j.record_equity({run, testing::dec("10000.00"), testing::dec("-1.25"),
                               testing::dec("3.50"), testing::at_ms(2)})
                  .has_value());
  ASSERT_TRUE(j.end_run(run, testing::at_ms(3)).has_value());
  EXPECT_EQ(query(dir, "SELECT reason FROM vetoes WHERE intent_id = " + std::to_string(intent)),
            "below_min_notional");
  EXPECT_EQ(query(dir, "SELECT equity_usd || ' ' || realized_pnl_usd FROM equity_snapshots"),
            "10000.00 -1.25");
  EXPECT_EQ(query(dir, "SELECT stopped_ms FROM runs"), "3");
  const auto missing = j.end_run(run + 7, testing::at_ms(4));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, sdk::ErrorCode::not_found);
}

TEST(Journal, AVetoOfAnIntentNeverJournaledIsRefused) {
  TempDir dir;
  Journal j = open_ok(dir);
  const auto veto = j.record_veto({42, "kill_switch", "", testing::at_ms(1)});
  ASSERT_FALSE(veto.has_value());
  EXPECT_EQ(veto.error().code, sdk::ErrorCode::rejected);
}

}  // namespace
}  // namespace tradehost::journal
