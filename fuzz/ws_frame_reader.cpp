// Fuzz target: the WebSocket frame reader (host/net/ws_frame_reader.hpp) on the bytes a server
// would send. The input is read twice, as one buffer and dribbled in reads of 1 to 8 bytes the way
// the connection buffers them; both must give the same frames, or the same protocol error. What
// it hands out must fit: nothing past the bytes it was given, control payloads of at most 125
// bytes, messages within the limit, and a need that asks for more than it has.
#include "net/ws_frame_reader.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"

namespace {

using tradehost::net::WsFrameEvent;
using tradehost::net::WsFrameReader;

constexpr std::size_t kLimit = 4096;  // small, so that fuzzing reaches it
constexpr std::size_t kPadding = 64;

struct Seen {
  WsFrameEvent::Kind kind;
  std::string payload;
  unsigned close_code;
  bool operator==(const Seen&) const = default;
};

// Reads `bytes` into a buffer `step` bytes at a time (0: all at once), as WsConnection does.
std::vector<Seen> read_all(std::string_view bytes, std::size_t step) {
  using tradehost::fuzz::check;
  WsFrameReader reader(kLimit);
  std::vector<Seen> seen;
  std::string buffer;
  std::size_t begin = 0;
  std::size_t fed = 0;
  for (;;) {
    const std::size_t avail = buffer.size() - begin;
    const WsFrameEvent e = reader.next(buffer.data() + begin, avail, kPadding);
    if (e.kind == WsFrameEvent::Kind::need_more) {
      check(e.need > avail, "asks for bytes it already has");
      check(e.need <= kLimit + 14, "asks for more than a frame within the limit");
      if (fed == bytes.size()) break;
      const std::size_t n = step == 0 ? bytes.size() - fed : std::min(step, bytes.size() - fed);
      buffer.append(bytes.substr(fed, n));
      fed += n;
      continue;
    }
    check(e.consumed <= avail, "consumed past the buffer");
    if (e.kind == WsFrameEvent::Kind::error) {
      seen.push_back({e.kind, std::string(e.why), 0});
      break;
    }
    check(e.consumed > 0, "a frame of no bytes");
    if (e.kind == WsFrameEvent::Kind::ping || e.kind == WsFrameEvent::Kind::close) {
      check(e.payload.size() <= WsFrameReader::kMaxControlPayload, "a control payload over 125 bytes");
    }
    check(e.payload.size() <= kLimit, "a message over the limit");
    seen.push_back({e.kind, std::string(e.payload), e.close_code});
    begin += e.consumed;
  }
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::vector<Seen> whole = read_all(bytes, 0);
  const std::vector<Seen> dribbled = read_all(bytes, 1 + size % 8);
  tradehost::fuzz::check(whole == dribbled, "the frames depend on how the bytes arrive");
  return 0;
}
