// RFC 6455 §5 frame parsing and message assembly for a client (see ws_frame_reader.hpp).
#include "net/ws_frame_reader.hpp"

namespace tradehost::net {

namespace {

enum Opcode : std::uint8_t { kContinuation = 0x0, kText = 0x1, kBinary = 0x2, kClose = 0x8, kPing = 0x9, kPong = 0xA };

WsFrameEvent error(const char* why) {
  WsFrameEvent event;
  event.kind = WsFrameEvent::Kind::error;
  event.why = why;
  return event;
}

WsFrameEvent need_more(std::size_t need) {
  WsFrameEvent event;
  event.need = need;
  return event;
}

}  // namespace

WsFrameEvent WsFrameReader::next(const char* buffer, std::size_t size, std::size_t padding) {
  const auto* p = reinterpret_cast<const unsigned char*>(buffer);
  if (size < 2) return need_more(2);
  const bool fin = (p[0] & 0x80) != 0;
  const std::uint8_t opcode = p[0] & 0x0f;
  const bool masked = (p[1] & 0x80) != 0;
  const unsigned len7 = p[1] & 0x7f;  // 126: a 16-bit length follows; 127: a 64-bit one
  // Everything the first two bytes tell is checked before more bytes are waited for.
  if ((p[0] & 0x70) != 0) return error("reserved bits set, but no extension was negotiated");
  if (masked) return error("a masked frame from the server");
  const bool control = (opcode & 0x08) != 0;
  if (opcode != kContinuation && opcode != kText && opcode != kBinary && opcode != kClose && opcode != kPing &&
      opcode != kPong) {
    return error("an unknown opcode");
  }
  if (control && !fin) return error("a fragmented control frame");
  if (control && len7 > kMaxControlPayload) return error("a control frame over 125 bytes");

  const std::size_t header = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
  if (size < header) return need_more(header);
  std::uint64_t len = len7;
  if (len7 == 126) {
    len = (std::uint64_t{p[2]} << 8) | p[3];
  } else if (len7 == 127) {
    len = 0;
    for (int i = 2; i < 10; ++i) len = (len << 8) | p[i];
  }
  if (len > max_message_bytes_) return error("a frame over the size limit");
  const std::size_t total = header + static_cast<std::size_t>(len);
  if (size < total) return need_more(total);

  WsFrameEvent event;
  event.consumed = total;
  const std::string_view payload(buffer + header, static_cast<std::size_t>(len));
  switch (opcode) {
    case kPing:
      event.kind = WsFrameEvent::Kind::ping;
      event.payload = payload;
      return event;
    case kPong:
      event.kind = WsFrameEvent::Kind::pong;
      return event;
    case kClose:
      if (payload.size() == 1) return error("a close frame with a one-byte payload");
      event.kind = WsFrameEvent::Kind::close;
      event.close_code = 1005;
      if (payload.size() >= 2) {
        event.close_code = (static_cast<unsigned>(static_cast<unsigned char>(payload[0])) << 8) |
                           static_cast<unsigned char>(payload[1]);
        event.payload = payload.substr(2);
      }
      return event;
    case kText:
    case kBinary:
      if (in_message_) return error("a new message inside a fragmented one");
      if (fin) {
        event.kind = WsFrameEvent::Kind::message;
        event.payload = payload;
        event.binary = opcode == kBinary;
        return event;
      }
      in_message_ = true;
      message_binary_ = opcode == kBinary;
      message_.assign(payload);
      event.kind = WsFrameEvent::Kind::fragment;
      return event;
    default:  // kContinuation
      if (!in_message_) return error("a continuation without a message");
      if (message_.size() + payload.size() > max_message_bytes_) return error("a message over the size limit");
      message_.append(payload);
      if (!fin) {
        event.kind = WsFrameEvent::Kind::fragment;
        return event;
      }
      in_message_ = false;
      message_.reserve(message_.size() + padding);
      event.kind = WsFrameEvent::Kind::message;
      event.payload = message_;
      event.binary = message_binary_;
      return event;
  }
}

}  // namespace tradehost::net
