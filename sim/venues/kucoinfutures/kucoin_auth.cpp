#include "venues/kucoinfutures/kucoin_auth.hpp"

#include <charconv>
#include <optional>

#include "trading/hmac.hpp"
#include "venues/kucoinfutures/kucoin_frames.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

// §8: a missing header and a bad timestamp or key version are HTTP 400; an unknown key, a wrong
// passphrase and a wrong signature are HTTP 401 (as reported in Kucoin/kucoin-api-docs#298 and
// emmtte/Cryptocurrency-Portfolio#56). The codes are what clients map.
HttpResponse fail(int status, std::string_view code, std::string_view msg) {
  return HttpResponse::json(status, error_body(code, msg));
}

std::optional<std::string> non_empty(const HttpRequest& r, std::string_view name) {
  auto v = r.header(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

}  // namespace

std::string string_to_sign(const std::string& timestamp, const HttpRequest& r) {
  std::string endpoint = r.path;
  if (!r.raw_query.empty()) endpoint += "?" + percent_decode(r.raw_query);
  return timestamp + r.method + endpoint + r.body;
}

AuthResult authenticate(const HttpRequest& r, const Ledger& ledger, std::int64_t venue_ms) {
  const auto key = non_empty(r, "kc-api-key");
  const auto sign = non_empty(r, "kc-api-sign");
  const auto timestamp = non_empty(r, "kc-api-timestamp");
  const auto passphrase = non_empty(r, "kc-api-passphrase");
  if (!key || !sign || !timestamp || !passphrase) {
    return {nullptr, fail(400, "400001",
                          "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, "
                          "KC-API-PASSPHRASE")};
  }
  std::int64_t ts = 0;
  const auto [end, ec] = std::from_chars(timestamp->data(), timestamp->data() + timestamp->size(), ts);
  const bool parsed = ec == std::errc() && end == timestamp->data() + timestamp->size();
  if (!parsed || ts - venue_ms > kMaxSkewMs || venue_ms - ts > kMaxSkewMs) {
    return {nullptr, fail(400, "400002", "Invalid KC-API-TIMESTAMP")};
  }
  const Account* account = ledger.account_by_key(*key);
  if (account == nullptr) return {nullptr, fail(401, "400003", "KC-API-KEY not exists")};
  // §7: "1" (legacy, plain passphrase), "2" and "3" (HMAC passphrase). No header: version 1,
  // as for the keys that predate it.
  const std::string version = r.header("kc-api-key-version").value_or("1");
  if (version != "1" && version != "2" && version != "3") {
    return {nullptr, fail(400, "400009", "Invalid KC-API-KEY-VERSION")};
  }
  // The signature first: a client with the wrong secret gets 400005, which names the secret,
  // although its v2/v3 passphrase is then wrong too.
  const std::string expected_sign = to_base64(hmac_sha256(account->secret, string_to_sign(*timestamp, r)));
  if (!equal_constant_time(*sign, expected_sign)) return {nullptr, fail(401, "400005", "Invalid KC-API-SIGN")};
  const std::string expected_passphrase =
      version == "1" ? account->passphrase : to_base64(hmac_sha256(account->secret, account->passphrase));
  if (!equal_constant_time(*passphrase, expected_passphrase)) {
    return {nullptr, fail(401, "400004", "Invalid KC-API-PASSPHRASE")};
  }
  return {account, {}};
}

}  // namespace tradehost::sim::kucoinfutures
