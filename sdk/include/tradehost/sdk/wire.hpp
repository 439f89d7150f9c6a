// What an adapter tells the host to put on the wire: connections to open, frames to send after
// the open, heartbeats to keep, and REST requests to make (KuCoin's token, klines to fill gaps).
// The host performs all I/O; these are plain descriptions built on cold paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::sdk {

struct HttpRequestSpec {
  std::string method = "GET";
  std::string target;  // path and query, as sent: /fapi/v1/klines?symbol=BTCUSDT&interval=1m
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpHeader {
  std::string_view name;  // as the venue sent it; compare without regard to case
  std::string_view value;
};

struct HttpResponseView {
  int status = 0;
  std::string_view body;
  std::span<const HttpHeader> headers{};  // every header of the answer (ABI 4)

  // The value of the first header called `name` (ASCII case-insensitive), if there is one.
  std::optional<std::string_view> header(std::string_view wanted) const noexcept {
    for (const HttpHeader& h : headers) {
      if (h.name.size() != wanted.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < wanted.size() && same; ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        same = lower(h.name[i]) == lower(wanted[i]);
      }
      if (same) return h.value;
    }
    return std::nullopt;
  }
};
static_assert(sizeof(HttpResponseView) == 40, "layout changed: bump kAbiVersion");

struct HeartbeatSpec {
  enum class Mode : std::uint8_t {
    protocol_pings = 1,  // the server sends WebSocket pings; the host's WebSocket answers them
    client_text_ping,    // the client sends ping_frame() every interval_ms (KuCoin)
    server_text_ping,    // the server sends a text ping; decode says ControlKind::ping; reply ping_reply()
  };
  Mode mode = Mode::protocol_pings;
  std::uint32_t interval_ms = 0;  // client_text_ping: how often to ping
  std::uint32_t timeout_ms = 0;   // client_text_ping: a pong must arrive within this
  std::uint32_t silence_ms = 0;   // no frame at all for this long: the connection is stale, reconnect
  // The venue ends every connection after a fixed lifetime (Binance: 24 h); the host opens a
  // replacement this long after a connection opened and closes the old one once the new one
  // receives (make-before-break). 0: the venue has no such rule.
  std::uint32_t rotate_after_ms = 0;
};

// What KuCoin-style venues answer to the bootstrap request: where to connect and how to keep
// the connection alive. Venues without a bootstrap use their configured WebSocket base.
struct Bootstrap {
  std::string ws_url;
  HeartbeatSpec heartbeat;
};

// One connection to open: the URL to dial and the frames to send once it is open (after the
// welcome, on venues that send one), each with the request id whose ack the host waits for.
struct ConnectionPlan {
  std::string url;
  bool wait_for_welcome = false;
  std::vector<std::string> frames;
  std::vector<std::uint64_t> request_ids;  // one per frame; 0 when the frame is not acknowledged
  // One per frame: the indices (into the `streams` given to connection_plan) the frame
  // subscribes, so the host can count and name what each ack or refusal covers.
  std::vector<std::vector<std::uint32_t>> frame_streams;
};

}  // namespace tradehost::sdk
