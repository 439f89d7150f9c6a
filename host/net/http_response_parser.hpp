// The parser an HTTP answer is read with, for http_fetch (on a socket) and parse_http_response
// (from memory): Beast's response parser under our limits, and what a finished one becomes.
// Kept out of http_response.hpp so that its users do not all compile Beast's parser.
#pragma once

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_response.hpp"

namespace tradehost::net {

using ResponseParser = boost::beast::http::response_parser<boost::beast::http::string_body>;

// Sets the limits every answer is read under (the body cap, kMaxResponseBodyBytes).
void limit_response(ResponseParser& parser);

// The finished answer as http_fetch returns it: status, every header as received, the body.
HttpResponse take_response(ResponseParser& parser);

}  // namespace tradehost::net
