#include "net/ws_connection.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstring>
#include <deque>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <tradehost/sdk/decode.hpp>

#include "net/connect.hpp"
#include "net/ws_frame_reader.hpp"

// The WebSocket client protocol (RFC 6455) for market data: Beast carries TCP, TLS and the HTTP
// upgrade; the framing is ours so that one socket read of up to 64 KiB yields every complete
// frame in it, handed out in place (Beast's stream reads 1.5 KB per call and completes one
// message per operation, which costs more than the decode on this class of machine).

namespace tradehost::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Every adapter refuses frames over 1 MiB (after inflating, for BingX); a little more is read so
// that the adapter, not the socket, says what was wrong with such a frame.
constexpr std::size_t kMaxMessageBytes = 2u << 20;
// Our frames waiting to be sent. Ordinary traffic (subscriptions, heartbeats, pongs) is a few KiB;
// past this the peer is not reading and the connection is closed.
constexpr std::size_t kMaxQueuedBytes = 1u << 20;
constexpr std::size_t kReadChunk = 64u << 10;
constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

enum Opcode : std::uint8_t { kText = 0x1, kClose = 0x8, kPong = 0xA };

// A venue's close reason as one printable line: it goes into the log.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 123)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

sdk::Failure network_error(std::string_view step, const Url& url, const boost::system::error_code& ec) {
  return sdk::fail(sdk::ErrorCode::io, std::string(step) + " " + url.to_string() + " failed: " + ec.message());
}

sdk::Failure protocol_error(std::string_view why) {
  return sdk::fail(sdk::ErrorCode::protocol, "WebSocket protocol error: " + std::string(why));
}

// OpenSSL's encoder (already linked for TLS and SHA-1) rather than one of our own.
std::string base64(const unsigned char* data, std::size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');  // EVP_EncodeBlock writes a NUL after the text
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2): base64(SHA-1(key + GUID)).
std::string accept_for(const std::string& key) {
  const std::string text = key + std::string(kWebSocketGuid);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return base64(digest, sizeof digest);
}

}  // namespace

struct WsConnection::Impl {
  virtual ~Impl() = default;
  virtual asio::awaitable<sdk::Result<ReceivedFrame>> read() = 0;
  virtual void send(std::string text) = 0;
  virtual void abort() noexcept = 0;
  virtual asio::awaitable<void> close(std::chrono::milliseconds timeout) = 0;
  std::uint64_t frames_sent = 0;
  std::uint64_t control_frames = 0;
};

namespace {

template <typename Stream>
struct FramedImpl final : WsConnection::Impl, std::enable_shared_from_this<FramedImpl<Stream>> {
  template <typename... Args>
  explicit FramedImpl(Args&&... args) : stream(std::forward<Args>(args)...), rng(std::random_device{}()) {
    buf.resize(kReadChunk + sdk::kFramePadding);
  }

  // The HTTP upgrade; bytes the server sent after the 101 stay in `buf` as the first frames.
  asio::awaitable<sdk::Status> handshake(const Url& url) {
    unsigned char nonce[16];
    if (RAND_bytes(nonce, sizeof nonce) != 1) co_return protocol_error("no random bytes for the handshake key");
    const std::string key = base64(nonce, sizeof nonce);
    http::request<http::empty_body> req{http::verb::get, url.target, 11};
    req.set(http::field::host, url.host_header());
    req.set(http::field::upgrade, "websocket");
    req.set(http::field::connection, "Upgrade");
    req.set(http::field::sec_websocket_key, key);
    req.set(http::field::sec_websocket_version, "13");
    req.set(http::field::user_agent, "tradehost");
    auto [wec, wn] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
    if (wec) co_return network_error("WebSocket handshake with", url, wec);
    beast::flat_buffer head;
    http::response_parser<http::empty_body> parser;
    parser.skip(true);  // a 101 has no body: stop after the header
    auto [rec, rn] = co_await http::async_read_header(stream, head, parser, asio::as_tuple(asio::use_awaitable));
    if (rec) co_return network_error("WebSocket handshake with", url, rec);
    const auto& res = parser.get();
    if (res.result() != http::status::switching_protocols) {
      co_return sdk::fail(sdk::ErrorCode::io, "WebSocket handshake with " + url.to_string() + " refused: HTTP " +
                                                  std::to_string(res.result_int()));
    }
    if (res[http::field::sec_websocket_accept] != accept_for(key)) {
      co_return protocol_error("the server's Sec-WebSocket-Accept does not match our key");
    }
    const auto rest = head.cdata();
    if (rest.size() > 0) {
      ensure_room(rest.size());
      std::memcpy(buf.data() + end, rest.data(), rest.size());
      end += rest.size();
    }
    co_return sdk::ok();
  }

  // Room for `more` bytes after `end`, plus the decoders' padding; moves unread bytes to the front.
  void ensure_room(std::size_t more) {
    if (begin > 0 && (end + more + sdk::kFramePadding > buf.size() || begin == end)) {
      std::memmove(buf.data(), buf.data() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    if (end + more + sdk::kFramePadding > buf.size()) buf.resize(end + more + sdk::kFramePadding);
  }

  asio::awaitable<sdk::Result<ReceivedFrame>> read() override {
    for (;;) {
      if (closed_reason) co_return sdk::fail(sdk::ErrorCode::io, *closed_reason);
      const WsFrameEvent event = reader.next(buf.data() + begin, end - begin, sdk::kFramePadding);
      using Kind = WsFrameEvent::Kind;
      if (event.kind == Kind::need_more) {
        ensure_room(std::max(event.need, kReadChunk));
        auto [ec, n] = co_await stream.async_read_some(
            asio::buffer(buf.data() + end, buf.size() - sdk::kFramePadding - end), asio::as_tuple(asio::use_awaitable));
        // A connection we closed ourselves (a peer that stopped reading) says why, not "aborted".
        if (closed_reason) co_return sdk::fail(sdk::ErrorCode::io, *closed_reason);
        if (ec) co_return sdk::fail(sdk::ErrorCode::io, "read failed: " + ec.message());
        end += n;
        continue;
      }
      begin += event.consumed;
      switch (event.kind) {
        case Kind::message:
          // In place when unfragmented: the bytes after the payload are the next frame's or spare
          // capacity, and ensure_room keeps kFramePadding of them readable.
          co_return ReceivedFrame{event.payload.data(), event.payload.size(), event.binary};
        case Kind::ping:
          ++control_frames;
          send_frame(kPong, std::string(event.payload));
          break;
        case Kind::pong:
          ++control_frames;
          break;
        case Kind::close: {
          ++control_frames;
          std::string text = "closed by the venue with code " + std::to_string(event.close_code);
          if (!event.payload.empty()) text += " (" + printable(event.payload) + ")";
          std::string echo;  // RFC 6455 §5.5.1: echo the status code
          if (event.close_code != 1005) {
            echo = {static_cast<char>(event.close_code >> 8), static_cast<char>(event.close_code & 0xff)};
          }
          send_frame(kClose, std::move(echo));
          closed_reason = text;
          co_return sdk::fail(sdk::ErrorCode::io, text);
        }
        case Kind::error: {
          // RFC 6455 §7.4.1: 1002, protocol error. Best effort: the socket is dropped next.
          send_frame(kClose, std::string("\x03\xea", 2));
          closed_reason = "WebSocket protocol error: " + std::string(event.why) + "; closed with code 1002";
          co_return sdk::fail(sdk::ErrorCode::protocol, *closed_reason);
        }
        default:
          break;  // a fragment: the reader keeps it
      }
    }
  }

  // A client frame: FIN, masked with a fresh key (RFC 6455 §5.3).
  void send_frame(std::uint8_t opcode, std::string payload) {
    std::string frame;
    frame.reserve(payload.size() + 14);
    frame.push_back(static_cast<char>(0x80 | opcode));
    const std::size_t n = payload.size();
    if (n < 126) {
      frame.push_back(static_cast<char>(0x80 | n));
    } else if (n < 65536) {
      frame.push_back(static_cast<char>(0x80 | 126));
      frame.push_back(static_cast<char>((n >> 8) & 0xff));
      frame.push_back(static_cast<char>(n & 0xff));
    } else {
      frame.push_back(static_cast<char>(0x80 | 127));
      for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((std::uint64_t{n} >> shift) & 0xff));
    }
    const std::uint32_t key = static_cast<std::uint32_t>(rng());
    const std::array<char, 4> mask = {static_cast<char>(key >> 24), static_cast<char>(key >> 16),
                                      static_cast<char>(key >> 8), static_cast<char>(key)};
    frame.append(mask.data(), mask.size());
    for (std::size_t i = 0; i < n; ++i) frame.push_back(static_cast<char>(payload[i] ^ mask[i % 4]));
    if (aborted) return;
    // A peer that stops reading (while it pings, say) would grow the queue without end.
    if (queued_bytes + frame.size() > kMaxQueuedBytes) {
      closed_reason = "the venue stopped reading: " + std::to_string(queued_bytes) +
                      " bytes of our frames are waiting to be sent (limit " + std::to_string(kMaxQueuedBytes) +
                      "); closed the connection";
      abort();
      return;
    }
    queued_bytes += frame.size();
    queue.push_back(std::move(frame));
    if (writing) return;
    writing = true;
    asio::co_spawn(stream.get_executor(), drain(this->shared_from_this()), asio::detached);
  }

  void send(std::string text) override { send_frame(kText, std::move(text)); }

  static asio::awaitable<void> drain(std::shared_ptr<FramedImpl> self) {
    while (!self->queue.empty() && !self->aborted) {
      auto [ec, n] = co_await asio::async_write(self->stream, asio::buffer(self->queue.front()),
                                                asio::as_tuple(asio::use_awaitable));
      if (ec) {
        self->abort();  // the reader sees the failure and reports it
        break;
      }
      self->queued_bytes -= self->queue.front().size();
      self->queue.pop_front();
      ++self->frames_sent;
    }
    self->writing = false;
  }

  void abort() noexcept override {
    aborted = true;
    boost::system::error_code ignored;
    beast::get_lowest_layer(stream).socket().close(ignored);
  }

  asio::awaitable<void> close(std::chrono::milliseconds timeout) override {
    if (aborted) co_return;
    send_frame(kClose, std::string("\x03\xe8", 2));  // 1000: normal closure
    asio::steady_timer wait(stream.get_executor(), timeout);
    co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    abort();
  }

  Stream stream;
  std::vector<char> buf;  // unread bytes in [begin, end), kFramePadding spare after `end`
  std::size_t begin = 0;
  std::size_t end = 0;
  WsFrameReader reader{kMaxMessageBytes};
  std::optional<std::string> closed_reason;
  std::deque<std::string> queue;
  std::size_t queued_bytes = 0;  // of `queue`, the frame being written included
  bool writing = false;
  bool aborted = false;
  std::mt19937 rng;
};

}  // namespace

asio::awaitable<sdk::Result<std::unique_ptr<WsConnection>>> WsConnection::open(Executor executor, const Url& url,
                                                                                asio::ssl::context* tls,
                                                                                std::chrono::milliseconds timeout) {
  if (url.tls() && tls == nullptr) {
    co_return sdk::fail(sdk::ErrorCode::invalid_config, "no TLS context for " + url.to_string());
  }
  if (!url.tls()) {
    auto impl = std::make_shared<FramedImpl<beast::tcp_stream>>(executor);
    if (auto connected = co_await connect_plain(impl->stream, url, timeout); !connected) {
      co_return sdk::Failure{std::move(connected).error()};
    }
    if (auto hs = co_await impl->handshake(url); !hs) co_return sdk::Failure{std::move(hs).error()};
    impl->stream.expires_never();
    co_return std::make_unique<WsConnection>(std::move(impl));
  }

  auto impl = std::make_shared<FramedImpl<beast::ssl_stream<beast::tcp_stream>>>(executor, *tls);
  if (auto connected = co_await connect_verified(impl->stream, url, timeout); !connected) {
    co_return sdk::Failure{std::move(connected).error()};
  }
  if (auto hs = co_await impl->handshake(url); !hs) co_return sdk::Failure{std::move(hs).error()};
  beast::get_lowest_layer(impl->stream).expires_never();
  co_return std::make_unique<WsConnection>(std::move(impl));
}

WsConnection::WsConnection(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
WsConnection::~WsConnection() {
  if (impl_) impl_->abort();
}
asio::awaitable<sdk::Result<ReceivedFrame>> WsConnection::read() { return impl_->read(); }
void WsConnection::send(std::string text) { impl_->send(std::move(text)); }
void WsConnection::abort() noexcept { impl_->abort(); }
asio::awaitable<void> WsConnection::close(std::chrono::milliseconds timeout) { return impl_->close(timeout); }
std::uint64_t WsConnection::frames_sent() const noexcept { return impl_->frames_sent; }
std::uint64_t WsConnection::control_frames() const noexcept { return impl_->control_frames; }

}  // namespace tradehost::net
