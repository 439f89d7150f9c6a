// Typed reads of a journal row, with the first unparseable value kept as an Error.
#include "journal/row_reader.hpp"

#include "journal/decimal_text.hpp"

#include <fmt/format.h>

namespace tradehost::journal {

WallTime RowReader::time(int col) const {
  return WallTime{std::chrono::milliseconds{row_.column_int(col)}};
}

void RowReader::bad(int col, std::string_view kind) {
  if (problem_) return;
  problem_ = sdk::Error{
      sdk::ErrorCode::io,
      fmt::format("{} is corrupt: {}.{} holds '{}', not {}: restore a backup, or move the file "
                  "aside to start a new journal",
                  file_.string(), table_, row_.column_name(col), row_.column_text(col), kind)};
}

sdk::Decimal RowReader::decimal(int col) {
  if (auto d = decimal_from_text(row_.column_text(col))) return *d;
  bad(col, "a decimal");
  return sdk::Decimal{};
}

std::optional<sdk::Decimal> RowReader::optional_decimal(int col) {
  if (row_.column_is_null(col)) return std::nullopt;
  return decimal(col);
}

sdk::Side RowReader::side(int col) {
  if (auto v = sdk::parse_side(row_.column_text(col))) return *v;
  bad(col, "a side");
  return sdk::Side::buy;
}

orders::OrderType RowReader::order_type(int col) {
  if (auto v = orders::parse_order_type(row_.column_text(col))) return *v;
  bad(col, "an order type");
  return orders::OrderType::market;
}

orders::TimeInForce RowReader::time_in_force(int col) {
  if (auto v = orders::parse_time_in_force(row_.column_text(col))) return *v;
  bad(col, "a time in force");
  return orders::TimeInForce::gtc;
}

orders::OrderState RowReader::state(int col) {
  if (auto v = orders::parse_order_state(row_.column_text(col))) return *v;
  bad(col, "an order state");
  return orders::OrderState::unknown;
}

Liquidity RowReader::liquidity(int col) {
  if (auto v = parse_liquidity(row_.column_text(col))) return *v;
  bad(col, "maker or taker");
  return Liquidity::taker;
}

RunMode RowReader::run_mode(int col) {
  if (auto v = parse_run_mode(row_.column_text(col))) return *v;
  bad(col, "paper or live");
  return RunMode::paper;
}

}  // namespace tradehost::journal
