// Client order ids: `th-<tag>-<run>-<seq>`, e.g. "th-7f3a9c2e-3-17", derived from the journal so
// that each is used once, across restarts and across wiped state directories. Pure functions.
//
// One format valid on all three venues (protocols/*.md):
//   binance §7  ^[\.A-Z\:/a-z0-9_-]{1,36}$, unique among open orders
//   bingx   §7  1 to 40 characters, unique; the server lowercases it
//   kucoin  §8  1 to 40 letters, digits, '_' or '-', unique
// The intersection: lowercase letters, digits, '_' and '-' (lowercase, or BingX's copy would
// differ from ours), at most 36 characters.
//   tag  8 lowercase hex digits drawn at random when the journal file is created: a new state
//        directory never reissues an old directory's ids, so a query by client id (how an
//        `unknown` order is resolved) can only find our own order.
//   run  the journal's run id (1, 2, ...); seq  the order's number within its run (1, 2, ...).
#pragma once

#include <tradehost/sdk/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tradehost::journal {

inline constexpr std::size_t kMaxClientOrderIdChars = 36;  // Binance's limit, the tightest
inline constexpr std::size_t kClientOrderIdTagChars = 8;

struct ClientOrderIdParts {
  std::string tag;
  std::int64_t run = 0;
  std::int64_t seq = 0;
  friend bool operator==(const ClientOrderIdParts&, const ClientOrderIdParts&) = default;
};

// Lowercase letters, digits, '_', '-'; 1 to 36 characters.
bool valid_on_every_venue(std::string_view id) noexcept;

// Fails (internal) on a malformed tag, a run or seq below 1, or an id over 36 characters (a run
// and a seq of 23 digits together: not reachable in practice).
sdk::Result<std::string> format_client_order_id(std::string_view tag, std::int64_t run,
                                                std::int64_t seq);

// The parts of an id this journal format made; nullopt for anything else (a venue's own id).
std::optional<ClientOrderIdParts> parse_client_order_id(std::string_view id);

}  // namespace tradehost::journal
