#include "venues/binance/binance_auth.hpp"
#include "text_and_time.hpp"

#include <cctype>

#include "trading/hmac.hpp"
#include "venues/binance/binance_frames.hpp"

namespace tradehost::sim::binance {
namespace {

// The signed bytes: everything but the `signature` parameter, as sent.
std::string strip_signature(std::string_view params, std::string& signature) {
  std::string out;
  std::size_t start = 0;
  while (start <= params.size() && !params.empty()) {
    auto amp = params.find('&', start);
    std::string_view part = params.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (part.rfind("signature=", 0) == 0) {
      signature = std::string(part.substr(10));
    } else if (!part.empty()) {
      if (!out.empty()) out += '&';
      out += part;
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return out;
}

HttpResponse fail(int status, int code, const std::string& msg) { return HttpResponse::json(status, error_body(code, msg)); }

}  // namespace

std::optional<std::string> request_param(const HttpRequest& request, std::string_view name) {
  if (auto v = request.param(name)) return v;
  const auto ct = request.header("content-type");
  if (!request.body.empty() && (!ct || ct->find("json") == std::string::npos)) {
    for (const auto& [k, v] : parse_query(request.body)) {
      if (k == name) return v;
    }
  }
  return std::nullopt;
}

AuthResult authenticate(const HttpRequest& r, const Ledger& ledger, std::int64_t server_ms, bool signed_request) {
  const auto key = r.header("x-mbx-apikey");
  if (!key || key->empty()) return {nullptr, fail(401, -2014, "API-key format invalid.")};
  const Account* account = ledger.account_by_key(*key);
  if (account == nullptr) return {nullptr, fail(401, -2015, "Invalid API-key, IP, or permissions for action.")};
  if (!signed_request) return {account, {}};

  const auto timestamp = request_param(r, "timestamp");
  if (!timestamp) {
    return {nullptr, fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")};
  }
  std::int64_t ts = 0;
  std::int64_t window = 5000;  // §7: recvWindow defaults to 5000 ms
  try {
    ts = std::stoll(*timestamp);
    if (auto w = request_param(r, "recvWindow")) window = std::stoll(*w);
  } catch (...) {
    return {nullptr, fail(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")};
  }
  if (ts >= server_ms + 1000) {
    return {nullptr, fail(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.")};
  }
  if (server_ms - ts > window) {
    return {nullptr, fail(400, -1021, "Timestamp for this request is outside of the recvWindow.")};
  }
  // totalParams = query string concatenated with the body, no '&' between them (§7).
  std::string query_sig, body_sig;
  const std::string query = strip_signature(r.raw_query, query_sig);
  const std::string body = strip_signature(r.body, body_sig);
  const std::string given = lower(query_sig.empty() ? body_sig : query_sig);
  const std::string expected = to_hex(hmac_sha256(account->secret, query + body));
  if (given.empty() || !equal_constant_time(given, expected)) {
    return {nullptr, fail(400, -1022, "Signature for this request is not valid.")};
  }
  return {account, {}};
}

}  // namespace tradehost::sim::binance
