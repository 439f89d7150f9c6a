// Heartbeat: the server side of a WebSocket keep-alive, for venues whose server pings with
// protocol ping frames (Binance) and closes a client whose pongs stop, plus a maximum lifetime.
// The owner calls tick() periodically and on_pong() from its handler.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "server/http_types.hpp"

namespace tradehost::sim {

class Heartbeat {
 public:
  using clock = std::chrono::steady_clock;

  void start() { opened_ = last_ping_ = last_pong_ = clock::now(); }
  void on_pong() { last_pong_ = clock::now(); }

  // Returns false once it has closed the connection.
  bool tick(WsPeer& peer, std::int64_t ping_interval_ms, std::int64_t pong_timeout_ms, std::int64_t lifetime_ms,
            const std::string& payload) {
    if (since(opened_) >= lifetime_ms) {
      peer.close(1001, "Connection lifetime expired");
      return false;
    }
    if (since(last_pong_) >= pong_timeout_ms) {
      peer.close(1008, "Pong timeout");
      return false;
    }
    if (since(last_ping_) >= ping_interval_ms) {
      last_ping_ = clock::now();
      peer.ping(payload);
    }
    return true;
  }

 private:
  static std::int64_t since(clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t).count();
  }
  clock::time_point opened_, last_ping_, last_pong_;
};

}  // namespace tradehost::sim
