#include "bingx/json_values.hpp"

#include "bingx/decimal.hpp"

namespace tradehost::bingx {
namespace od = simdjson::ondemand;

namespace {

std::string_view trim_right(std::string_view text) noexcept {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

bool read_decimal(od::value& value, sdk::Decimal& out) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  std::string_view text;
  if (type == od::json_type::string) {
    if (value.get_string().get(text) != simdjson::SUCCESS) return false;
  } else if (type == od::json_type::number) {
    // The raw token may carry the whitespace that follows it.
    text = trim_right(value.raw_json_token());
  } else {
    return false;
  }
  return parse_decimal(text, out);
}

bool read_int64(od::value& value, std::int64_t& out) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == od::json_type::number) return value.get_int64().get(out) == simdjson::SUCCESS;
  if (type == od::json_type::string) return value.get_int64_in_string().get(out) == simdjson::SUCCESS;
  return false;
}

bool read_string_or_null(od::value& value, std::string_view& out) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == od::json_type::null) {
    bool is_null = false;
    if (value.is_null().get(is_null) != simdjson::SUCCESS || !is_null) return false;
    out = {};
    return true;
  }
  if (type != od::json_type::string) return false;
  return value.get_string().get(out) == simdjson::SUCCESS;
}

bool parse_unsigned(std::string_view text, std::uint64_t& out) noexcept {
  if (text.empty() || text.size() > 20) return false;
  std::uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (n > (UINT64_MAX - digit) / 10) return false;
    n = n * 10 + digit;
  }
  out = n;
  return true;
}

bool read_request_id(od::value& value, std::uint64_t& out) noexcept {
  od::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return false;
  if (type == od::json_type::number) return value.get_uint64().get(out) == simdjson::SUCCESS;
  if (type != od::json_type::string) return false;
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return false;
  return parse_unsigned(text, out);
}

}  // namespace tradehost::bingx
