#include "support/ws_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <zlib.h>

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace tradehost::test {
namespace {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
namespace http_ns = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

struct Url {
  bool tls = false;
  std::string host, port, target;
};

Url parse_url(const std::string& url) {
  const auto scheme = url.find("://");
  const std::string name = url.substr(0, scheme);
  const std::string rest = url.substr(scheme + 3);
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const auto colon = authority.rfind(':');
  return {name == "https" || name == "wss", authority.substr(0, colon), authority.substr(colon + 1),
          slash == std::string::npos ? "/" : rest.substr(slash)};
}

// A client TLS context that verifies the peer, by IP or by name.
std::unique_ptr<ssl::context> client_context(const std::string& ca_file) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
  if (ca_file.empty()) {
    ctx->set_default_verify_paths();
  } else {
    ctx->load_verify_file(ca_file);
  }
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

void expect_host(SSL* ssl_handle, const std::string& host) {
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl_handle);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1) {
    SSL_ctrl(ssl_handle, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
}

template <typename Stream>
class Client final : public WsClient {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  explicit Client(std::unique_ptr<ssl::context> ctx) : ctx_(std::move(ctx)), ws_(make_stream()) {}

  bool open(const Url& u, std::string* error) {
    tcp::resolver resolver(io_);
    beast::error_code ec;
    auto results = resolver.resolve(u.host, u.port, ec);
    if (!ec) beast::get_lowest_layer(ws_).connect(results, ec);
    if constexpr (kTls) {
      if (!ec) {
        expect_host(ws_.next_layer().native_handle(), u.host);
        ws_.next_layer().handshake(ssl::stream_base::client, ec);
      }
    }
    if (ec) {
      if (error) *error = "connect: " + ec.message();
      return false;
    }
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::ping) ++pings_;
    });
    websocket::response_type res;
    ws_.handshake(res, u.host + ":" + u.port, u.target, ec);
    if (ec) {
      if (error) *error = "HTTP " + std::to_string(res.result_int()) + " " + res.body();
      return false;
    }
    return true;
  }

  void send_text(const std::string& text) override {
    beast::error_code ec;
    ws_.text(true);
    ws_.write(net::buffer(text), ec);
  }

  std::optional<WsFrame> read(std::chrono::milliseconds timeout) override {
    if (closed_) return std::nullopt;
    if (!pending_) {
      pending_ = true;
      done_ = false;
      ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
        done_ = true;
        pending_ = false;
        ec_ = ec;
      });
    }
    io_.restart();
    io_.run_for(timeout);
    if (!done_) return std::nullopt;
    if (ec_) {
      closed_ = true;
      close_code_ = ws_.reason().code;
      close_reason_ = std::string(ws_.reason().reason.c_str());
      return std::nullopt;
    }
    WsFrame f{!ws_.got_text(), beast::buffers_to_string(buffer_.data())};
    buffer_.consume(buffer_.size());
    return f;
  }

  bool closed() const override { return closed_; }
  int close_code() const override { return close_code_; }
  std::string close_reason() const override { return close_reason_; }
  int pings_received() const override { return pings_; }
  void close() override {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
    closed_ = true;
  }

 private:
  websocket::stream<Stream> make_stream() {
    if constexpr (kTls) {
      return websocket::stream<Stream>(io_, *ctx_);
    } else {
      return websocket::stream<Stream>(io_);
    }
  }

  std::unique_ptr<ssl::context> ctx_;
  net::io_context io_;
  websocket::stream<Stream> ws_;
  beast::flat_buffer buffer_;
  bool pending_ = false;
  bool done_ = false;
  bool closed_ = false;
  beast::error_code ec_;
  int close_code_ = 0;
  std::string close_reason_;
  int pings_ = 0;
};

template <typename Stream>
HttpReply exchange(Stream& stream, const Url& u, const std::string& method, const std::string& body,
                   const std::map<std::string, std::string>& headers) {
  http_ns::request<http_ns::string_body> req{http_ns::string_to_verb(method), u.target, 11};
  req.set(http_ns::field::host, u.host);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http_ns::write(stream, req);
  beast::flat_buffer buffer;
  http_ns::response<http_ns::string_body> res;
  http_ns::read(stream, buffer, res);
  HttpReply reply{static_cast<int>(res.result_int()), res.body(), {}};
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(f.value());
  }
  return reply;
}

}  // namespace

std::unique_ptr<WsClient> WsClient::connect(const std::string& url, std::string* error, const std::string& ca_file) {
  const Url u = parse_url(url);
  if (u.tls) {
    auto c = std::make_unique<Client<TlsStream>>(client_context(ca_file));
    if (!c->open(u, error)) return nullptr;
    return c;
  }
  auto c = std::make_unique<Client<beast::tcp_stream>>(nullptr);
  if (!c->open(u, error)) return nullptr;
  return c;
}

HttpReply http(const std::string& method, const std::string& url, const std::string& body,
               const std::map<std::string, std::string>& headers, const std::string& ca_file) {
  const Url u = parse_url(url);
  net::io_context io;
  tcp::resolver resolver(io);
  const auto endpoints = resolver.resolve(u.host, u.port);
  if (u.tls) {
    auto ctx = client_context(ca_file);
    TlsStream stream(io, *ctx);
    beast::get_lowest_layer(stream).connect(endpoints);
    expect_host(stream.native_handle(), u.host);
    beast::error_code ec;
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) return {-1, "TLS handshake: " + ec.message(), {}};
    return exchange(stream, u, method, body, headers);
  }
  beast::tcp_stream stream(io);
  stream.connect(endpoints);
  HttpReply reply = exchange(stream, u, method, body, headers);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return reply;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[16384];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      throw std::runtime_error("corrupt gzip data");
    }
    out.append(buf, sizeof buf - z.avail_out);
  } while (rc != Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

}  // namespace tradehost::test
