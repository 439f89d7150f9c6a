// Journal::recover: reads back what a restart resumes from, in one read transaction so that the
// orders, fills and positions it returns are one consistent moment of the journal.
#include "journal/journal.hpp"
#include "journal/journal_impl.hpp"
#include "journal/row_reader.hpp"

#include <utility>

namespace tradehost::journal {
namespace {

constexpr std::string_view kOpenOrders =
    "SELECT id, client_order_id, seq, run_id, intent_id, exchange, symbol, side, qty, price, type, "
    "tif, reduce_only, created_ms, state, venue_order_id, updated_ms FROM orders "
    "WHERE state NOT IN ('filled', 'canceled', 'rejected', 'expired') ORDER BY id";

constexpr std::string_view kFillsOfOrder =
    "SELECT exchange, exchange_fill_id, client_order_id, symbol, side, qty, price, fee, fee_asset, "
    "liquidity, time_ms, venue_order_id FROM fills WHERE order_id = ? ORDER BY id";

constexpr std::string_view kPositions =
    "SELECT exchange, symbol, qty, avg_entry, realized_pnl, updated_ms FROM positions "
    "ORDER BY exchange, symbol";

constexpr std::string_view kLastRun = "SELECT id, stopped_ms FROM runs ORDER BY id DESC LIMIT 1";

constexpr std::string_view kLastActedIntent =
    "SELECT coalesce(max(id), 0) FROM (SELECT max(intent_id) AS id FROM orders "
    "UNION ALL SELECT max(intent_id) FROM vetoes)";

constexpr std::string_view kUnactedIntents =
    "SELECT id, run_id, strategy_tag, exchange, symbol, side, qty, price, type, tif, reduce_only, "
    "created_ms FROM intents i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.intent_id = i.id) "
    "AND NOT EXISTS (SELECT 1 FROM vetoes v WHERE v.intent_id = i.id) ORDER BY id";

constexpr std::string_view kLastEquity =
    "SELECT run_id, equity_usd, realized_pnl_usd, unrealized_pnl_usd, time_ms "
    "FROM equity_snapshots ORDER BY id DESC LIMIT 1";

// Runs `sql` (after `bind`) and calls `read` on each row; stops at the first error.
template <typename Bind, typename Read>
sdk::Status each_row(const sqlite::Db& db, std::string_view sql, Bind bind, Read read) {
  auto stmt = db.prepare(sql);
  if (!stmt) return std::move(stmt).error();
  bind(*stmt);
  for (;;) {
    auto row = stmt->step();
    if (!row) return std::move(row).error();
    if (!*row) return sdk::ok();
    if (auto done = read(*stmt); !done) return done;
  }
}

constexpr auto kNoBind = [](sqlite::Statement&) {};

sdk::Status checked(const RowReader& r) {
  if (r.problem()) return *r.problem();
  return sdk::ok();
}

sdk::Status read_open_orders(const sqlite::Db& db, Recovery& out) {
  std::vector<std::int64_t> ids;
  auto read = each_row(db, kOpenOrders, kNoBind, [&](const sqlite::Statement& s) {
    RowReader r(s, db.file(), "orders");
    OpenOrder o;
    ids.push_back(r.integer(0));
    o.row.client_order_id = r.text(1);
    o.row.seq = r.integer(2);
    NewOrder& n = o.row.order;
    n.run = r.integer(3);
    if (!r.is_null(4)) n.intent = r.integer(4);
    n.exchange = r.text(5);
    n.symbol = r.text(6);
    n.side = r.side(7);
    n.qty = r.decimal(8);
    n.price = r.optional_decimal(9);
    n.type = r.order_type(10);
    n.tif = r.time_in_force(11);
    n.reduce_only = r.flag(12);
    n.created = r.time(13);
    o.row.state = r.state(14);
    o.row.venue_order_id = r.optional_text(15);
    o.row.updated = r.time(16);
    out.open_orders.push_back(std::move(o));
    return checked(r);
  });
  if (!read) return read;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto bind = [&](sqlite::Statement& s) { s.bind(1, ids[i]); };
    auto fills = each_row(db, kFillsOfOrder, bind, [&](const sqlite::Statement& s) {
      RowReader r(s, db.file(), "fills");
      Fill f;
      f.exchange = r.text(0);
      f.exchange_fill_id = r.text(1);
      f.client_order_id = r.optional_text(2);
      f.symbol = r.text(3);
      f.side = r.side(4);
      f.qty = r.decimal(5);
      f.price = r.decimal(6);
      f.fee = r.decimal(7);
      f.fee_asset = r.text(8);
      f.liquidity = r.liquidity(9);
      f.time = r.time(10);
      f.venue_order_id = r.optional_text(11);
      out.open_orders[i].fills.push_back(std::move(f));
      return checked(r);
    });
    if (!fills) return fills;
  }
  return sdk::ok();
}

sdk::Status read_positions(const sqlite::Db& db, Recovery& out) {
  return each_row(db, kPositions, kNoBind, [&](const sqlite::Statement& s) {
    RowReader r(s, db.file(), "positions");
    out.positions.push_back(
        Position{r.text(0), r.text(1), r.decimal(2), r.decimal(3), r.decimal(4), r.time(5)});
    return checked(r);
  });
}

sdk::Status read_intents(const sqlite::Db& db, Recovery& out) {
  auto last = each_row(db, kLastActedIntent, kNoBind, [&](const sqlite::Statement& s) {
    out.last_acted_intent = s.column_int(0);
    return sdk::ok();
  });
  if (!last) return last;
  return each_row(db, kUnactedIntents, kNoBind, [&](const sqlite::Statement& s) {
    RowReader r(s, db.file(), "intents");
    IntentRow row;
    row.id = r.integer(0);
    Intent& i = row.intent;
    i.run = r.integer(1);
    i.strategy_tag = r.text(2);
    i.exchange = r.text(3);
    i.symbol = r.text(4);
    i.side = r.side(5);
    i.qty = r.decimal(6);
    i.price = r.optional_decimal(7);
    i.type = r.order_type(8);
    i.tif = r.time_in_force(9);
    i.reduce_only = r.flag(10);
    i.created = r.time(11);
    out.unacted_intents.push_back(std::move(row));
    return checked(r);
  });
}

sdk::Status read_run_and_equity(const sqlite::Db& db, Recovery& out) {
  auto run = each_row(db, kLastRun, kNoBind, [&](const sqlite::Statement& s) {
    out.last_run = s.column_int(0);
    out.last_run_stopped = !s.column_is_null(1);
    return sdk::ok();
  });
  if (!run) return run;
  return each_row(db, kLastEquity, kNoBind, [&](const sqlite::Statement& s) {
    RowReader r(s, db.file(), "equity_snapshots");
    out.last_equity =
        EquitySnapshot{r.integer(0), r.decimal(1), r.decimal(2), r.decimal(3), r.time(4)};
    return checked(r);
  });
}

}  // namespace

sdk::Result<Recovery> Journal::recover() {
  // A write transaction only to read a consistent snapshot: no other writer exists (the lock).
  auto tx = sqlite::Transaction::begin(impl_->db);
  if (!tx) return std::move(tx).error();
  Recovery out;
  for (auto step : {read_open_orders, read_positions, read_intents, read_run_and_equity}) {
    if (auto done = step(impl_->db, out); !done) return std::move(done).error();
  }
  if (auto committed = tx->commit(); !committed) return std::move(committed).error();
  return out;
}

}  // namespace tradehost::journal
