// WsConnection's own WebSocket framing against Beast's server on loopback: every length
// encoding (7, 16 and 64 bit, at their edges), fragmented messages, binary frames, pings
// answered, client frames masked (Beast's server refuses unmasked ones), the close code.
#include "net/ws_connection.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <gtest/gtest.h>

#include <tradehost/sdk/decode.hpp>

namespace tradehost::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

std::string payload(std::size_t n, char seed) {
  std::string s(n, ' ');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (static_cast<std::size_t>(seed) + i) % 26);
  return s;
}

const std::vector<std::size_t> kSizes = {0, 1, 125, 126, 127, 128, 65535, 65536, 70000};

// A server that sends every size as text, a fragmented message, a binary one and a ping, then
// echoes one client message back and closes with 4001.
class Server {
 public:
  Server() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { run(); });
  }
  ~Server() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  unsigned short port() const { return port_; }
  std::string pong_payload;

 private:
  void run() {
    tcp::socket socket(io_);
    acceptor_.accept(socket);
    websocket::stream<tcp::socket> ws(std::move(socket));
    ws.control_callback([this](websocket::frame_type kind, beast::string_view data) {
      if (kind == websocket::frame_type::pong) pong_payload = std::string(data);
    });
    ws.accept();
    ws.text(true);
    for (std::size_t n : kSizes) ws.write(asio::buffer(payload(n, static_cast<char>(n % 7))));
    ws.auto_fragment(true);
    ws.write_buffer_bytes(64);  // a 1000-byte message goes out in 64-byte fragments
    ws.write(asio::buffer(payload(1000, 3)));
    ws.auto_fragment(false);
    ws.ping(websocket::ping_data("are you there"));  // answered before the client's message below
    ws.binary(true);
    ws.write(asio::buffer(std::string("\x1f\x8b\x00binary", 9)));
    beast::flat_buffer in;
    ws.read(in);  // the client's message, unmasked by Beast (it refuses unmasked client frames)
    ws.text(true);
    ws.write(in.data());
    websocket::close_reason reason;
    reason.code = 4001;
    reason.reason = "bye";
    ws.close(reason);
    beast::flat_buffer rest;
    boost::system::error_code ec;
    ws.read(rest, ec);  // until the client's close reply
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread thread_;
};

TEST(WsConnection, ReadsEveryLengthFragmentsAndBinaryAnswersPingsAndMasksWhatItSends) {
  Server server;
  asio::io_context io;
  std::vector<std::string> got;
  std::vector<bool> binary;
  std::string end_reason;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto url = parse_url("ws://127.0.0.1:" + std::to_string(server.port()) + "/ws");
        auto ws = co_await WsConnection::open(io.get_executor(), *url, nullptr, std::chrono::seconds(5));
        if (!ws) {
          end_reason = ws.error().message;
          co_return;
        }
        for (;;) {
          auto frame = co_await (*ws)->read();
          if (!frame) {
            end_reason = frame.error().message;
            break;
          }
          got.emplace_back(frame->data, frame->size);
          binary.push_back(frame->binary);
          // The decoders may read kFramePadding bytes past every frame.
          volatile char last = frame->data[frame->size + sdk::kFramePadding - 1];
          (void)last;
          if (got.size() == kSizes.size() + 2) (*ws)->send("hello from the client");
        }
      },
      asio::detached);
  io.run();

  ASSERT_EQ(got.size(), kSizes.size() + 3) << end_reason;
  for (std::size_t i = 0; i < kSizes.size(); ++i) {
    EXPECT_EQ(got[i], payload(kSizes[i], static_cast<char>(kSizes[i] % 7))) << "size " << kSizes[i];
    EXPECT_FALSE(binary[i]);
  }
  EXPECT_EQ(got[kSizes.size()], payload(1000, 3)) << "fragments joined into one message";
  EXPECT_EQ(got[kSizes.size() + 1], std::string("\x1f\x8b\x00binary", 9));
  EXPECT_TRUE(binary[kSizes.size() + 1]);
  EXPECT_EQ(got[kSizes.size() + 2], "hello from the client") << "our masked frame reached the server intact";
  EXPECT_EQ(end_reason, "closed by the venue with code 4001 (bye)");
  server.join();
  EXPECT_EQ(server.pong_payload, "are you there") << "the server's ping was answered with its payload";
}

}  // namespace
}  // namespace tradehost::net

namespace tradehost::net {
namespace {

// A peer that accepts the TCP connection and then says nothing: the upgrade must fail within
// the open() timeout, which covers connecting and the handshake, and name the URL.
TEST(WsConnection, APeerThatNeverAnswersTheUpgradeFailsWithinTheTimeout) {
  asio::io_context server_io;
  tcp::acceptor acceptor(server_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = acceptor.local_endpoint().port();
  tcp::socket silent(server_io);
  std::thread server([&] { acceptor.accept(silent); });

  asio::io_context io;
  std::string failure;
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto url = parse_url("ws://127.0.0.1:" + std::to_string(port) + "/ws");
        auto ws = co_await WsConnection::open(io.get_executor(), *url, nullptr, std::chrono::milliseconds(300));
        failure = ws ? "opened" : ws.error().message;
      },
      asio::detached);
  io.run();
  const auto took = std::chrono::steady_clock::now() - start;
  server.join();
  EXPECT_NE(failure.find("WebSocket handshake with ws://127.0.0.1:" + std::to_string(port) + "/ws failed"),
            std::string::npos)
      << failure;
  EXPECT_LT(took, std::chrono::seconds(3)) << "the timeout must cover the handshake";
}

// Nothing listens: the failure names the step and the URL.
TEST(WsConnection, NothingListeningFailsNamingTheStepAndTheUrl) {
  asio::io_context probe;
  tcp::acceptor closed(probe, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = closed.local_endpoint().port();
  closed.close();
  asio::io_context io;
  std::string failure;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto url = parse_url("ws://127.0.0.1:" + std::to_string(port) + "/ws");
        auto ws = co_await WsConnection::open(io.get_executor(), *url, nullptr, std::chrono::seconds(2));
        failure = ws ? "opened" : ws.error().message;
      },
      asio::detached);
  io.run();
  EXPECT_NE(failure.find("connecting to ws://127.0.0.1:" + std::to_string(port) + "/ws failed"), std::string::npos)
      << failure;
}

}  // namespace
}  // namespace tradehost::net
