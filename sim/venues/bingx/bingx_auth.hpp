// How BingX swap checks a private request (protocols/bingx.md §7 "Signing"): the header
// X-BX-APIKEY names the account; signed requests carry `timestamp` (within `recvWindow`, default
// 5000 ms, of server time either way) and `signature`, the lowercase hex HMAC-SHA256 of the
// other parameters as `k=v&...` with raw (percent-decoded) values.
//
// Parameters may come in the query string, a form body or a JSON body (§7 items 4-6). Query and
// form parameters are signed in the order sent; JSON members sorted a-z. When both the query
// and the body carry parameters, the signed text is the query part followed by the body part
// with no `&` between them (§7 item 6, the legacy mixed form).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http_types.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim::bingx {

// The parameters of a request, wherever they came from.
struct RequestParams {
  std::vector<std::pair<std::string, std::string>> values;  // query first, then the body
  std::string signed_text;                                  // what `signature` must cover
  std::optional<std::string> signature;

  // The first value of `name` (the query wins over the body).
  std::optional<std::string> get(std::string_view name) const;
};

// nullopt when the body is a JSON value but not an object (§7 allows objects only).
std::optional<RequestParams> request_params(const HttpRequest& request);

struct AuthResult {
  const Account* account = nullptr;  // null on failure, with `error` the response to send
  HttpResponse error;
  RequestParams params;
};

// `signed_request`: check timestamp and signature too (every trade/account endpoint); else the
// key only (listenKey, §1).
AuthResult authenticate(const HttpRequest& request, const Ledger& ledger, std::int64_t server_ms,
                        bool signed_request);

}  // namespace tradehost::sim::bingx
