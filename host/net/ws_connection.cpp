#include "net/ws_connection.hpp"

#include <deque>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include "net/tls_context.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <tradehost/sdk/decode.hpp>

namespace tradehost::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kMaxMessageBytes = 16u << 20;

sdk::Failure network_error(std::string_view step, const Url& url, const boost::system::error_code& ec) {
  return sdk::fail(sdk::ErrorCode::io,
                   std::string(step) + " " + url.to_string() + " failed: " + ec.message());
}

std::string close_text(const websocket::close_reason& reason) {
  std::string text = "closed by the venue with code " + std::to_string(reason.code);
  if (!reason.reason.empty()) text += " (" + std::string(reason.reason.c_str()) + ")";
  return text;
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

template <typename Ws>
struct StreamImpl final : WsConnection::Impl, std::enable_shared_from_this<StreamImpl<Ws>> {
  template <typename... Args>
  explicit StreamImpl(Args&&... args) : ws(std::forward<Args>(args)...) {
    ws.control_callback([this](websocket::frame_type, beast::string_view) { ++control_frames; });
  }

  asio::awaitable<sdk::Result<ReceivedFrame>> read() override {
    buffer.consume(buffer.size());
    auto [ec, n] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == websocket::error::closed) co_return sdk::fail(sdk::ErrorCode::io, close_text(ws.reason()));
      co_return sdk::fail(sdk::ErrorCode::io, "read failed: " + ec.message());
    }
    // The decoders parse in place and may read kFramePadding bytes past the frame.
    buffer.prepare(sdk::kFramePadding);
    const auto data = buffer.cdata();
    co_return ReceivedFrame{static_cast<const char*>(data.data()), data.size(), ws.got_binary()};
  }

  void send(std::string text) override {
    queue.push_back(std::move(text));
    if (writing) return;
    writing = true;
    asio::co_spawn(ws.get_executor(), drain(this->shared_from_this()), asio::detached);
  }

  static asio::awaitable<void> drain(std::shared_ptr<StreamImpl> self) {
    while (!self->queue.empty() && !self->aborted) {
      self->ws.text(true);
      auto [ec, n] = co_await self->ws.async_write(asio::buffer(self->queue.front()),
                                                   asio::as_tuple(asio::use_awaitable));
      if (ec) {
        self->abort();  // the reader sees the failure and reports it
        break;
      }
      self->queue.pop_front();
      ++self->frames_sent;
    }
    self->writing = false;
  }

  void abort() noexcept override {
    aborted = true;
    boost::system::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
  }

  asio::awaitable<void> close(std::chrono::milliseconds timeout) override {
    if (aborted || !ws.is_open()) co_return;
    beast::get_lowest_layer(ws).expires_after(timeout);
    websocket::stream_base::timeout opt{};
    opt.handshake_timeout = timeout;
    opt.idle_timeout = websocket::stream_base::none();
    opt.keep_alive_pings = false;
    ws.set_option(opt);
    co_await ws.async_close(websocket::close_code::normal, asio::as_tuple(asio::use_awaitable));
    abort();
  }

  Ws ws;
  beast::flat_buffer buffer;
  std::deque<std::string> queue;
  bool writing = false;
  bool aborted = false;
};

using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

template <typename Ws>
asio::awaitable<sdk::Status> handshake_ws(Ws& ws, const Url& url) {
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::request_type& req) { req.set(beast::http::field::user_agent, "tradehost"); }));
  ws.read_message_max(kMaxMessageBytes);
  auto [ec] = co_await ws.async_handshake(url.host_header(), url.target, asio::as_tuple(asio::use_awaitable));
  if (ec) co_return network_error("WebSocket handshake with", url, ec);
  beast::get_lowest_layer(ws).expires_never();
  co_return sdk::ok();
}

}  // namespace

asio::awaitable<sdk::Result<std::unique_ptr<WsConnection>>> WsConnection::open(Executor executor, const Url& url,
                                                                                asio::ssl::context* tls,
                                                                                std::chrono::milliseconds timeout) {
  if (url.tls() && tls == nullptr) {
    co_return sdk::fail(sdk::ErrorCode::invalid_config, "no TLS context for " + url.to_string());
  }
  tcp::resolver resolver(executor);
  auto [rec, endpoints] =
      co_await resolver.async_resolve(url.host, url.port, asio::as_tuple(asio::use_awaitable));
  if (rec) co_return network_error("resolving", url, rec);

  if (!url.tls()) {
    auto impl = std::make_shared<StreamImpl<PlainWs>>(executor);
    auto& tcp_layer = beast::get_lowest_layer(impl->ws);
    tcp_layer.expires_after(timeout);
    auto [cec, ep] = co_await tcp_layer.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
    if (cec) co_return network_error("connecting to", url, cec);
    tcp_layer.socket().set_option(tcp::no_delay(true));
    if (auto hs = co_await handshake_ws(impl->ws, url); !hs) co_return sdk::Failure{std::move(hs).error()};
    co_return std::make_unique<WsConnection>(std::move(impl));
  }

  auto impl = std::make_shared<StreamImpl<TlsWs>>(executor, *tls);
  auto& tcp_layer = beast::get_lowest_layer(impl->ws);
  tcp_layer.expires_after(timeout);
  auto [cec, ep] = co_await tcp_layer.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
  if (cec) co_return network_error("connecting to", url, cec);
  tcp_layer.socket().set_option(tcp::no_delay(true));
  auto& ssl = impl->ws.next_layer();
  // SNI, and the certificate must name the host we dialled.
  if (!set_sni(ssl.native_handle(), url.host)) {
    co_return sdk::fail(sdk::ErrorCode::io, "TLS: cannot set SNI for " + url.host);
  }
  ssl.set_verify_callback(asio::ssl::host_name_verification(url.host));
  auto [hec] = co_await ssl.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  if (hec) co_return network_error("TLS handshake with", url, hec);
  if (auto hs = co_await handshake_ws(impl->ws, url); !hs) co_return sdk::Failure{std::move(hs).error()};
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
