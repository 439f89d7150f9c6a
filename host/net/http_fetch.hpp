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

#include "net/http_response.hpp"
#include "net/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tradehost::net {

boost::asio::awaitable<sdk::Result<HttpResponse>> http_fetch(boost::asio::any_io_executor executor, const Url& base,
                                                             const sdk::HttpRequestSpec& request,
                                                             boost::asio::ssl::context* tls,
                                                             std::chrono::milliseconds timeout);

}  // namespace tradehost::net
