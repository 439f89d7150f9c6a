// Shared by the journal tests: a fresh temporary state directory per test, and sample records.
#pragma once

#include <tradehost/sdk/decimal.hpp>
#include "journal/journal.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>

namespace tradehost::journal::testing {

// A directory under $TMPDIR, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "th-journal-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed for " << pattern;
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline sdk::Decimal dec(std::string_view text) {
  sdk::Decimal d{};
  EXPECT_TRUE(sdk::parse_decimal(text, d)) << text;
  return d;
}

inline WallTime at_ms(std::int64_t ms) { return WallTime{std::chrono::milliseconds{ms}}; }

inline RunStart paper_run() {
  return RunStart{at_ms(1767225600000), RunMode::paper, "binance BTC/USDT:USDT ma_cross"};
}

inline Intent buy_intent(RunId run) {
  Intent i;
  i.run = run;
  i.strategy_tag = "ma_cross";
  i.exchange = "binance";
  i.symbol = "BTC/USDT:USDT";
  i.side = sdk::Side::buy;
  i.qty = dec("0.010");
  i.price = dec("94190.10");
  i.type = orders::OrderType::limit;
  i.tif = orders::TimeInForce::gtc;
  i.reduce_only = false;
  i.created = at_ms(1767225601000);
  return i;
}

inline NewOrder order_for(const Intent& i, IntentId id) {
  NewOrder o;
  o.run = i.run;
  if (id > 0) o.intent = id;  // 0: an order of the engine's own, from no intent
  o.exchange = i.exchange;
  o.symbol = i.symbol;
  o.side = i.side;
  o.qty = i.qty;
  o.price = i.price;
  o.type = i.type;
  o.tif = i.tif;
  o.reduce_only = i.reduce_only;
  o.created = at_ms(1767225601100);
  return o;
}

inline Fill fill_of(const OrderRow& order, std::string fill_id, std::string_view qty) {
  Fill f;
  f.exchange = order.order.exchange;
  f.exchange_fill_id = std::move(fill_id);
  f.client_order_id = order.client_order_id;
  f.symbol = order.order.symbol;
  f.side = order.order.side;
  f.qty = dec(qty);
  f.price = dec("94190.10");
  f.fee = dec("0.37676040");
  f.fee_asset = "USDT";
  f.liquidity = Liquidity::maker;
  f.time = at_ms(1767225602000);
  return f;
}

inline Transition to_state(const OrderRow& order, orders::OrderState to,
                           orders::Cause cause = orders::Cause::venue) {
  Transition t;
  t.client_order_id = order.client_order_id;
  t.to = to;
  t.cause = cause;
  t.time = at_ms(1767225601500);
  return t;
}

}  // namespace tradehost::journal::testing
