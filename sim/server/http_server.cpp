#include "server/http_server.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <set>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace tradehost::sim {
namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

HttpRequest to_request(const http::request<http::string_body>& req) {
  HttpRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  const auto q = r.target.find('?');
  r.path = percent_decode(std::string_view(r.target).substr(0, q));
  if (q != std::string::npos) {
    r.raw_query = r.target.substr(q + 1);
    r.query = parse_query(r.raw_query);
  }
  for (const auto& field : req) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.body = req.body();
  return r;
}

http::response<http::string_body> to_beast(const HttpResponse& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "exchange-sim");
  res.set(http::field::content_type, r.content_type);
  for (const auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(keep_alive);
  res.body() = r.body;
  res.prepare_payload();
  return res;
}

// What a connection needs of its server: the router, the io_context and the live set.
class ServerBase {
 public:
  virtual ~ServerBase() = default;
  virtual Router& router() = 0;
  virtual net::io_context& io() = 0;
  virtual void add(WsPeer* peer) = 0;
  virtual void remove(WsPeer* peer) = 0;
};

// One WebSocket connection over Stream (plain or TLS): a read loop and a write queue, both on
// the I/O thread.
template <typename Stream>
class WsConnection final : public WsPeer, public std::enable_shared_from_this<WsConnection<Stream>> {
 public:
  WsConnection(websocket::stream<Stream> ws, std::unique_ptr<WsHandler> handler, std::uint64_t id, ServerBase& server)
      : ws_(std::move(ws)), handler_(std::move(handler)), id_(id), server_(server) {}

  net::awaitable<void> run(http::request<http::string_body> req);

  void send_text(std::string data) override { send_data(Kind::text, std::move(data)); }
  void send_binary(std::string data) override { send_data(Kind::binary, std::move(data)); }
  void send_ack(std::string data) override { ack(Kind::text, std::move(data)); }
  void send_binary_ack(std::string data) override { ack(Kind::binary, std::move(data)); }
  void ping(std::string payload) override {
    if (server_.router().fault("fault_stall") != 0) return;  // a silent stall sends no heartbeat either
    enqueue({Kind::ping, std::move(payload)});
  }
  void close(std::uint16_t code, std::string reason) override {
    close_code_ = code;
    enqueue({Kind::close, std::move(reason)});
  }
  void drop() override {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }
  std::uint64_t id() const override { return id_; }
  std::size_t queued_bytes() const override { return queued_bytes_; }

 private:
  enum class Kind { text, binary, ping, close };
  struct Outgoing {
    Kind kind;
    std::string data;
    std::chrono::steady_clock::time_point due{};  // not written before (the fault fault_lag_ms)
  };

  // An acknowledgement of `kind`, held back by the fault `fault_ack_delay_ms`.
  void ack(Kind kind, std::string data);

  // Data frames go through the faults: a stall swallows them, `fault_malformed_every` N cuts
  // every Nth in half, `fault_close_after_messages` N drops the connection after N of them.
  void send_data(Kind kind, std::string data) {
    Router& r = server_.router();
    if (r.fault("fault_stall") != 0) return;
    ++data_frames_;
    if (const auto every = r.fault("fault_malformed_every"); every > 0 && data_frames_ % every == 0) {
      data.resize(data.size() / 2);
    }
    enqueue({kind, std::move(data)});
    if (const auto n = r.fault("fault_close_after_messages"); n > 0 && data_frames_ >= n) drop();
  }

  void enqueue(Outgoing message) {
    if (closing_ || finished_) return;
    // A client that stops reading must not grow the sim without bound: past this much unsent
    // data it is dropped, as a venue's server would.
    constexpr std::size_t kMaxQueuedBytes = 64u << 20;
    if (queued_bytes_ + message.data.size() > kMaxQueuedBytes) {
      drop();
      return;
    }
    if (message.kind == Kind::close) closing_ = true;
    if (lag_.count() > 0) message.due = std::chrono::steady_clock::now() + lag_;
    queued_bytes_ += message.data.size();
    queue_.push_back(std::move(message));
    if (!writing_) {
      writing_ = true;
      net::co_spawn(ws_.get_executor(), write_loop(this->shared_from_this()), net::detached);
    }
  }

  static net::awaitable<void> write_loop(std::shared_ptr<WsConnection> self) {
    while (!self->queue_.empty() && !self->finished_) {
      Outgoing m = std::move(self->queue_.front());
      self->queue_.pop_front();
      self->queued_bytes_ -= m.data.size();
      beast::error_code ec;
      if (m.due > std::chrono::steady_clock::now()) {
        net::steady_timer timer(self->ws_.get_executor(), m.due);
        std::tie(ec) = co_await timer.async_wait(kTuple);
        if (ec || self->finished_) break;
      }
      switch (m.kind) {
        case Kind::text:
        case Kind::binary:
          self->ws_.binary(m.kind == Kind::binary);
          std::tie(ec, std::ignore) = co_await self->ws_.async_write(net::buffer(m.data), kTuple);
          break;
        case Kind::ping:
          std::tie(ec) = co_await self->ws_.async_ping(websocket::ping_data(m.data.substr(0, 125)), kTuple);
          break;
        case Kind::close:
          std::tie(ec) = co_await self->ws_.async_close(
              websocket::close_reason(static_cast<websocket::close_code>(self->close_code_), m.data.substr(0, 120)),
              kTuple);
          break;
      }
      if (ec) break;
    }
    self->writing_ = false;
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    server_.remove(this);
    handler_->on_close(*this);
    queue_.clear();
    queued_bytes_ = 0;
    drop();
  }

  websocket::stream<Stream> ws_;
  std::unique_ptr<WsHandler> handler_;
  std::uint64_t id_;
  ServerBase& server_;
  std::deque<Outgoing> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
  std::uint16_t close_code_ = 1000;
  std::int64_t data_frames_ = 0;
  std::chrono::milliseconds lag_{0};  // fault_lag_ms when the connection opened
};

template <typename Stream>
void WsConnection<Stream>::ack(Kind kind, std::string data) {
  const std::int64_t delay = server_.router().fault("fault_ack_delay_ms");
  if (delay <= 0) {
    enqueue({kind, std::move(data)});
    return;
  }
  auto timer = std::make_shared<net::steady_timer>(server_.io(), std::chrono::milliseconds(delay));
  timer->async_wait([self = this->shared_from_this(), timer, kind, d = std::move(data)](const beast::error_code& ec) mutable {
    if (!ec) self->enqueue({kind, std::move(d)});
  });
}

template <typename Stream>
net::awaitable<void> WsConnection<Stream>::run(http::request<http::string_body> req) {
  auto self = this->shared_from_this();
  ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds(10), websocket::stream_base::none(), false});
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "exchange-sim"); }));
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view payload) {
    if (finished_) return;
    if (kind == websocket::frame_type::ping) handler_->on_ping(*this, payload);
    if (kind == websocket::frame_type::pong && server_.router().fault("fault_ignore_pongs") == 0) {
      handler_->on_pong(*this, payload);
    }
  });
  auto [ec] = co_await ws_.async_accept(req, kTuple);
  if (ec) co_return;
  lag_ = std::chrono::milliseconds(std::max<std::int64_t>(0, server_.router().fault("fault_lag_ms")));
  server_.add(this);
  handler_->on_open(*this);
  beast::flat_buffer buffer;
  for (;;) {
    auto [rec, n] = co_await ws_.async_read(buffer, kTuple);
    if (rec) break;
    const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
    if (ws_.got_text()) {
      handler_->on_text(*this, data);
    } else {
      handler_->on_binary(*this, data);
    }
    buffer.consume(buffer.size());
    if (finished_) break;
  }
  finish();
}

class Server final : public HttpServer, public ServerBase {
 public:
  Server(net::io_context& io, Router& router) : io_(io), router_(router), acceptor_(io) {}

  sdk::Status open(const std::string& host, std::uint16_t port, const TlsMaterial* tls) {
    if (tls != nullptr) {
      tls_.emplace(ssl::context::tls_server);
      // As the host's client (issue 13): nothing older than TLS 1.2 is offered or accepted.
      if (SSL_CTX_set_min_proto_version(tls_->native_handle(), TLS1_2_VERSION) != 1) {
        return sdk::fail(sdk::ErrorCode::internal, "TLS setup failed: cannot require TLS 1.2 or newer");
      }
      beast::error_code ec;
      tls_->use_certificate_chain(net::buffer(tls->cert_pem), ec);
      if (!ec) tls_->use_private_key(net::buffer(tls->key_pem), ssl::context::pem, ec);
      if (ec) return sdk::fail(sdk::ErrorCode::internal, "TLS setup failed: " + ec.message());
    }
    beast::error_code ec;
    const auto address = net::ip::make_address(host, ec);
    if (ec) return sdk::fail(sdk::ErrorCode::invalid_config, "'" + host + "' is not an IP address");
    tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return sdk::fail(sdk::ErrorCode::io, "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    net::co_spawn(io_, accept_loop(), net::detached);
    return sdk::ok();
  }

  std::uint16_t port() const override { return port_; }
  void stop() override {
    beast::error_code ec;
    acceptor_.close(ec);
    for (auto* c : std::set<WsPeer*>(live_)) c->drop();
  }
  std::size_t open_websockets() const override { return live_.size(); }

  Router& router() override { return router_; }
  net::io_context& io() override { return io_; }
  void add(WsPeer* c) override { live_.insert(c); }
  void remove(WsPeer* c) override { live_.erase(c); }

 private:
  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kTuple);
      if (ec) co_return;  // closed by stop()
      socket.set_option(tcp::no_delay(true), ec);
      if (tls_) {
        net::co_spawn(io_, tls_session(beast::tcp_stream(std::move(socket))), net::detached);
      } else {
        net::co_spawn(io_, session(PlainStream(std::move(socket))), net::detached);
      }
    }
  }

  net::awaitable<void> tls_session(beast::tcp_stream plain) {
    TlsStream stream(std::move(plain), *tls_);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kTuple);
    if (ec) co_return;  // a client that does not trust us, or not TLS at all
    co_await session(std::move(stream));
  }

  template <typename Stream>
  net::awaitable<void> session(Stream stream) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(60));
      auto [ec, n] = co_await http::async_read(stream, buffer, req, kTuple);
      if (ec) co_return;
      HttpRequest request = to_request(req);
      if (websocket::is_upgrade(req)) {
        HttpResponse refusal = HttpResponse::json(404, R"({"error":"no WebSocket here"})");
        auto handler = router_.upgrade(request, refusal);
        if (!handler) {
          auto res = to_beast(refusal, req.version(), false);
          co_await http::async_write(stream, res, kTuple);
          co_return;
        }
        beast::get_lowest_layer(stream).expires_never();
        websocket::stream<Stream> ws(std::move(stream));
        auto conn = std::make_shared<WsConnection<Stream>>(std::move(ws), std::move(handler), ++next_id_, *this);
        co_await conn->run(std::move(req));
        co_return;
      }
      const bool spared = router_.fault("fault_rest_get_only") != 0 && req.method() != http::verb::get;
      const std::int64_t failing = spared ? 0 : router_.fault("fault_rest_status");
      const HttpResponse response =
          failing != 0 ? router_.rest_failure(static_cast<int>(failing), router_.fault("fault_retry_after_s"))
                       : router_.handle(request);
      auto res = to_beast(response, req.version(), req.keep_alive());
      auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
      if (wec || !req.keep_alive()) co_return;
    }
  }

  net::io_context& io_;
  Router& router_;
  tcp::acceptor acceptor_;
  std::optional<ssl::context> tls_;
  std::uint16_t port_ = 0;
  std::uint64_t next_id_ = 0;
  std::set<WsPeer*> live_;
};

}  // namespace

sdk::Result<std::unique_ptr<HttpServer>> HttpServer::listen(net::io_context& io, Router& router, const std::string& host,
                                                            std::uint16_t port, const TlsMaterial* tls) {
  auto server = std::make_unique<Server>(io, router);
  if (auto status = server->open(host, port, tls); !status) return std::move(status).error();
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace tradehost::sim
