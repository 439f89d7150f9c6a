// What the fuzz targets share: how a target fails (a crash, so libFuzzer and the replay test both
// see it), frames with the padding the host guarantees, the symbols `tradehost decode` binds, the
// checks every decoder must pass on every frame, and the input layout of the REST targets.
//
// Header-only and test-only: included by the targets in fuzz/, nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/event_checks.hpp>
#include <tradehost/sdk/events.hpp>
#include <tradehost/sdk/wire.hpp>

namespace tradehost::fuzz {

// An invariant broke: say which, then abort (libFuzzer saves the input as a crash; the replay
// test fails). Not assert: the checks must run in Release builds too.
[[noreturn]] inline void violated(const char* what) noexcept {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}
inline void check(bool ok, const char* what) noexcept {
  if (!ok) violated(what);
}

// One frame copied into a buffer of exactly size + kFramePadding bytes, so that ASan reports a
// read past the padding. The padding holds quotes, not zeros: on the wire it holds whatever came
// next, and a decoder that stops at a NUL would stop here by luck.
class PaddedFrame {
 public:
  PaddedFrame(const std::uint8_t* data, std::size_t size, bool binary)
      : bytes_(std::make_unique<char[]>(size + sdk::kFramePadding)), size_(size), binary_(binary) {
    if (size != 0) std::memcpy(bytes_.get(), data, size);
    std::memset(bytes_.get() + size, '"', sdk::kFramePadding);
  }
  sdk::FrameView view() const noexcept { return {bytes_.get(), size_, binary_}; }

 private:
  std::unique_ptr<char[]> bytes_;
  std::size_t size_;
  bool binary_;
};

// What `tradehost decode` binds with the default config: BTC, ETH, SOL as ids 0, 1, 2, no
// contract size (host/cli/decode_command.cpp).
inline std::vector<sdk::SymbolBinding> decode_command_bindings() {
  return {{0, {"BTC", "USDT", "USDT"}, {}}, {1, {"ETH", "USDT", "USDT"}, {}}, {2, {"SOL", "USDT", "USDT"}, {}}};
}
inline constexpr sdk::SymbolId kBoundSymbols = 3;

// The host's EventBuffer size (decode_command.cpp, the feed).
inline constexpr std::size_t kEventCapacity = 1024;

// Frames of one input: split at '\n' (at most kMaxFrames), so that a run can reach the state a
// decoder keeps between frames (the open kline, the candle rollover). A text frame with a
// newline inside is then two frames, which costs the fuzzer nothing it needs.
inline constexpr std::size_t kMaxFrames = 16;
template <typename Each>
void for_each_line(const std::uint8_t* data, std::size_t size, Each each) {
  std::size_t start = 0;
  for (std::size_t frames = 0; start <= size && frames < kMaxFrames; ++frames) {
    const void* found = size > start ? std::memchr(data + start, '\n', size - start) : nullptr;
    const std::size_t end = found != nullptr ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(found) - data) : size;
    each(data + start, end - start);
    start = end + 1;
  }
}

// The contract of Adapter::decode (sdk/adapter.hpp, sdk/decode.hpp), checked on every frame:
// an error or a control frame appends nothing; events are appended only after what was there,
// never past the buffer, never as a half frame (overflow), at most one book ticker, and each
// passes sdk::event_problem and names a bound symbol; the detail is NUL-terminated.
inline void check_decode(const sdk::DecodeResult& r, const sdk::EventBuffer& out, std::size_t before) {
  check(std::memchr(r.detail, '\0', sizeof r.detail) != nullptr, "detail not NUL-terminated");
  check(out.size() >= before && out.size() <= out.capacity(), "event count outside the buffer");
  switch (r.status) {
    case sdk::DecodeStatus::error:
      check(out.size() == before, "an error appended events");
      return;
    case sdk::DecodeStatus::control:
      check(out.size() == before, "a control frame appended events");
      return;
    case sdk::DecodeStatus::events:
      break;
    default:
      violated("a DecodeStatus outside the enum");
  }
  check(!out.overflowed(), "events reported with the buffer overflowed (a half frame)");
  std::size_t book_tickers = 0;
  for (std::size_t i = before; i < out.size(); ++i) {
    const sdk::Event& e = out[i];
    // Every venue's book ticker frame carries one quote: more means a repeated envelope key
    // was read twice (issue 13, finding 1: BingX staged one per repeated "data").
    if (e.kind == sdk::EventKind::book_ticker) check(++book_tickers <= 1, "two book tickers from one frame");
    if (const char* problem = sdk::event_problem(e); problem != nullptr) {
      std::fprintf(stderr, "event %zu: %s\n", i, problem);
      violated("an event fails sdk::event_problem");
    }
    const sdk::SymbolId id = e.kind == sdk::EventKind::kline   ? e.kline.symbol
                             : e.kind == sdk::EventKind::trade ? e.trade.symbol
                                                               : e.book_ticker.symbol;
    check(id < kBoundSymbols, "an event names a symbol that was never bound");
  }
}

// Runs one frame through `decoder` (anything with decode(FrameView, EventBuffer&)) the way the
// host does: a cleared buffer of the host's size, then the contract checks.
template <typename Decoder>
void decode_and_check(Decoder& decoder, sdk::FrameView frame) {
  static std::vector<sdk::Event> storage(kEventCapacity);
  sdk::EventBuffer out(storage.data(), storage.size());
  const sdk::DecodeResult r = decoder.decode(frame, out);
  check_decode(r, out, 0);
}

// The REST targets' input: byte 0 picks the call, byte 1 the HTTP status, byte 2 the timeframe
// (and a venue's extra choice in its high bits); the rest is headers and body. Headers come
// before a NUL byte, one `name: value` per line; without a NUL the rest is all body.
struct RestInput {
  unsigned call = 0;
  int status = 200;
  sdk::Timeframe timeframe = sdk::Timeframe::m1;
  unsigned extra = 0;
  std::vector<sdk::HttpHeader> headers;
  std::string_view body;

  sdk::HttpResponseView view() const noexcept { return {status, body, headers}; }
};

inline RestInput rest_input(const std::uint8_t* data, std::size_t size) {
  static constexpr int kStatuses[] = {200, 200, 200, 200, 400, 403, 404, 418, 429, 500, 502, 503, 0, 201, 302, 999};
  RestInput in;
  if (size < 3) return in;
  in.call = data[0];
  in.status = kStatuses[data[1] % (sizeof kStatuses / sizeof kStatuses[0])];
  in.timeframe = sdk::kAllTimeframes[(data[2] & 0x0f) % sdk::kAllTimeframes.size()];
  in.extra = static_cast<unsigned>(data[2] >> 4);
  std::string_view rest(reinterpret_cast<const char*>(data + 3), size - 3);
  if (const std::size_t nul = rest.find('\0'); nul != std::string_view::npos) {
    std::string_view block = rest.substr(0, nul);
    in.body = rest.substr(nul + 1);
    while (!block.empty()) {
      const std::size_t eol = block.find('\n');
      const std::string_view line = block.substr(0, eol);
      block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 1);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      in.headers.push_back({line.substr(0, colon), value});
    }
  } else {
    in.body = rest;
  }
  return in;
}

// What every parse_klines must give on success (sdk/adapter.hpp): bars of the symbol and
// timeframe asked for, oldest first, each open time once, each passing the live path's checks.
inline void check_klines(std::span<const sdk::Kline> bars, sdk::SymbolId symbol, sdk::Timeframe timeframe) {
  for (std::size_t i = 0; i < bars.size(); ++i) {
    check(bars[i].symbol == symbol, "a REST kline for another symbol");
    check(bars[i].timeframe == timeframe, "a REST kline of another timeframe");
    if (i > 0) check(bars[i - 1].open_time_ms < bars[i].open_time_ms, "REST klines not oldest first, or repeated");
    // Finding 6: a fill must not hand the strategy a bar a live frame could not.
    check(sdk::kline_problem(bars[i]) == nullptr, "a REST kline fails sdk::kline_problem");
  }
}

}  // namespace tradehost::fuzz
