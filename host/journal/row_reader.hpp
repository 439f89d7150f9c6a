// RowReader: reads one result row of the journal back into typed values (decimals, enums,
// times), remembering the first value that does not parse, so a reader reads a whole row and
// checks once. A bad value means the file was edited or damaged: the error says so and names
// the file, the table, the column and the value.
#pragma once

#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/result.hpp>
#include "journal/records.hpp"
#include "journal/sqlite.hpp"
#include "orders/order_state.hpp"
#include "orders/order_terms.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tradehost::journal {

class RowReader {
 public:
  RowReader(const sqlite::Statement& row, const std::filesystem::path& file, std::string_view table)
      : row_(row), file_(file), table_(table) {}

  std::int64_t integer(int col) const { return row_.column_int(col); }
  std::string text(int col) const { return row_.column_text(col); }
  std::optional<std::string> optional_text(int col) const { return row_.column_optional_text(col); }
  WallTime time(int col) const;
  bool flag(int col) const { return row_.column_int(col) != 0; }
  bool is_null(int col) const { return row_.column_is_null(col); }

  sdk::Decimal decimal(int col);
  std::optional<sdk::Decimal> optional_decimal(int col);
  sdk::Side side(int col);
  orders::OrderType order_type(int col);
  orders::TimeInForce time_in_force(int col);
  orders::OrderState state(int col);
  Liquidity liquidity(int col);
  RunMode run_mode(int col);

  // The first bad value of the row, if any.
  const std::optional<sdk::Error>& problem() const noexcept { return problem_; }

 private:
  void bad(int col, std::string_view kind);

  const sqlite::Statement& row_;
  const std::filesystem::path& file_;
  std::string_view table_;
  std::optional<sdk::Error> problem_;
};

}  // namespace tradehost::journal
