// How KuCoin Futures checks a private REST call (protocols/kucoinfutures.md §7): the KC-API-*
// headers name the account, prove the passphrase and sign timestamp + METHOD + endpoint + body
// with HMAC-SHA256 (base64). Pure functions of the request; the caller passes venue time.
#pragma once

#include <cstdint>
#include <string>

#include "server/http_types.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim::kucoinfutures {

// §7: KC-API-TIMESTAMP must be within 5 s of the venue's time.
inline constexpr std::int64_t kMaxSkewMs = 5'000;

struct AuthResult {
  const Account* account = nullptr;  // null on failure, with `error` the response to send
  HttpResponse error;
};

// Checks, in this order: every header present (400001), the timestamp (400002), the key
// (400003), KC-API-KEY-VERSION (400009), the signature (400005), the passphrase (400004).
AuthResult authenticate(const HttpRequest& request, const Ledger& ledger, std::int64_t venue_ms);

// The signed text: timestamp + METHOD + path + ('?' + query, percent-decoded, if any) + body.
std::string string_to_sign(const std::string& timestamp, const HttpRequest& request);

}  // namespace tradehost::sim::kucoinfutures
