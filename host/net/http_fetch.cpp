#include "net/http_fetch.hpp"

#include "net/connect.hpp"
#include "net/http_response_parser.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace tradehost::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

sdk::Failure fetch_error(std::string_view step, const Url& url, const boost::system::error_code& ec) {
  return sdk::fail(sdk::ErrorCode::io, std::string(step) + " " + url.to_string() + " failed: " + ec.message());
}

std::optional<http::verb> verb_of(const std::string& method) {
  const auto verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) return std::nullopt;
  return verb;
}

template <typename Stream>
asio::awaitable<sdk::Result<HttpResponse>> exchange(Stream& stream, const Url& url,
                                                    const sdk::HttpRequestSpec& spec) {
  const auto verb = verb_of(spec.method);
  if (!verb) co_return sdk::fail(sdk::ErrorCode::invalid_config, "unknown HTTP method '" + spec.method + "'");
  http::request<http::string_body> req{*verb, url.target, 11};
  req.set(http::field::host, url.host_header());
  req.set(http::field::user_agent, "tradehost");
  for (const auto& [name, value] : spec.headers) req.set(name, value);
  if (!spec.body.empty() || *verb == http::verb::post || *verb == http::verb::put) {
    req.body() = spec.body;
    req.prepare_payload();
  }
  auto [wec, wn] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
  if (wec) co_return fetch_error("sending to", url, wec);

  beast::flat_buffer buffer;
  ResponseParser parser;
  limit_response(parser);
  auto [rec, rn] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
  if (rec) co_return fetch_error("reading the answer of", url, rec);
  co_return take_response(parser);
}

}  // namespace

asio::awaitable<sdk::Result<HttpResponse>> http_fetch(asio::any_io_executor executor, const Url& base,
                                                      const sdk::HttpRequestSpec& request, asio::ssl::context* tls,
                                                      std::chrono::milliseconds timeout) {
  const Url url = with_target(base, request.target);
  if (url.tls() && tls == nullptr) co_return sdk::fail(sdk::ErrorCode::invalid_config, "no TLS context for " + url.to_string());
  if (!url.tls()) {
    beast::tcp_stream stream(executor);
    if (auto connected = co_await connect_plain(stream, url, timeout); !connected) {
      co_return sdk::Failure{std::move(connected).error()};
    }
    auto result = co_await exchange(stream, url, request);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return result;
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, *tls);
  if (auto connected = co_await connect_verified(stream, url, timeout); !connected) {
    co_return sdk::Failure{std::move(connected).error()};
  }
  co_return co_await exchange(stream, url, request);
}

}  // namespace tradehost::net
