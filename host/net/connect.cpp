#include "net/connect.hpp"

#include <memory>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "net/tls_context.hpp"

namespace tradehost::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

sdk::Failure step_failed(std::string_view step, const Url& url, const std::string& reason) {
  return sdk::fail(sdk::ErrorCode::io, std::string(step) + " " + url.to_string() + " failed: " + reason);
}

// Resolves url.host within `timeout`. Asio resolves on a thread of its own with getaddrinfo,
// which cancel() cannot interrupt once it runs, so the lookup reports into shared state that
// outlives this call, and what is awaited is a timer the lookup cancels when it finishes: a hung
// resolver then costs `timeout`, not the system resolver's whole retry schedule.
asio::awaitable<sdk::Result<tcp::resolver::results_type>> resolve(const Url& url, std::chrono::milliseconds timeout) {
  struct Lookup {
    Lookup(const asio::any_io_executor& ex, std::chrono::milliseconds t) : resolver(ex), finished_or_timeout(ex, t) {}
    tcp::resolver resolver;
    asio::steady_timer finished_or_timeout;
    bool finished = false;
    boost::system::error_code ec;
    tcp::resolver::results_type endpoints;
  };
  auto lookup = std::make_shared<Lookup>(co_await asio::this_coro::executor, timeout);
  lookup->resolver.async_resolve(url.host, url.port,
                                 [lookup](const boost::system::error_code& ec, tcp::resolver::results_type endpoints) {
                                   lookup->finished = true;
                                   lookup->ec = ec;
                                   lookup->endpoints = std::move(endpoints);
                                   lookup->finished_or_timeout.cancel();
                                 });
  co_await lookup->finished_or_timeout.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!lookup->finished) {
    lookup->resolver.cancel();  // its handler still runs later, on the shared state
    co_return step_failed("resolving", url, "timed out after " + std::to_string(timeout.count()) + " ms");
  }
  if (lookup->ec) co_return step_failed("resolving", url, lookup->ec.message());
  co_return lookup->endpoints;
}

// What is left of `timeout` since `start`, at least 1 ms so that a late step still fails as a
// timeout of its own rather than never starting.
std::chrono::milliseconds remaining(Clock::time_point start, std::chrono::milliseconds timeout) {
  const auto used = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return std::max(timeout - used, std::chrono::milliseconds(1));
}

}  // namespace

asio::awaitable<sdk::Status> connect_plain(beast::tcp_stream& stream, const Url& url, std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  auto endpoints = co_await resolve(url, timeout);
  if (!endpoints) co_return sdk::Failure{std::move(endpoints).error()};
  stream.expires_after(remaining(start, timeout));
  auto [ec, endpoint] = co_await stream.async_connect(*endpoints, asio::as_tuple(asio::use_awaitable));
  if (ec == beast::error::timeout) {
    co_return step_failed("connecting to", url, "timed out after " + std::to_string(timeout.count()) + " ms");
  }
  if (ec) co_return step_failed("connecting to", url, ec.message());
  boost::system::error_code ignored;
  stream.socket().set_option(tcp::no_delay(true), ignored);
  co_return sdk::ok();
}

asio::awaitable<sdk::Status> connect_verified(beast::ssl_stream<beast::tcp_stream>& stream, const Url& url,
                                              std::chrono::milliseconds timeout) {
  if (auto connected = co_await connect_plain(beast::get_lowest_layer(stream), url, timeout); !connected) {
    co_return connected;
  }
  // SNI, and the certificate must name the host we dialled.
  if (!set_sni(stream.native_handle(), url.host)) {
    co_return sdk::fail(sdk::ErrorCode::io, "TLS: cannot set SNI for " + url.host);
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
  if (ec) co_return step_failed("TLS handshake with", url, ec.message());
  co_return sdk::ok();
}

}  // namespace tradehost::net
