// http_fetch: one HTTP(S) request on a connection of its own, for the host's cold paths (KuCoin's
// bullet token before a connection, REST klines to fill a gap). TLS verifies the peer like the
// WebSocket does. Any status comes back as a response; only network failures are errors.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/wire.hpp>

#include "net/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tradehost::net {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // every header, as received

  // Retry-After as a number of seconds (429 and 418 usually carry one), read from `headers`;
  // nullopt when absent, or given as an HTTP date or anything else that is not a count.
  std::optional<std::chrono::seconds> retry_after() const;

  // A view for an adapter; `storage` holds the header views and must outlive it.
  sdk::HttpResponseView view(std::vector<sdk::HttpHeader>& storage) const {
    storage.clear();
    for (const auto& [name, value] : headers) storage.push_back({name, value});
    return sdk::HttpResponseView{status, body, storage};
  }
};

boost::asio::awaitable<sdk::Result<HttpResponse>> http_fetch(boost::asio::any_io_executor executor, const Url& base,
                                                             const sdk::HttpRequestSpec& request,
                                                             boost::asio::ssl::context* tls,
                                                             std::chrono::milliseconds timeout);

}  // namespace tradehost::net
