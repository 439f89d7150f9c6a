// HttpServer: one listening socket on loopback serving HTTP/1.1 and WebSocket for one Router.
//
// Runs on the io_context it is given (the sim has one I/O thread). Each connection is a
// coroutine: read a request, answer it or upgrade it to a WebSocket driven by the router's
// WsHandler. Beast stays inside http_server.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <tradehost/sdk/result.hpp>

#include "server/http_types.hpp"
#include "server/tls.hpp"

namespace boost::asio {
class io_context;
}

namespace tradehost::sim {

class HttpServer {
 public:
  // Listens on host:port (port 0 picks a free one). Errors name the address.
  // With `tls`, every connection is TLS (https, wss) with that certificate.
  static sdk::Result<std::unique_ptr<HttpServer>> listen(boost::asio::io_context& io, Router& router,
                                                         const std::string& host, std::uint16_t port,
                                                         const TlsMaterial* tls = nullptr);
  virtual ~HttpServer() = default;
  virtual std::uint16_t port() const = 0;
  // Stops accepting and closes every connection.
  virtual void stop() = 0;
  virtual std::size_t open_websockets() const = 0;
};

}  // namespace tradehost::sim
