// A hostile WebSocket server in place of Binance, with exchange-sim serving BingX and KuCoin: the
// real host must close the offending connection with a WARNING that says why, keep its memory
// bounded, and keep the other venues streaming (RFC 6455 §5.5: control frames carry at most 125
// bytes and are never fragmented; a peer that never reads must not grow our send queue).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/sim_process.hpp"
#include "support/ws_server_frame.hpp"

namespace tradehost::test {
namespace {

using namespace std::chrono_literals;

enum class Mode { oversized_ping, fragmented_ping, ping_flood_never_read, dribbled_ack };

std::string accept_key(const std::string& key) {
  const std::string text = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char out[64];
  const int n = EVP_EncodeBlock(out, digest, sizeof digest);
  return std::string(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads what is there within `wait`; "" on timeout, nullopt-like empty + closed flag on EOF.
std::string read_some(int fd, std::chrono::milliseconds wait, bool& closed) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return {};
  char buf[65536];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n <= 0) {
    closed = true;
    return {};
  }
  return std::string(buf, static_cast<std::size_t>(n));
}

// The text payloads of the client's (masked) frames in `bytes`.
std::vector<std::string> client_texts(const std::string& bytes) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at + 2 <= bytes.size()) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at);
    std::size_t len = p[1] & 0x7f;
    std::size_t header = 2;
    if (len == 126) {
      if (at + 4 > bytes.size()) break;
      len = (std::size_t{p[2]} << 8) | p[3];
      header = 4;
    } else if (len == 127) {
      break;  // the host's subscribe frames are far smaller
    }
    if (at + header + 4 + len > bytes.size()) break;
    const unsigned char* mask = p + header;
    std::string text(len, ' ');
    for (std::size_t i = 0; i < len; ++i) text[i] = static_cast<char>(p[header + 4 + i] ^ mask[i % 4]);
    if ((p[0] & 0x0f) == 0x1) out.push_back(text);
    at += header + 4 + len;
  }
  return out;
}

class HostileServer {
 public:
  explicit HostileServer(Mode mode) : mode_(mode) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(listen_fd_, 8), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HostileServer() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }
  int port() const { return port_; }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_;
      if (handshake(fd)) misbehave(fd);
      ::close(fd);
    }
  }

  bool handshake(int fd) {
    std::string request;
    bool closed = false;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (request.find("\r\n\r\n") == std::string::npos && !closed && std::chrono::steady_clock::now() < deadline) {
      request += read_some(fd, 50ms, closed);
    }
    const auto at = request.find("Sec-WebSocket-Key: ");
    if (at == std::string::npos) return false;
    const std::string key = request.substr(at + 19, request.find("\r\n", at) - at - 19);
    return send_all(fd, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Accept: " + accept_key(key) + "\r\n\r\n");
  }

  // Until the host hangs up or the test ends.
  void drain(int fd) {
    bool closed = false;
    while (!stop_ && !closed) read_some(fd, 50ms, closed);
  }

  void misbehave(int fd) {
    switch (mode_) {
      case Mode::oversized_ping:
        send_all(fd, server_frame(0x89, std::string(200, 'p')));
        drain(fd);
        break;
      case Mode::fragmented_ping:
        send_all(fd, server_frame(0x09, "part"));  // FIN clear on a ping
        drain(fd);
        break;
      case Mode::ping_flood_never_read: {
        // Pings as fast as the socket takes them; the host's pongs are never read, so they pile
        // up in the kernel's buffers and then in the host's queue.
        std::string burst;
        for (int i = 0; i < 64; ++i) burst += server_frame(0x89, std::string(125, 'f'));
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        std::size_t at = 0;
        while (!stop_ && std::chrono::steady_clock::now() < deadline) {
          const ssize_t n = ::send(fd, burst.data() + at, burst.size() - at, MSG_NOSIGNAL | MSG_DONTWAIT);
          if (n > 0) {
            at = (at + static_cast<std::size_t>(n)) % burst.size();
          } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, 20);
          } else {
            break;  // the host closed the connection
          }
        }
        break;
      }
      case Mode::dribbled_ack: {
        // Reads the subscriptions, then acknowledges each a byte at a time.
        std::string in;
        bool closed = false;
        std::vector<std::string> texts;
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (texts.empty() && !closed && std::chrono::steady_clock::now() < deadline) {
          in += read_some(fd, 50ms, closed);
          texts = client_texts(in);
        }
        for (const std::string& text : texts) {
          const auto at = text.find("\"id\":");
          if (at == std::string::npos) continue;
          const std::string id = text.substr(at + 5, text.find_first_not_of("0123456789", at + 5) - at - 5);
          for (const char c : server_frame(0x81, "{\"result\":null,\"id\":" + id + "}")) {
            if (!send_all(fd, std::string(1, c))) return;
            std::this_thread::sleep_for(2ms);
          }
        }
        drain(fd);
        break;
      }
    }
  }

  Mode mode_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

long rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

struct Observed {
  std::string log;
  long max_rss_kib = 0;
};

// A line of `log` holding every one of `parts`, in order.
bool has_line(const std::string& log, const std::vector<std::string>& parts) {
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    std::size_t at = 0;
    bool all = true;
    for (const auto& part : parts) {
      at = line.find(part, at);
      if (at == std::string::npos) {
        all = false;
        break;
      }
      at += part.size();
    }
    if (all) return true;
    start = end + 1;
  }
  return false;
}

const std::vector<std::string> kBingxUp = {"bingx connection 1/1: ", " streams acknowledged"};
const std::vector<std::string> kBinanceUp = {"binance connection 1/1: ", " streams acknowledged"};

// Runs the host against `server` (Binance) and the sim (BingX, KuCoin) until a line with each of
// `wanted` is in its log, or 40 s pass.
Observed run_host(const HostileServer& server, const std::vector<std::vector<std::string>>& wanted) {
  Sim sim({"--speed", "1"});
  EXPECT_TRUE(sim.ready.contains("venues")) << "exchange-sim did not start";
  const std::map<std::string, std::string> env = {
      {"EXCHANGES", "binance,bingx,kucoinfutures"},
      {"TRADING_SYMBOLS", "BTC/USDT:USDT"},
      {"BINANCE_WS_URL", "ws://127.0.0.1:" + std::to_string(server.port()) + "/ws"},
      {"BINANCE_REST_URL", sim.rest("binance")},
      {"BINGX_WS_URL", sim.ws("bingx")},
      {"BINGX_REST_URL", sim.rest("bingx")},
      {"KUCOIN_FUTURES_REST_URL", sim.rest("kucoinfutures")},
  };
  ChildProcess host(kTradehostBin, {"--live", "--paper", "--duration", "60"}, env);
  Observed seen;
  const auto deadline = std::chrono::steady_clock::now() + 40s;
  auto all_seen = [&] {
    for (const auto& w : wanted) {
      if (!has_line(seen.log, w)) return false;
    }
    return true;
  };
  while (!all_seen() && std::chrono::steady_clock::now() < deadline) {
    seen.log += host.stderr_text();
    seen.max_rss_kib = std::max(seen.max_rss_kib, rss_kib(host.pid()));
    std::this_thread::sleep_for(50ms);  // polling the condition above, with its deadline
  }
  host.stop(SIGINT, 10s);
  seen.log += host.stderr_text();
  return seen;
}

TEST(HostileWebSocket, OversizedPingIsAProtocolErrorAndOtherVenuesStream) {
  HostileServer server(Mode::oversized_ping);
  const std::vector<std::string> closed = {
      "WARNING", "binance connection 1/1 (",
      "ended: WebSocket protocol error: a control frame over 125 bytes; closed with code 1002"};
  const Observed seen = run_host(server, {closed, kBingxUp});
  EXPECT_TRUE(has_line(seen.log, closed)) << seen.log;
  EXPECT_TRUE(has_line(seen.log, kBingxUp)) << seen.log;
}

TEST(HostileWebSocket, FragmentedPingIsAProtocolError) {
  HostileServer server(Mode::fragmented_ping);
  const std::vector<std::string> closed = {
      "WARNING", "binance connection 1/1 (", "ended: WebSocket protocol error: a fragmented control frame; closed with code 1002"};
  const Observed seen = run_host(server, {closed, kBingxUp});
  EXPECT_TRUE(has_line(seen.log, closed)) << seen.log;
  EXPECT_TRUE(has_line(seen.log, kBingxUp)) << seen.log;
}

TEST(HostileWebSocket, PingFloodFromAPeerThatNeverReadsIsClosedWithMemoryBounded) {
  HostileServer server(Mode::ping_flood_never_read);
  const std::vector<std::string> closed = {"WARNING", "binance connection 1/1 (", "ended: the venue stopped reading"};
  const Observed seen = run_host(server, {closed, kBingxUp});
  EXPECT_TRUE(has_line(seen.log, closed)) << seen.log;
  EXPECT_TRUE(has_line(seen.log, kBingxUp)) << seen.log;
  // Before the bound, this flood took the host from 0.6 to 3 GB in 14 s.
  EXPECT_LT(seen.max_rss_kib, 400 * 1024) << "the host's RSS reached " << seen.max_rss_kib << " KiB";
}

TEST(HostileWebSocket, FrameDribbledOneByteAtATimeArrivesWhole) {
  HostileServer server(Mode::dribbled_ack);
  const Observed seen = run_host(server, {kBinanceUp, kBingxUp});
  EXPECT_TRUE(has_line(seen.log, kBinanceUp)) << seen.log;
  EXPECT_EQ(server.connections(), 1) << seen.log;
}

}  // namespace
}  // namespace tradehost::test
