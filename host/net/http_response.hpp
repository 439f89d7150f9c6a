// HttpResponse, an HTTP answer as http_fetch returns it, and reading one from bytes. The bytes
// come from a server we do not control, so this is also what fuzz/http_response.cpp feeds hostile
// input to, through parse_http_response: the parser and the read loop of the socket path
// (http_fetch reads with the same parser, net/http_response_parser.hpp), over bytes in memory.
//
// Its own library (tradehost_http_response), free of coroutines, so the fuzz build can have it
// without the rest of tradehost_net. Pure functions; safe from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/wire.hpp>

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

// The largest body we take (a kline answer is a few hundred KiB); a larger one is an error.
inline constexpr std::uint64_t kMaxResponseBodyBytes = 32u << 20;

// `bytes` as if a server sent them and closed the connection: read with Beast's http::read,
// `chunk_bytes` at most per read (the socket path gets what the network delivers), with the
// parser and limits http_fetch uses. An incomplete or malformed answer is a protocol error.
sdk::Result<HttpResponse> parse_http_response(std::string_view bytes,
                                              std::size_t chunk_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace tradehost::net
