// What a decoder says about one frame, besides the events it appended.
//
// The host hands every received frame to Adapter::decode. Data frames append events and return
// DecodeStatus::events; acknowledgements, heartbeats and other venue chatter return
// DecodeStatus::control with what the host must know (an ack's request id, a ping it must
// answer); a frame that cannot be understood returns DecodeStatus::error with a short excerpt
// and appends nothing (never a half-filled event).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tradehost::sdk {

// The host guarantees this many readable bytes after every frame's `size` (simdjson's padding),
// so a decoder can parse in place without copying.
inline constexpr std::size_t kFramePadding = 64;

struct FrameView {
  const char* data;  // valid during the call only
  std::size_t size;
  bool binary;       // a binary WebSocket frame (BingX: gzip)
};

enum class DecodeStatus : std::uint8_t { events = 1, control, error };

enum class ControlKind : std::uint8_t {
  none = 0,
  ack,                 // request_id acknowledged (subscribe/unsubscribe)
  subscribe_error,     // request_id refused; error_code and detail say why
  ping,                // the venue pinged in text: answer with Adapter::ping_reply()
  pong,                // the venue answered our ping
  welcome,             // the connection is ready for subscriptions (KuCoin)
  server_error,        // the venue reported an error for the connection
  token_expired,       // the connection's token is no longer valid: reconnect with a new one
  other,               // anything else without events (property replies, notices)
};

struct DecodeResult {
  DecodeStatus status = DecodeStatus::control;
  ControlKind control = ControlKind::none;
  std::uint64_t request_id = 0;  // for ack and subscribe_error
  std::int64_t error_code = 0;   // the venue's code, when it gives one
  // NUL-terminated: an error's reason or an excerpt of the frame. Only the bytes up to the NUL
  // are written: a result is made once per frame, and zeroing all 120 bytes each time was a
  // tenth of a Binance kline's decode.
  char detail[120];

  DecodeResult() noexcept { detail[0] = '\0'; }
  DecodeResult(DecodeStatus s, ControlKind kind, std::uint64_t id = 0) noexcept
      : status(s), control(kind), request_id(id) {
    detail[0] = '\0';
  }

  void set_detail(std::string_view text) noexcept {
    const std::size_t n = text.size() < sizeof(detail) - 1 ? text.size() : sizeof(detail) - 1;
    if (n != 0) std::memcpy(detail, text.data(), n);  // an empty view's data() may be null
    detail[n] = '\0';
  }
  static DecodeResult events() noexcept { return {DecodeStatus::events, ControlKind::none}; }
  static DecodeResult control_of(ControlKind kind, std::uint64_t id = 0) noexcept {
    return {DecodeStatus::control, kind, id};
  }
  static DecodeResult error(std::string_view why) noexcept {
    DecodeResult r{DecodeStatus::error, ControlKind::none};
    r.set_detail(why);
    return r;
  }
};

}  // namespace tradehost::sdk
