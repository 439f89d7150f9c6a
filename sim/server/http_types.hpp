// The sim's view of HTTP and WebSocket, free of Beast types, for the venue code.
//
// The server (http_server.cpp) turns Beast requests into HttpRequest and HttpResponse back,
// and drives a WsHandler per WebSocket connection through a WsPeer. Everything runs on the
// sim's single I/O thread: a WsPeer reference is valid until its handler's on_close returns.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tradehost::sim {

struct HttpRequest {
  std::string method;      // GET, POST, PUT, DELETE
  std::string target;      // as received: /fapi/v1/klines?symbol=BTCUSDT
  std::string path;        // percent-decoded path: /fapi/v1/klines
  std::string raw_query;   // as received, without '?'
  std::vector<std::pair<std::string, std::string>> query;  // percent-decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;

  std::optional<std::string> param(std::string_view name) const;
  std::optional<std::string> header(std::string_view lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse json(int status, std::string body) { return {status, "application/json", std::move(body), {}}; }
};

class WsPeer {
 public:
  virtual ~WsPeer() = default;
  virtual void send_text(std::string data) = 0;
  virtual void send_binary(std::string data) = 0;
  // An acknowledgement: sent like a text frame, but held back by the fault `fault_ack_delay_ms`.
  virtual void send_ack(std::string data) = 0;
  // The same as a binary frame, for venues whose acknowledgements are binary (BingX: gzip).
  virtual void send_binary_ack(std::string data) = 0;
  virtual void ping(std::string payload) = 0;
  // Sends what is queued, then a close frame; on_close follows.
  virtual void close(std::uint16_t code, std::string reason) = 0;
  // Drops the TCP connection at once, with no close frame (a network failure).
  virtual void drop() = 0;
  virtual std::uint64_t id() const = 0;
  virtual std::size_t queued_bytes() const = 0;
};

class WsHandler {
 public:
  virtual ~WsHandler() = default;
  virtual void on_open(WsPeer&) {}
  virtual void on_text(WsPeer&, std::string_view) {}
  virtual void on_binary(WsPeer&, std::string_view) {}
  virtual void on_ping(WsPeer&, std::string_view) {}
  virtual void on_pong(WsPeer&, std::string_view) {}
  virtual void on_close(WsPeer&) {}
};

// What a listener serves: one venue, or the control endpoint.
class Router {
 public:
  virtual ~Router() = default;
  virtual HttpResponse handle(const HttpRequest& request) = 0;
  // A handler for a WebSocket upgrade of `request`, or nullptr and the refusal in `refusal`.
  virtual std::unique_ptr<WsHandler> upgrade(const HttpRequest& request, HttpResponse& refusal) = 0;

  // Faults the server applies to this router's traffic (docs/exchange-sim.md "Faults"):
  // the current value of a fault key, 0 when off.
  virtual std::int64_t fault(std::string_view /*key*/) const { return 0; }
  // The venue's own answer when REST is throttled or banned (fault `fault_rest_status`).
  virtual HttpResponse rest_failure(int status, std::int64_t retry_after_s) const {
    HttpResponse r = HttpResponse::json(status, R"({"error":"rate limited"})");
    if (retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
    return r;
  }
};

// Percent-decoding of URL components ('+' stays '+': venues sign raw values).
std::string percent_decode(std::string_view text);
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw);

}  // namespace tradehost::sim
