// End-to-end market-data benchmark over loopback: a pusher thread speaking Binance's combined
// stream (ack, then aggTrade frames) and the host's real path on the main thread: the binance
// plugin loaded from build/plugins, feed::ExchangeFeed (WsConnection read, Adapter::decode into
// the reused buffer, continuity and stats), and an event sink standing in for the strategy.
//
// Each frame carries its send time in microseconds as its quantity (a whole number), and an
// aggregate trade id one above the frame before, as Binance's ids rise (the host's trade
// handoff and gap check then deliver every frame at once), so the sink measures send ->
// delivery latency on one clock. Runs:
//   baseline     the host's WsConnection read loop alone (no decode, no delivery), saturated
//   saturation   the whole feed, the pusher writing as fast as the socket takes (frames/s, 1 core)
//   rate N       the whole feed at a fixed N frames/s: p50/p99/max latency
//   busy-poll    the same with the host's loop spinning (websocket.busy_poll) instead of sleeping
//   floor N      no host code at all: a non-blocking socket spun on by hand, frames split and the
//                send time read with memchr/strtoll; the latency this machine's loopback and
//                scheduler allow, against which the feed's busy-poll p99 is a ratio
// The pusher writes pre-encoded WebSocket frames straight to the socket (batched when saturating)
// so that the sender is never what is measured.
//
//   build/bench/e2e_feed_bench [seconds per run, default 3]
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "feed/exchange_feed.hpp"
#include "feed/latency_histogram.hpp"
#include "log/log.hpp"
#include "net/ws_connection.hpp"
#include "registry/plugin_registry.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One server-to-client text frame (unmasked) around `payload`.
void append_ws_frame(std::string& out, const std::string& payload) {
  out.push_back(static_cast<char>(0x81));
  const auto n = payload.size();
  if (n < 126) {
    out.push_back(static_cast<char>(n));
  } else {
    out.push_back(static_cast<char>(126));
    out.push_back(static_cast<char>((n >> 8) & 0xff));
    out.push_back(static_cast<char>(n & 0xff));
  }
  out += payload;
}

// The n-th frame (n from 0), sent at `send_us`: aggregate trade id n + 1, quantity send_us.
std::string trade_payload(std::uint64_t n, std::int64_t send_us) {
  return R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1767225601250,"s":"BTCUSDT","a":)" +
         std::to_string(n + 1) + R"(,"p":"94187.20","q":")" + std::to_string(send_us) +
         R"(","nq":"0.045","f":6912345874,"l":6912345876,"T":1767225601248,"m":true}})";
}

struct PushPlan {
  double rate = 0;  // frames/s; 0 = as fast as the socket takes
  double seconds = 3;
  bool busy_poll = false;  // the host's loop spins instead of sleeping in epoll
};

// Accepts one WebSocket client, acknowledges its SUBSCRIBE, then pushes for plan.seconds.
class Pusher {
 public:
  explicit Pusher(PushPlan plan) : plan_(plan), acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { run(); });
  }
  ~Pusher() {
    if (thread_.joinable()) thread_.join();
  }
  unsigned short port() const { return port_; }
  std::uint64_t sent() const { return sent_.load(); }
  bool done() const { return done_.load(); }

 private:
  void run() {
    try {
      tcp::socket socket(io_);
      acceptor_.accept(socket);
      beast::websocket::stream<tcp::socket> ws(std::move(socket));
      ws.accept();
      beast::flat_buffer buffer;
      ws.read(buffer);  // SUBSCRIBE, or nothing for the baseline client (it sends none)
      const std::string text = beast::buffers_to_string(buffer.data());
      const auto at = text.find("\"id\":");
      const std::string id = at == std::string::npos ? "1" : text.substr(at + 5, text.find('}', at) - at - 5);
      ws.text(true);
      ws.write(asio::buffer(R"({"result":null,"id":)" + id + "}"));
      auto& raw = ws.next_layer();
      raw.set_option(tcp::no_delay(true));
      const auto start = Clock::now();
      const auto end = start + std::chrono::duration<double>(plan_.seconds);
      std::string batch;
      std::uint64_t n = 0;
      while (Clock::now() < end) {
        batch.clear();
        if (plan_.rate > 0) {
          const auto due = start + std::chrono::duration<double>(static_cast<double>(n) / plan_.rate);
          while (Clock::now() < due) {
          }
          append_ws_frame(batch, trade_payload(n, now_us()));
          ++n;
        } else {
          const std::int64_t t = now_us();
          for (int i = 0; i < 256; ++i) append_ws_frame(batch, trade_payload(n++, t));
        }
        asio::write(raw, asio::buffer(batch));
        sent_.store(n);
      }
      done_.store(true);
      std::this_thread::sleep_for(std::chrono::seconds(2));  // let the reader drain, then close
    } catch (const std::exception&) {
      done_.store(true);  // the client went away
    }
  }

  PushPlan plan_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

struct RunResult {
  double frames_per_s = 0;
  std::uint64_t delivered = 0;
  std::uint64_t sent = 0;
  tradehost::feed::LatencyHistogram latency;
};

// The host's transport alone: WsConnection reads, nothing decoded.
RunResult run_baseline(double seconds) {
  Pusher pusher({0, seconds});
  asio::io_context io;
  RunResult r;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto url = tradehost::net::parse_url("ws://127.0.0.1:" + std::to_string(pusher.port()) + "/market/stream");
        auto ws = co_await tradehost::net::WsConnection::open(io.get_executor(), *url, nullptr, std::chrono::seconds(5));
        if (!ws) co_return;
        (*ws)->send(R"({"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1})");
        co_await (*ws)->read();  // the ack
        const auto start = Clock::now();
        std::uint64_t frames = 0;
        while (Clock::now() - start < std::chrono::duration<double>(seconds)) {
          auto frame = co_await (*ws)->read();
          if (!frame) break;
          ++frames;
        }
        r.delivered = frames;
        r.frames_per_s = static_cast<double>(frames) / std::chrono::duration<double>(Clock::now() - start).count();
        (*ws)->abort();
      },
      asio::detached);
  io.run();
  r.sent = pusher.sent();
  return r;
}

RunResult run_feed(tradehost::sdk::Adapter& adapter, PushPlan plan) {
  using namespace tradehost;
  Pusher pusher(plan);
  asio::io_context io;
  RunResult r;
  std::int64_t first_us = 0;
  std::int64_t last_us = 0;
  feed::FeedConfig config;
  config.exchange = "binance";
  config.adapter = &adapter;
  config.ws_base = *net::parse_url("ws://127.0.0.1:" + std::to_string(pusher.port()));
  config.rest_base = *net::parse_url("http://127.0.0.1:1");
  const sdk::UnifiedSymbol btc{"BTC", "USDT", "USDT"};
  config.streams = {sdk::StreamKey{sdk::EventKind::trade, btc, sdk::Timeframe::m1}};
  config.symbols = {sdk::SymbolBinding{1, btc, {}}};
  config.tuning.stale_after_ms = 60000;
  feed::ExchangeFeed feed(io, config, [&](const std::string&, const sdk::Event& ev) {
    if (ev.kind != sdk::EventKind::trade) return;
    const std::int64_t t = now_us();
    if (r.delivered == 0) first_us = t;
    last_us = t;
    ++r.delivered;
    r.latency.add(t - ev.trade.qty.mantissa);  // the send time, in µs (scale 0)
  });
  feed.start();
  asio::steady_timer stop(io, std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(plan.seconds + 0.5)));
  stop.async_wait([&](const boost::system::error_code&) {
    feed.stop();
    io.stop();
  });
  if (plan.busy_poll) {
    while (!io.stopped()) io.poll();
  } else {
    io.run();
  }
  r.sent = pusher.sent();
  const double span = static_cast<double>(last_us - first_us) / 1e6;
  r.frames_per_s = span > 0 ? static_cast<double>(r.delivered) / span : 0;
  return r;
}

// The floor: the pusher at `plan.rate`, read by a plain non-blocking socket spun on (no Asio, no
// WebSocket library, no decoder). What is left of the latency is the sender's write, loopback
// and the scheduler of this machine.
RunResult run_floor(PushPlan plan) {
  Pusher pusher(plan);
  RunResult r;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(pusher.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) return r;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const std::string upgrade =
      "GET /market/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  // A masked client text frame (mask key 0: the payload goes as it is).
  const std::string subscribe = R"({"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1})";
  std::string request = upgrade;
  request.push_back(static_cast<char>(0x81));
  request.push_back(static_cast<char>(0x80 | subscribe.size()));
  request.append(4, '\0');
  request += subscribe;
  if (::send(fd, request.data(), request.size(), 0) != static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return r;
  }
  std::vector<char> buf(1 << 16);
  std::size_t have = 0;
  bool upgraded = false;
  const auto end = Clock::now() + std::chrono::duration<double>(plan.seconds + 0.5);
  while (Clock::now() < end && !pusher.done()) {
    const ssize_t n = ::recv(fd, buf.data() + have, buf.size() - have, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;  // spin
    if (n <= 0) break;
    const std::int64_t t = now_us();
    have += static_cast<std::size_t>(n);
    std::size_t at = 0;
    if (!upgraded) {
      const std::string_view head(buf.data(), have);
      const auto blank = head.find("\r\n\r\n");
      if (blank == std::string_view::npos) continue;
      at = blank + 4;
      upgraded = true;
    }
    while (have - at >= 2) {
      std::size_t len = static_cast<unsigned char>(buf[at + 1]) & 0x7f;
      std::size_t header = 2;
      if (len == 126) {
        if (have - at < 4) break;
        len = (static_cast<std::size_t>(static_cast<unsigned char>(buf[at + 2])) << 8) |
              static_cast<unsigned char>(buf[at + 3]);
        header = 4;
      }
      if (have - at < header + len) break;
      const std::string_view payload(buf.data() + at + header, len);
      const auto sent = payload.find("\"q\":\"");
      if (sent != std::string_view::npos) {
        ++r.delivered;
        r.latency.add(t - std::strtoll(payload.data() + sent + 5, nullptr, 10));
      }
      at += header + len;
    }
    std::memmove(buf.data(), buf.data() + at, have - at);
    have -= at;
  }
  ::close(fd);
  r.sent = pusher.sent();
  r.frames_per_s = plan.rate;
  return r;
}

void print_latency(const char* name, const RunResult& r) {
  std::printf("%-22s %10.0f frames/s  delivered %9llu of %9llu  latency p50 %6.1f us  p99 %7.1f us  max %8.1f us\n",
              name, r.frames_per_s, static_cast<unsigned long long>(r.delivered),
              static_cast<unsigned long long>(r.sent), static_cast<double>(r.latency.quantile(0.5)),
              static_cast<double>(r.latency.quantile(0.99)), static_cast<double>(r.latency.quantile(1.0)));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tradehost;
  const double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  log::init(log::Level::error, log::Format::text);
  std::vector<registry::Refusal> refusals;
  auto registry = registry::PluginRegistry::load_directory(TRADEHOST_PLUGIN_DIR, refusals);
  auto* binance = registry.find("binance");
  if (binance == nullptr) {
    std::fprintf(stderr, "e2e_feed_bench: no binance plugin in %s\n", TRADEHOST_PLUGIN_DIR);
    return 1;
  }
  const sdk::UnifiedSymbol btc{"BTC", "USDT", "USDT"};
  const std::vector<sdk::SymbolBinding> bindings = {{1, btc, {}}};
  if (!binance->adapter().bind_symbols(bindings)) return 1;

  std::printf("e2e_feed_bench: %.1f s per run, binance aggTrade frames over loopback, host on one thread\n", seconds);
  const RunResult baseline = run_baseline(seconds);
  std::printf("%-22s %10.0f frames/s  (WsConnection reads only: the transport's ceiling)\n", "baseline transport",
              baseline.frames_per_s);
  const RunResult saturated = run_feed(binance->adapter(), {0, seconds});
  print_latency("feed saturated", saturated);
  const RunResult at10k = run_feed(binance->adapter(), {10000, seconds});
  print_latency("feed at 10k frames/s", at10k);
  const RunResult at100k = run_feed(binance->adapter(), {100000, seconds});
  print_latency("feed at 100k frames/s", at100k);
  const RunResult busy10k = run_feed(binance->adapter(), {10000, seconds, true});
  print_latency("busy-poll at 10k", busy10k);
  const RunResult busy100k = run_feed(binance->adapter(), {100000, seconds, true});
  print_latency("busy-poll at 100k", busy100k);
  const RunResult floor10k = run_floor({10000, seconds});
  print_latency("floor at 10k", floor10k);
  const RunResult floor100k = run_floor({100000, seconds});
  print_latency("floor at 100k", floor100k);
  std::printf("ratio feed/baseline at saturation: %.2f (the cost of decoding and delivering, relative to reading)\n",
              baseline.frames_per_s > 0 ? saturated.frames_per_s / baseline.frames_per_s : 0.0);
  const auto p99 = [](const RunResult& x) { return static_cast<double>(x.latency.quantile(0.99)); };
  std::printf("ratio busy-poll p99 / floor p99: %.2f at 10k, %.2f at 100k (1.0 = nothing added by the host)\n",
              p99(floor10k) > 0 ? p99(busy10k) / p99(floor10k) : 0.0,
              p99(floor100k) > 0 ? p99(busy100k) / p99(floor100k) : 0.0);
  return 0;
}
