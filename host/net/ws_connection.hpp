// WsConnection: one client WebSocket (ws:// or wss://) as coroutines on the caller's executor.
//
// open() resolves, connects, does TLS with SNI and peer verification (wss), and the WebSocket
// handshake, all within one deadline. read() hands out each received frame in place, padded with
// sdk::kFramePadding readable bytes for simdjson; the view is valid until the next read().
// send() queues text frames and writes them in order (one write in flight, as WebSocket wants).
// The venue's protocol pings are answered here; frames are parsed by WsFrameReader, which refuses
// what RFC 6455 forbids (oversized or fragmented control frames, ...) as a protocol error, and
// a peer that stops reading while our queue passes 1 MiB is closed. Beast and Asio's SSL stay
// inside ws_connection.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <tradehost/sdk/result.hpp>

#include "net/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tradehost::net {

struct ReceivedFrame {
  const char* data = nullptr;
  std::size_t size = 0;
  bool binary = false;
};

class WsConnection {
 public:
  struct Impl;
  using Executor = boost::asio::any_io_executor;

  // `tls` is required for wss:// and ignored for ws://.
  static boost::asio::awaitable<sdk::Result<std::unique_ptr<WsConnection>>> open(
      Executor executor, const Url& url, boost::asio::ssl::context* tls, std::chrono::milliseconds timeout);

  explicit WsConnection(std::shared_ptr<Impl> impl);
  ~WsConnection();  // aborts the socket if still open
  WsConnection(const WsConnection&) = delete;
  WsConnection& operator=(const WsConnection&) = delete;

  // The next frame, or why the connection ended ("closed by the venue: 1001 going away", ...).
  boost::asio::awaitable<sdk::Result<ReceivedFrame>> read();
  void send(std::string text);
  // Drops the socket at once (no close handshake); a pending read() ends with an error.
  void abort() noexcept;
  // A polite close (close frame, then the socket), giving up after `timeout`.
  boost::asio::awaitable<void> close(std::chrono::milliseconds timeout);

  std::uint64_t frames_sent() const noexcept;
  // Pings, pongs and close frames seen; the WebSocket layer answers pings itself.
  std::uint64_t control_frames() const noexcept;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace tradehost::net
