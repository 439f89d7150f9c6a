#include "venues/bingx/bingx_auth.hpp"
#include "text_and_time.hpp"

#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

#include "trading/hmac.hpp"
#include "venues/bingx/bingx_codes.hpp"
#include "venues/bingx/bingx_frames.hpp"

namespace tradehost::sim::bingx {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// `k=v&...` of `pairs` without `signature`, which goes to `signature` (the first one wins).
std::string join_unsigned(const Pairs& pairs, std::optional<std::string>& signature) {
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (k == "signature") {
      if (!signature) signature = v;
      continue;
    }
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

bool is_json_body(const HttpRequest& r) {
  if (const auto ct = r.header("content-type"); ct && ct->find("json") != std::string::npos) return true;
  const auto first = r.body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && r.body[first] == '{';
}

// A JSON member as the client wrote it into its signed text: strings raw, the rest as JSON.
std::string member_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse fail(int code, std::string_view msg) { return HttpResponse::json(200, error_body(code, msg)); }

}  // namespace

std::optional<std::string> RequestParams::get(std::string_view name) const {
  for (const auto& [k, v] : values) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<RequestParams> request_params(const HttpRequest& r) {
  RequestParams p;
  const std::string query = join_unsigned(r.query, p.signature);
  p.values = r.query;
  std::string body;
  if (r.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    Pairs pairs;
    if (is_json_body(r)) {
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      if (j.is_discarded() || !j.is_object()) return std::nullopt;
      // nlohmann's object is a std::map: its members iterate sorted a-z, as §7 signs them.
      for (const auto& [k, v] : j.items()) pairs.emplace_back(k, member_text(v));
    } else {
      pairs = parse_query(r.body);
    }
    body = join_unsigned(pairs, p.signature);
    p.values.insert(p.values.end(), pairs.begin(), pairs.end());
  }
  p.signed_text = query + body;  // one of them is empty except in the legacy mixed form
  return p;
}

AuthResult authenticate(const HttpRequest& r, const Ledger& ledger, std::int64_t server_ms, bool signed_request) {
  const auto key = r.header("x-bx-apikey");
  if (!key || key->empty()) return {nullptr, fail(code::kBadApiKey, "Null apiKey"), {}};
  const Account* account = ledger.account_by_key(*key);
  if (account == nullptr) return {nullptr, fail(code::kBadApiKey, "Incorrect apiKey"), {}};
  auto params = request_params(r);
  if (!params) {
    return {nullptr, fail(code::kInvalidParameter, "the body must be a form or a JSON object"), {}};
  }
  if (!signed_request) return {account, {}, std::move(*params)};

  const auto timestamp = params->get("timestamp");
  if (!timestamp || timestamp->empty()) {
    return {nullptr, fail(code::kTimestamp, "Null timestamp or timestamp mismatch"), {}};
  }
  const auto ts = parse_int(*timestamp);
  if (!ts) return {nullptr, fail(code::kTimestamp, "timestamp must be milliseconds since the epoch"), {}};
  std::int64_t window = 5000;  // §7: 5000 ms unless recvWindow says otherwise
  if (const auto w = params->get("recvWindow")) {
    const auto n = parse_int(*w);
    if (!n || *n < 0) return {nullptr, fail(code::kInvalidParameter, "recvWindow must be milliseconds"), {}};
    window = *n;
  }
  const std::int64_t off = *ts - server_ms;
  if (off > window || -off > window) {
    return {nullptr,
            fail(code::kTimestamp, "timestamp mismatch: " + std::to_string(off) + " ms from server time, recvWindow " +
                                       std::to_string(window)),
            {}};
  }
  if (!params->signature || params->signature->empty()) {
    return {nullptr, fail(code::kNullSignature, "Null signature"), {}};
  }
  const std::string expected = to_hex(hmac_sha256(account->secret, params->signed_text));
  if (!equal_constant_time(lower(*params->signature), expected)) {
    return {nullptr, fail(code::kSignatureFailed, "Signature verification failed"), {}};
  }
  return {account, {}, std::move(*params)};
}

}  // namespace tradehost::sim::bingx
