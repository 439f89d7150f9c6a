#include "kucoinfutures/json_scalar.hpp"

#include "kucoinfutures/decimal.hpp"

namespace tradehost::kucoinfutures {
namespace {

bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<std::string_view> scalar_text(simdjson::ondemand::value& value) noexcept {
  // The raw token runs up to the next structural character, trailing spaces included.
  std::string_view token = value.raw_json_token();
  while (!token.empty() && is_json_space(token.back())) token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  const char first = token.front();
  if (first == '"') {
    if (token.size() < 2 || token.back() != '"') return std::nullopt;
    return token.substr(1, token.size() - 2);
  }
  if (first == '-' || (first >= '0' && first <= '9')) return token;
  return std::nullopt;
}

std::optional<std::string_view> string_of(simdjson::ondemand::value& value) noexcept {
  const std::string_view token = value.raw_json_token();
  if (token.empty() || token.front() != '"') return std::nullopt;
  return scalar_text(value);
}

std::optional<sdk::Decimal> decimal_of(simdjson::ondemand::value& value) noexcept {
  const auto text = scalar_text(value);
  if (!text) return std::nullopt;
  return parse_decimal(*text);
}

std::optional<std::int64_t> integer_of(simdjson::ondemand::value& value) noexcept {
  const auto text = scalar_text(value);
  if (!text) return std::nullopt;
  return parse_int64(*text);
}

}  // namespace tradehost::kucoinfutures
