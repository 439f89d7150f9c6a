// WsFrameReader: the receiving half of RFC 6455 for a client, without any I/O.
//
// It takes the bytes read so far, finds the next complete frame, checks it and assembles
// fragmented messages. What it refuses is a protocol error the caller answers with close code
// 1002: a masked frame (§5.1: servers never mask), reserved bits without an extension (§5.2), an
// unknown opcode, a control frame over 125 bytes or fragmented (§5.5), a continuation without a
// message or a new message inside one (§5.4), and a frame or message over the size limit. The
// limit is checked on the header, before the payload is waited for, so a peer cannot make the
// host buffer more than the limit. One reader per connection, used from its strand only.
// ws_connection.cpp does the socket work; fuzz/ws_frame_fuzz.cpp drives this file alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tradehost::net {

struct WsFrameEvent {
  enum class Kind : std::uint8_t {
    need_more,  // no complete frame yet: read until `need` bytes are buffered
    message,    // a whole text or binary message in `payload`
    fragment,   // part of a fragmented message, kept by the reader: nothing to do
    ping,       // answer with a pong carrying `payload`
    pong,
    close,      // the peer closes: `close_code`, `payload` is the reason
    error,      // a protocol error: `why`; close with 1002 and drop the connection
  };
  Kind kind = Kind::need_more;
  std::size_t consumed = 0;  // bytes of the buffer this frame used (0 for need_more and error)
  std::size_t need = 0;      // need_more: bytes the next frame needs, counted from the buffer start
  std::string_view payload;  // message, ping, close: valid until the next call (or the buffer moves)
  bool binary = false;       // message: a binary message (BingX: gzip)
  unsigned close_code = 0;   // close: 1005 when the frame carried none
  const char* why = "";      // error: what was wrong, for the log
};

class WsFrameReader {
 public:
  // Frames and assembled messages over `max_message_bytes` are protocol errors.
  explicit WsFrameReader(std::size_t max_message_bytes) noexcept : max_message_bytes_(max_message_bytes) {}

  // The next frame in `buffer[0, size)`. An unfragmented message's payload points into `buffer`;
  // an assembled one into the reader, with `padding` spare bytes after it (for simdjson).
  WsFrameEvent next(const char* buffer, std::size_t size, std::size_t padding);

  static constexpr std::size_t kMaxControlPayload = 125;  // RFC 6455 §5.5

 private:
  std::size_t max_message_bytes_;
  std::string message_;  // the fragmented message being assembled
  bool in_message_ = false;
  bool message_binary_ = false;
};

}  // namespace tradehost::net
