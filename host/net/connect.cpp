#include "net/connect.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

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

// What a lookup found, filled by its own thread and read by the coroutine that waits for it.
struct Lookup {
  std::atomic<bool> done{false};
  int error = 0;     // getaddrinfo's (EAI_*), 0 when it found addresses
  int sys_errno = 0;  // with EAI_SYSTEM
  std::vector<tcp::endpoint> endpoints;
};

// Lookups of one host name whose thread has not returned yet. A DNS server that hangs every
// lookup would otherwise leave one more thread behind at every reconnect; counted per name, so
// that one venue's hung lookups do not refuse another venue's.
constexpr int kMaxLookupsInFlightPerHost = 8;

class LookupsInFlight {
 public:
  bool try_add(const std::string& host) {
    const std::lock_guard lock(mutex_);
    int& n = count_[host];
    if (n >= kMaxLookupsInFlightPerHost) return false;
    ++n;
    return true;
  }
  void remove(const std::string& host) {
    const std::lock_guard lock(mutex_);
    if (auto it = count_.find(host); it != count_.end() && --it->second <= 0) count_.erase(it);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> count_;
};

// Never destroyed: a detached lookup thread may still report to it while the process exits.
LookupsInFlight& lookups_in_flight() {
  static auto* lookups = new LookupsInFlight;
  return *lookups;
}

void look_up(Lookup& lookup, const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;  // no AI_ADDRCONFIG, as Asio: "localhost" keeps 127.0.0.1
  addrinfo* found = nullptr;
  lookup.error = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
  if (lookup.error == EAI_SYSTEM) lookup.sys_errno = errno;
  for (const addrinfo* a = found; a != nullptr && lookup.error == 0; a = a->ai_next) {
    if (a->ai_family != AF_INET && a->ai_family != AF_INET6) continue;
    tcp::endpoint endpoint;
    if (a->ai_addrlen > endpoint.capacity()) continue;
    std::memcpy(endpoint.data(), a->ai_addr, a->ai_addrlen);
    endpoint.resize(a->ai_addrlen);
    lookup.endpoints.push_back(endpoint);
  }
  if (found != nullptr) ::freeaddrinfo(found);
  lookup.done.store(true, std::memory_order_release);
}

// Resolves url.host within `timeout`. getaddrinfo cannot be interrupted, and Asio's resolver
// joins its thread when the io_context ends: a hung DNS server then held the host's exit for as
// long as the system resolver kept trying (29 s seen after Ctrl-C). So a name is looked up on a
// detached thread of its own that only fills shared state, and the coroutine polls that state
// (1 ms, doubling to 50 ms) until it is done or the time is up; nothing of Asio is touched from
// the thread, and a stopped run leaves the thread behind instead of waiting for it. An address
// ("127.0.0.1", "::1") needs no lookup.
asio::awaitable<sdk::Result<std::vector<tcp::endpoint>>> resolve(const Url& url, std::chrono::milliseconds timeout) {
  boost::system::error_code not_an_address;
  const asio::ip::address address = asio::ip::make_address(url.host, not_an_address);
  if (!not_an_address) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    if (ec != std::errc{} || end != url.port.data() + url.port.size() || port > 65535) {
      co_return step_failed("resolving", url, "bad port '" + url.port + "'");
    }
    co_return std::vector<tcp::endpoint>{tcp::endpoint(address, static_cast<unsigned short>(port))};
  }
  if (!lookups_in_flight().try_add(url.host)) {
    co_return step_failed("resolving", url,
                          std::to_string(kMaxLookupsInFlightPerHost) +
                              " earlier lookups of this host are still waiting for the DNS server");
  }
  std::shared_ptr<Lookup> lookup;
  try {
    lookup = std::make_shared<Lookup>();
    std::thread([lookup, host = url.host, port = url.port] {
      look_up(*lookup, host, port);
      lookups_in_flight().remove(host);
    }).detach();
  } catch (const std::exception& e) {
    lookups_in_flight().remove(url.host);
    co_return step_failed("resolving", url, std::string("no thread for the lookup: ") + e.what());
  }
  const auto start = Clock::now();
  asio::steady_timer poll(co_await asio::this_coro::executor);
  std::chrono::milliseconds wait(1);
  while (!lookup->done.load(std::memory_order_acquire)) {
    const auto used = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    if (used >= timeout) {
      co_return step_failed("resolving", url, "timed out after " + std::to_string(timeout.count()) + " ms");
    }
    poll.expires_after(std::min(wait, timeout - used));
    co_await poll.async_wait(asio::as_tuple(asio::use_awaitable));
    wait = std::min(wait * 2, std::chrono::milliseconds(50));
  }
  if (lookup->error != 0) {
    co_return step_failed("resolving", url,
                          lookup->error == EAI_SYSTEM ? std::string(std::strerror(lookup->sys_errno))
                                                      : std::string(::gai_strerror(lookup->error)));
  }
  if (lookup->endpoints.empty()) co_return step_failed("resolving", url, "no IPv4 or IPv6 address");
  co_return std::move(lookup->endpoints);
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
