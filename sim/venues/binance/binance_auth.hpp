// How Binance USD-M checks a keyed request (protocols/binance.md §7): the X-MBX-APIKEY header
// names the account; SIGNED requests carry timestamp (and recvWindow) and a hex HMAC-SHA256 of
// the query string concatenated with the body, appended last as `signature`.
#pragma once

#include <cstdint>
#include <string>

#include "server/http_types.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim::binance {

struct AuthResult {
  const Account* account = nullptr;  // null on failure, with `error` the response to send
  HttpResponse error;
};

// `signed_request`: check timestamp and signature too (TRADE/USER_DATA); else the key only.
AuthResult authenticate(const HttpRequest& request, const Ledger& ledger, std::int64_t server_ms, bool signed_request);

// All parameters of a request: query string first, then a form body (the query wins, §7).
std::optional<std::string> request_param(const HttpRequest& request, std::string_view name);

}  // namespace tradehost::sim::binance
