// ExchangeFeed: every market-data connection of one exchange, from plan to events.
//
// It shards the planned streams (shard_plan), and per shard keeps one connection up: bootstrap
// request (KuCoin's token), connect (TLS verified), welcome, paced subscribe frames, acks
// counted per stream, heartbeats kept as the adapter declares (protocol pings, text pings either
// way), a silence watchdog, jittered exponential backoff on failure, make-before-break
// replacement before the venue's scheduled cut. Frames are decoded by the adapter into a reused
// buffer; closed klines go through KlineContinuity, and holes are filled over REST before live
// bars of that stream resume. All of it runs on one strand of the caller's io_context, so the
// adapter is called from one place at a time. Asio stays out of this header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tradehost/sdk/adapter.hpp>

#include "feed/feed_stats.hpp"
#include "feed/venue_clock.hpp"
#include "net/url.hpp"

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace tradehost::feed {

struct FeedTuning {
  std::int64_t stale_after_ms = 0;  // 0: the adapter's silence_ms
  std::int64_t reconnect_initial_ms = 500;
  std::int64_t reconnect_max_ms = 30000;
  std::int64_t rotate_after_ms = 0;  // 0: the adapter's rotate_after_ms
  std::int64_t connect_timeout_ms = 10000;
  std::int64_t healthy_after_ms = 60000;  // a connection up this long resets the backoff
};

// A fresh adapter from the plugin's factory (registry::AdapterHandle::new_instance).
using DecoderFactory = std::function<sdk::Result<std::shared_ptr<sdk::Adapter>>()>;

struct FeedConfig {
  std::string exchange;
  sdk::Adapter* adapter = nullptr;  // owned by the registry; outlives the feed
  // When set, each connection decodes with an adapter of its own, bound to `symbols` before its
  // first frame: decode state (the open bar a next_open venue closes when the next one opens) is
  // then never mixed between two connections that are not in step. Empty: `adapter` decodes all.
  DecoderFactory new_decoder;
  net::Url ws_base;
  net::Url rest_base;
  std::vector<sdk::StreamKey> streams;         // planned, within the cap
  std::vector<sdk::SymbolBinding> symbols;     // already bound in the adapter
  boost::asio::ssl::context* tls = nullptr;    // for wss:// and https://
  FeedTuning tuning;
  VenueClock clock;
  // Live mode: a plaintext endpoint off loopback is refused wherever it came from, the venue's
  // bootstrap answer (KuCoin's bullet) included, not only the configured ones (issue 13).
  bool live = false;
};

// Where delivered events go (the strategy, a recorder). Called on the feed's strand.
using EventSink = std::function<void(const std::string& exchange, const sdk::Event& event)>;

class ExchangeFeed {
 public:
  ExchangeFeed(boost::asio::io_context& io, FeedConfig config, EventSink sink);
  ~ExchangeFeed();
  ExchangeFeed(const ExchangeFeed&) = delete;
  ExchangeFeed& operator=(const ExchangeFeed&) = delete;

  void start();
  // Drops every connection at once (no new ones start); waits still pending (backoff, REST)
  // end when the caller's io_context stops. Returns at once.
  void stop();
  // A copy of the counters (taken on the caller's thread: call from the io thread);
  // clear_interval resets the interval lag histogram.
  FeedStats stats(bool clear_interval = false);
  const std::string& exchange() const;
  std::uint32_t shard_count() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace tradehost::feed
