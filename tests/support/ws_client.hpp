// Test support: a minimal WebSocket and HTTP client over loopback, written for the tests (it is
// neither the host's I/O nor an adapter), with a timeout on every wait.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace tradehost::test {

struct WsFrame {
  bool binary = false;
  std::string data;
};

class WsClient {
 public:
  // url: ws://127.0.0.1:PORT/path?query. On failure returns nullptr and sets *error
  // (for a refused upgrade: "HTTP <status> <body>").
  // wss:// URLs verify the server against `ca_file` (the system store when empty).
  static std::unique_ptr<WsClient> connect(const std::string& url, std::string* error = nullptr,
                                           const std::string& ca_file = "");
  virtual ~WsClient() = default;

  virtual void send_text(const std::string& text) = 0;
  // The next data frame, or nullopt on timeout or once the connection is closed.
  virtual std::optional<WsFrame> read(std::chrono::milliseconds timeout) = 0;
  virtual bool closed() const = 0;
  virtual int close_code() const = 0;  // from the server's close frame, 0 if none
  virtual std::string close_reason() const = 0;
  virtual int pings_received() const = 0;
  virtual void close() = 0;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lowercase names
};

// url: http://127.0.0.1:PORT/path?query.
// https:// URLs verify the server against `ca_file` (the system store when empty); a failed
// handshake gives status -1 and the reason in body.
HttpReply http(const std::string& method, const std::string& url, const std::string& body = "",
               const std::map<std::string, std::string>& headers = {}, const std::string& ca_file = "");

// gunzip for BingX frames; throws std::runtime_error on corrupt input.
std::string gunzip(const std::string& data);

}  // namespace tradehost::test
