// Opening a client stream: name resolution, TCP connect and, for TLS, SNI, host-name verification
// and the handshake, all within one timeout. Shared by the WebSocket client and the one-shot HTTP
// fetch so that both dial, verify and fail the same way.
//
// Failures read "<step> <url> failed: <reason>" ("resolving", "connecting to", "TLS handshake
// with"); resolving or connecting past the timeout gives the reason "timed out after <ms> ms",
// a handshake past it the socket's own timeout message.
#pragma once

#include <chrono>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <tradehost/sdk/result.hpp>

#include "net/url.hpp"

namespace tradehost::net {

// Plain TCP, TCP_NODELAY on. The stream's own timeout is left running: the caller's next step
// (a handshake) stays under it; call expires_never() once done.
boost::asio::awaitable<sdk::Status> connect_plain(boost::beast::tcp_stream& stream, const Url& url,
                                                  std::chrono::milliseconds timeout);

// TCP as above, then SNI, verification that the certificate names url.host, and the handshake.
boost::asio::awaitable<sdk::Status> connect_verified(boost::beast::ssl_stream<boost::beast::tcp_stream>& stream,
                                                     const Url& url, std::chrono::milliseconds timeout);

}  // namespace tradehost::net
