// Test support: a WebSocket frame as a server sends it (never masked, RFC 6455 §5.1), with the
// first byte given whole so that tests can set FIN, reserved bits and any opcode, valid or not.
#pragma once

#include <string>

namespace tradehost::test {

// Payloads up to 65535 bytes (7- and 16-bit lengths).
inline std::string server_frame(unsigned char first, const std::string& payload) {
  std::string f(1, static_cast<char>(first));
  if (payload.size() < 126) {
    f += static_cast<char>(payload.size());
  } else {
    f += static_cast<char>(126);
    f += static_cast<char>(payload.size() >> 8);
    f += static_cast<char>(payload.size() & 0xff);
  }
  return f + payload;
}

}  // namespace tradehost::test
