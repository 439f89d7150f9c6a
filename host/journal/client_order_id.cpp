// Formats, checks and parses the journal's client order ids (format and reasons in the header).
#include "journal/client_order_id.hpp"

#include <fmt/format.h>

#include <charconv>

namespace tradehost::journal {
namespace {

constexpr std::string_view kPrefix = "th-";

bool lower_hex(std::string_view s) noexcept {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A positive decimal with no sign and no leading zero.
std::optional<std::int64_t> positive_number(std::string_view s) noexcept {
  if (s.empty() || s[0] == '0') return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

bool valid_on_every_venue(std::string_view id) noexcept {
  if (id.empty() || id.size() > kMaxClientOrderIdChars) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

sdk::Result<std::string> format_client_order_id(std::string_view tag, std::int64_t run,
                                                std::int64_t seq) {
  if (tag.size() != kClientOrderIdTagChars || !lower_hex(tag)) {
    return sdk::fail(sdk::ErrorCode::internal,
                     fmt::format("journal tag '{}' is not 8 lowercase hex digits", tag));
  }
  if (run < 1 || seq < 1) {
    return sdk::fail(
        sdk::ErrorCode::internal,
        fmt::format("client order id needs a run and seq from 1 (got {} and {})", run, seq));
  }
  std::string id = fmt::format("{}{}-{}-{}", kPrefix, tag, run, seq);
  if (!valid_on_every_venue(id)) {
    return sdk::fail(sdk::ErrorCode::internal,
                     fmt::format("client order id '{}' is longer than {} characters", id,
                                 kMaxClientOrderIdChars));
  }
  return id;
}

std::optional<ClientOrderIdParts> parse_client_order_id(std::string_view id) {
  if (!valid_on_every_venue(id) || id.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = id.substr(kPrefix.size());
  if (rest.size() < kClientOrderIdTagChars + 1 || rest[kClientOrderIdTagChars] != '-') {
    return std::nullopt;
  }
  const std::string_view tag = rest.substr(0, kClientOrderIdTagChars);
  if (!lower_hex(tag)) return std::nullopt;
  rest.remove_prefix(kClientOrderIdTagChars + 1);
  const auto dash = rest.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto run = positive_number(rest.substr(0, dash));
  const auto seq = positive_number(rest.substr(dash + 1));
  if (!run || !seq) return std::nullopt;
  return ClientOrderIdParts{std::string(tag), *run, *seq};
}

}  // namespace tradehost::journal
