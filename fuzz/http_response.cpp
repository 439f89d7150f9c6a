// Fuzz target: the HTTP answer reader of http_fetch (host/net/http_response.hpp) on raw bytes as a
// server would send them before closing. The bytes are read twice, once as they come and once
// dribbled in small reads; both must give the same answer or both refuse, the body must stay
// under the cap, and Retry-After and the adapter's view must work on whatever was accepted.
#include "net/http_response.hpp"

#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto whole = net::parse_http_response(bytes);
  const auto dribbled = net::parse_http_response(bytes, 1 + size % 7);
  fuzz::check(whole.has_value() == dribbled.has_value(), "the answer depends on how the bytes arrive");
  if (!whole) return 0;
  fuzz::check(whole->status == dribbled->status && whole->body == dribbled->body &&
                  whole->headers == dribbled->headers,
              "the answer depends on how the bytes arrive");
  fuzz::check(whole->status >= 0 && whole->status <= 999, "a status beyond three digits");
  fuzz::check(whole->body.size() <= net::kMaxResponseBodyBytes, "a body past the cap");
  (void)whole->retry_after();
  std::vector<sdk::HttpHeader> storage;
  const sdk::HttpResponseView view = whole->view(storage);
  (void)view.header("gw-ratelimit-reset");
  return 0;
}
