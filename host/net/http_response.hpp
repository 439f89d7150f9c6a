// Reading an HTTP/1.1 answer: the parser http_fetch reads with (Beast's, with our body cap) and
// what becomes of a parsed answer. The bytes come from a server we do not control, so this is
// also what fuzz/http_response.cpp feeds hostile input to, through parse_http_response: the
// same parser and the same read loop as the socket path, over bytes in memory.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <tradehost/sdk/result.hpp>

#include "net/http_fetch.hpp"

namespace tradehost::net {

// The largest body we take (a kline answer is a few hundred KiB); a larger one is an error.
inline constexpr std::uint64_t kMaxResponseBodyBytes = 32u << 20;

using ResponseParser = boost::beast::http::response_parser<boost::beast::http::string_body>;

// Sets the limits every answer is read under (the body cap).
void limit_response(ResponseParser& parser);

// The finished answer as http_fetch returns it: status, every header as received, the body.
HttpResponse take_response(ResponseParser& parser);

// `bytes` as if a server sent them and closed the connection: read with Beast's http::read,
// `chunk_bytes` at most per read (the socket path gets what the network delivers), under the
// limits of limit_response. An incomplete or malformed answer is a protocol error.
sdk::Result<HttpResponse> parse_http_response(std::string_view bytes,
                                              std::size_t chunk_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace tradehost::net
