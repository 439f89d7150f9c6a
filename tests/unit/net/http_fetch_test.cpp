// http_fetch against a Beast HTTP server on loopback: any status comes back as a response with
// every header, Retry-After read as seconds, and the view an adapter gets finds headers without
// regard to case (KuCoin's gw-ratelimit-reset reaches its adapter this way, ABI 4).
#include "net/http_fetch.hpp"

#include <optional>
#include <string>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace tradehost::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

TEST(HttpFetch, AThrottledAnswerComesBackWithEveryHeaderAndItsRetryAfter) {
  asio::io_context server_io;
  tcp::acceptor acceptor(server_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = acceptor.local_endpoint().port();
  std::string target_seen;
  std::thread server([&] {
    tcp::socket socket(server_io);
    acceptor.accept(socket);
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::read(socket, buffer, req);
    target_seen = std::string(req.target());
    http::response<http::string_body> res{http::status::too_many_requests, 11};
    res.set(http::field::retry_after, "3");
    res.set("gw-ratelimit-reset", "1500");
    res.body() = R"({"code":"429000","msg":"Too Many Requests"})";
    res.prepare_payload();
    http::write(socket, res);
  });

  asio::io_context io;
  std::optional<HttpResponse> got;
  std::string failure;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto base = parse_url("http://127.0.0.1:" + std::to_string(port));
        sdk::HttpRequestSpec spec;
        spec.target = "/api/v1/kline/query?symbol=XBTUSDTM";
        auto res = co_await http_fetch(io.get_executor(), *base, spec, nullptr, std::chrono::seconds(5));
        if (res) {
          got = std::move(*res);
        } else {
          failure = res.error().message;
        }
      },
      asio::detached);
  io.run();
  server.join();

  ASSERT_TRUE(got) << failure;
  EXPECT_EQ(target_seen, "/api/v1/kline/query?symbol=XBTUSDTM");
  EXPECT_EQ(got->status, 429);
  ASSERT_TRUE(got->retry_after());
  EXPECT_EQ(got->retry_after()->count(), 3);
  std::vector<sdk::HttpHeader> storage;
  const sdk::HttpResponseView view = got->view(storage);
  EXPECT_EQ(view.status, 429);
  EXPECT_EQ(view.body, R"({"code":"429000","msg":"Too Many Requests"})");
  EXPECT_EQ(view.header("GW-RATELIMIT-RESET"), std::optional<std::string_view>("1500"));
  EXPECT_EQ(view.header("retry-after"), std::optional<std::string_view>("3"));
  EXPECT_FALSE(view.header("gw-ratelimit"));
}

TEST(HttpResponse, RetryAfterIsACountOfSecondsInAnyCaseElseNothing) {
  auto with = [](std::string name, std::string value) {
    HttpResponse res;
    res.status = 429;
    res.headers = {{"Content-Type", "application/json"}, {std::move(name), std::move(value)}};
    return res.retry_after();
  };
  EXPECT_EQ(with("Retry-After", "120"), std::chrono::seconds(120));
  EXPECT_EQ(with("retry-after", "0"), std::chrono::seconds(0));
  // More digits than a count holds is a very long wait, not none: the fill must not come back early.
  const auto huge = with("Retry-After", "99999999999999999999999");
  ASSERT_TRUE(huge);
  EXPECT_GE(*huge, std::chrono::hours(24 * 365));
  // An HTTP date, a negative or a fractional count, and junk are not waited on: the caller's
  // own backoff applies.
  EXPECT_FALSE(with("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"));
  EXPECT_FALSE(with("Retry-After", "-5"));
  EXPECT_FALSE(with("Retry-After", "1.5"));
  EXPECT_FALSE(with("Retry-After", ""));
  EXPECT_FALSE(with("X-Retry-After", "3"));
}

}  // namespace
}  // namespace tradehost::net
