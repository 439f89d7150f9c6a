// The journal's migrations, oldest first (the mechanism is in schema.cpp). Append only: a
// released migration never changes, a change is a new version. docs/journal.md explains each
// table and when it is written.
//
// Conventions: STRICT tables (a value of the wrong type is refused, so money never becomes a
// REAL); money and quantities are TEXT holding the exact decimal ("0.010"); times are
// *_ms INTEGER, Unix milliseconds; enums are TEXT spelled as in JSON.
#include "journal/schema.hpp"

#include <array>

namespace tradehost::journal {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE journal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  tag TEXT NOT NULL CHECK (length(tag) = 8 AND tag NOT GLOB '*[^0-9a-f]*'),
  created_ms INTEGER NOT NULL
) STRICT;
INSERT INTO journal (id, tag, created_ms)
  VALUES (1, lower(hex(randomblob(4))), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));

CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_ms INTEGER NOT NULL,
  stopped_ms INTEGER,
  mode TEXT NOT NULL CHECK (mode IN ('paper', 'live')),
  config_summary TEXT NOT NULL
) STRICT;

CREATE TABLE intents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  strategy_tag TEXT NOT NULL,
  exchange TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  qty TEXT NOT NULL,
  price TEXT,
  type TEXT NOT NULL CHECK (type IN ('market', 'limit')),
  tif TEXT NOT NULL CHECK (tif IN ('gtc', 'ioc', 'fok', 'post_only')),
  reduce_only INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
  created_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_order_id TEXT NOT NULL UNIQUE,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  intent_id INTEGER REFERENCES intents (id),
  exchange TEXT NOT NULL,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  qty TEXT NOT NULL,
  price TEXT,
  type TEXT NOT NULL CHECK (type IN ('market', 'limit')),
  tif TEXT NOT NULL CHECK (tif IN ('gtc', 'ioc', 'fok', 'post_only')),
  reduce_only INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('pending_new', 'unknown', 'pending_cancel', 'new',
    'partially_filled', 'filled', 'canceled', 'rejected', 'expired')),
  venue_order_id TEXT,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  UNIQUE (run_id, seq)
) STRICT;
CREATE INDEX orders_by_state ON orders (state);
CREATE INDEX orders_by_intent ON orders (intent_id);
CREATE INDEX orders_by_venue_id ON orders (exchange, venue_order_id);

CREATE TABLE order_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('venue', 'local')),
  reason TEXT NOT NULL,
  venue_order_id TEXT,
  time_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX order_events_by_order ON order_events (order_id, seq);

CREATE TABLE fills (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  exchange TEXT NOT NULL,
  exchange_fill_id TEXT NOT NULL,
  order_id INTEGER REFERENCES orders (id),
  client_order_id TEXT,
  venue_order_id TEXT,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  qty TEXT NOT NULL,
  price TEXT NOT NULL,
  fee TEXT NOT NULL,
  fee_asset TEXT NOT NULL,
  liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
  time_ms INTEGER NOT NULL,
  UNIQUE (exchange, exchange_fill_id)
) STRICT;
CREATE INDEX fills_by_order ON fills (order_id);

CREATE TABLE positions (
  exchange TEXT NOT NULL,
  symbol TEXT NOT NULL,
  qty TEXT NOT NULL,
  avg_entry TEXT NOT NULL,
  realized_pnl TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (exchange, symbol)
) STRICT;

CREATE TABLE equity_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  equity_usd TEXT NOT NULL,
  realized_pnl_usd TEXT NOT NULL,
  unrealized_pnl_usd TEXT NOT NULL,
  time_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE vetoes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  intent_id INTEGER NOT NULL REFERENCES intents (id),
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  time_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX vetoes_by_intent ON vetoes (intent_id);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "runs, intents, orders, order events, fills, positions, equity, vetoes", kV1},
};
static_assert(kMigrations.back().version == kSchemaVersion, "kSchemaVersion is the last migration");

}  // namespace

std::span<const Migration> migrations() noexcept { return kMigrations; }

}  // namespace tradehost::journal
