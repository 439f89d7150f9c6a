// Opens the journal (lock, pragmas, migrations, prepared statements) and performs its writes.
// Reads for a restart are in recovery.cpp.
#include "journal/journal.hpp"

#include "journal/client_order_id.hpp"
#include "journal/decimal_text.hpp"
#include "journal/durability.hpp"
#include "journal/journal_impl.hpp"
#include "journal/schema.hpp"

#include <fmt/format.h>

#include <utility>

namespace tradehost::journal {

std::int64_t to_ms(WallTime t) noexcept { return t.time_since_epoch().count(); }
WallTime from_ms(std::int64_t ms) noexcept { return WallTime{std::chrono::milliseconds{ms}}; }

namespace {

std::optional<std::string> optional_decimal(const std::optional<sdk::Decimal>& d) {
  if (!d) return std::nullopt;
  return decimal_to_text(*d);
}

struct Prepared {
  sqlite::Statement* target;
  std::string_view sql;
};

sdk::Status prepare_all(Journal::Impl& j) {
  const Prepared statements[] = {
      {&j.insert_run, "INSERT INTO runs (started_ms, mode, config_summary) VALUES (?, ?, ?)"},
      {&j.stop_run, "UPDATE runs SET stopped_ms = ? WHERE id = ?"},
      {&j.insert_intent,
       "INSERT INTO intents (run_id, strategy_tag, exchange, symbol, side, qty, price, type, tif, "
       "reduce_only, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
      {&j.insert_veto,
       "INSERT INTO vetoes (intent_id, reason, detail, time_ms) VALUES (?, ?, ?, ?)"},
      {&j.next_order_seq, "SELECT coalesce(max(seq), 0) + 1 FROM orders WHERE run_id = ?"},
      {&j.insert_order,
       "INSERT INTO orders (client_order_id, run_id, seq, intent_id, exchange, symbol, side, qty, "
       "price, type, tif, reduce_only, state, created_ms, updated_ms) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending_new', ?, ?)"},
      {&j.insert_event,
       "INSERT INTO order_events (order_id, from_state, to_state, cause, reason, venue_order_id, "
       "time_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"},
      {&j.select_order_state, "SELECT id, state FROM orders WHERE client_order_id = ?"},
      {&j.update_order_state,
       "UPDATE orders SET state = ?, venue_order_id = coalesce(?, venue_order_id), updated_ms = ? "
       "WHERE id = ?"},
      {&j.insert_fill,
       "INSERT INTO fills (exchange, exchange_fill_id, order_id, client_order_id, venue_order_id, "
       "symbol, side, qty, price, fee, fee_asset, liquidity, time_ms) "
       "VALUES (?1, ?2, coalesce((SELECT id FROM orders WHERE client_order_id = ?3), "
       "(SELECT id FROM orders WHERE exchange = ?1 AND venue_order_id = ?12)), ?3, ?12, ?4, ?5, "
       "?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (exchange, exchange_fill_id) DO NOTHING"},
      {&j.upsert_position,
       "INSERT INTO positions (exchange, symbol, qty, avg_entry, realized_pnl, updated_ms) "
       "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (exchange, symbol) DO UPDATE SET qty = excluded.qty, "
       "avg_entry = excluded.avg_entry, realized_pnl = excluded.realized_pnl, "
       "updated_ms = excluded.updated_ms"},
      {&j.insert_equity,
       "INSERT INTO equity_snapshots (run_id, equity_usd, realized_pnl_usd, unrealized_pnl_usd, "
       "time_ms) VALUES (?, ?, ?, ?, ?)"},
  };
  for (const Prepared& p : statements) {
    auto stmt = j.db.prepare(p.sql);
    if (!stmt) return std::move(stmt).error();
    *p.target = std::move(*stmt);
  }
  return sdk::ok();
}

sdk::Status write_position(Journal::Impl& j, const Position& p) {
  auto& s = j.upsert_position;
  s.bind(1, p.exchange);
  s.bind(2, p.symbol);
  s.bind(3, decimal_to_text(p.qty));
  s.bind(4, decimal_to_text(p.avg_entry));
  s.bind(5, decimal_to_text(p.realized_pnl));
  s.bind(6, to_ms(p.updated));
  return s.run();
}

sdk::Status write_event(Journal::Impl& j, std::int64_t order_id,
                        std::optional<orders::OrderState> from, orders::OrderState to,
                        orders::Cause cause, std::string_view reason,
                        const std::optional<std::string>& venue_order_id, WallTime time) {
  auto& s = j.insert_event;
  s.bind(1, order_id);
  if (from) {
    s.bind(2, orders::to_string(*from));
  } else {
    s.bind_null(2);
  }
  s.bind(3, orders::to_string(to));
  s.bind(4, orders::to_string(cause));
  s.bind(5, reason);
  s.bind_optional(6, venue_order_id);
  s.bind(7, to_ms(time));
  return s.run();
}

}  // namespace

sdk::Result<Journal> Journal::open(const std::filesystem::path& state_dir) {
  auto lock = StateDirLock::acquire(state_dir);
  if (!lock) return std::move(lock).error();
  auto db = sqlite::Db::open(state_dir / kJournalFileName);
  if (!db) return std::move(db).error();
  if (auto durable = make_durable(*db); !durable) return std::move(durable).error();
  if (auto migrated = migrate(*db, migrations()); !migrated) return std::move(migrated).error();
  auto tag = db->query_text("SELECT tag FROM journal WHERE id = 1");
  if (!tag) return std::move(tag).error();

  auto impl = std::make_unique<Impl>(Impl{std::move(*lock),
                                          std::move(*db),
                                          std::move(*tag),
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {},
                                          {}});
  if (auto prepared = prepare_all(*impl); !prepared) return std::move(prepared).error();
  return Journal(std::move(impl));
}

Journal::Journal(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

const std::filesystem::path& Journal::file() const noexcept { return impl_->db.file(); }
const std::string& Journal::tag() const noexcept { return impl_->tag; }

sdk::Result<RunId> Journal::begin_run(const RunStart& run) {
  auto& s = impl_->insert_run;
  s.bind(1, to_ms(run.started));
  s.bind(2, to_string(run.mode));
  s.bind(3, run.config_summary);
  if (auto ran = s.run(); !ran) return std::move(ran).error();
  return impl_->db.last_insert_id();
}

sdk::Status Journal::end_run(RunId run, WallTime stopped) {
  auto& s = impl_->stop_run;
  s.bind(1, to_ms(stopped));
  s.bind(2, run);
  if (auto ran = s.run(); !ran) return ran;
  if (impl_->db.changes() == 0) {
    return sdk::fail(sdk::ErrorCode::not_found,
                     fmt::format("{}: no run {} to end", impl_->db.file().string(), run));
  }
  return sdk::ok();
}

sdk::Result<IntentId> Journal::record_intent(const Intent& intent) {
  auto& s = impl_->insert_intent;
  s.bind(1, intent.run);
  s.bind(2, intent.strategy_tag);
  s.bind(3, intent.exchange);
  s.bind(4, intent.symbol);
  s.bind(5, sdk::to_string(intent.side));
  s.bind(6, decimal_to_text(intent.qty));
  s.bind_optional(7, optional_decimal(intent.price));
  s.bind(8, orders::to_string(intent.type));
  s.bind(9, orders::to_string(intent.tif));
  s.bind(10, std::int64_t{intent.reduce_only ? 1 : 0});
  s.bind(11, to_ms(intent.created));
  if (auto ran = s.run(); !ran) return std::move(ran).error();
  return impl_->db.last_insert_id();
}

sdk::Status Journal::record_veto(const Veto& veto) {
  auto& s = impl_->insert_veto;
  s.bind(1, veto.intent);
  s.bind(2, veto.reason);
  s.bind(3, veto.detail);
  s.bind(4, to_ms(veto.time));
  return s.run();
}

sdk::Result<OrderRow> Journal::create_order(const NewOrder& order) {
  auto tx = sqlite::Transaction::begin(impl_->db);
  if (!tx) return std::move(tx).error();

  auto& next = impl_->next_order_seq;
  next.bind(1, order.run);
  auto row = next.step();
  const std::int64_t seq = (row && *row) ? next.column_int(0) : 0;
  next.reset();
  if (!row) return std::move(row).error();

  auto id = format_client_order_id(impl_->tag, order.run, seq);
  if (!id) return std::move(id).error();

  auto& s = impl_->insert_order;
  s.bind(1, *id);
  s.bind(2, order.run);
  s.bind(3, seq);
  if (order.intent) {
    s.bind(4, *order.intent);
  } else {
    s.bind_null(4);
  }
  s.bind(5, order.exchange);
  s.bind(6, order.symbol);
  s.bind(7, sdk::to_string(order.side));
  s.bind(8, decimal_to_text(order.qty));
  s.bind_optional(9, optional_decimal(order.price));
  s.bind(10, orders::to_string(order.type));
  s.bind(11, orders::to_string(order.tif));
  s.bind(12, std::int64_t{order.reduce_only ? 1 : 0});
  s.bind(13, to_ms(order.created));
  s.bind(14, to_ms(order.created));
  if (auto ran = s.run(); !ran) return std::move(ran).error();
  const std::int64_t order_id = impl_->db.last_insert_id();

  if (auto ev = write_event(*impl_, order_id, std::nullopt, orders::OrderState::pending_new,
                            orders::Cause::local, "created", std::nullopt, order.created);
      !ev) {
    return std::move(ev).error();
  }
  if (auto committed = tx->commit(); !committed) return std::move(committed).error();
  return OrderRow{std::move(*id), seq,          order, orders::OrderState::pending_new,
                  std::nullopt,   order.created};
}

sdk::Result<orders::TransitionCheck> Journal::record_transition(const Transition& t) {
  auto tx = sqlite::Transaction::begin(impl_->db);
  if (!tx) return std::move(tx).error();

  auto& sel = impl_->select_order_state;
  sel.bind(1, t.client_order_id);
  auto row = sel.step();
  if (!row) {
    sel.reset();
    return std::move(row).error();
  }
  if (!*row) {
    sel.reset();
    return sdk::fail(sdk::ErrorCode::not_found,
                     fmt::format("{}: no order with client order id '{}'",
                                 impl_->db.file().string(), t.client_order_id));
  }
  const std::int64_t order_id = sel.column_int(0);
  const std::string state_text = sel.column_text(1);
  sel.reset();
  const auto from = orders::parse_order_state(state_text);
  if (!from) {
    return sdk::fail(sdk::ErrorCode::io,
                     fmt::format("{} is corrupt: order '{}' has state '{}': restore a backup",
                                 impl_->db.file().string(), t.client_order_id, state_text));
  }

  const orders::TransitionCheck check = orders::check_transition(*from, t.to, t.cause);
  if (check.verdict != orders::Verdict::allowed) return check;  // nothing written: rolled back

  if (auto ev =
          write_event(*impl_, order_id, *from, t.to, t.cause, t.reason, t.venue_order_id, t.time);
      !ev) {
    return std::move(ev).error();
  }
  auto& up = impl_->update_order_state;
  up.bind(1, orders::to_string(t.to));
  up.bind_optional(2, t.venue_order_id);
  up.bind(3, to_ms(t.time));
  up.bind(4, order_id);
  if (auto ran = up.run(); !ran) return std::move(ran).error();
  if (auto committed = tx->commit(); !committed) return std::move(committed).error();
  return check;
}

sdk::Result<bool> Journal::record_fill(const Fill& fill, const Position* position_after) {
  auto tx = sqlite::Transaction::begin(impl_->db);
  if (!tx) return std::move(tx).error();

  auto& s = impl_->insert_fill;
  s.bind(1, fill.exchange);
  s.bind(2, fill.exchange_fill_id);
  s.bind_optional(3, fill.client_order_id);
  s.bind(4, fill.symbol);
  s.bind(5, sdk::to_string(fill.side));
  s.bind(6, decimal_to_text(fill.qty));
  s.bind(7, decimal_to_text(fill.price));
  s.bind(8, decimal_to_text(fill.fee));
  s.bind(9, fill.fee_asset);
  s.bind(10, to_string(fill.liquidity));
  s.bind(11, to_ms(fill.time));
  s.bind_optional(12, fill.venue_order_id);
  if (auto ran = s.run(); !ran) return std::move(ran).error();
  if (impl_->db.changes() == 0) return false;  // seen before; the position is not re-applied

  if (position_after != nullptr) {
    auto wrote = write_position(*impl_, *position_after);
    if (!wrote) return std::move(wrote).error();
  }
  if (auto committed = tx->commit(); !committed) return std::move(committed).error();
  return true;
}

sdk::Status Journal::record_position(const Position& position) {
  return write_position(*impl_, position);
}

sdk::Status Journal::record_equity(const EquitySnapshot& snapshot) {
  auto& s = impl_->insert_equity;
  s.bind(1, snapshot.run);
  s.bind(2, decimal_to_text(snapshot.equity_usd));
  s.bind(3, decimal_to_text(snapshot.realized_pnl_usd));
  s.bind(4, decimal_to_text(snapshot.unrealized_pnl_usd));
  s.bind(5, to_ms(snapshot.time));
  return s.run();
}

}  // namespace tradehost::journal
