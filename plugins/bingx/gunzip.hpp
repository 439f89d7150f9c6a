// Gunzip: inflates one gzip-framed WebSocket frame into a buffer reused for every frame.
//
// protocols/bingx.md §4: every server frame is a binary frame holding a complete GZIP stream (full
// gzip header, not raw deflate), the heartbeat included. The header (RFC 1952) is read here, the
// deflate data by our one-shot Inflater (inflate.hpp: zlib's per-stream setup cost more than
// decoding these small frames), and the trailer's CRC-32 (crc32.hpp) and length are checked
// against what came out, so a corrupt frame is an error, never wrong numbers. The output buffer is
// allocated once with a cap, so inflating allocates nothing.
//
// Owned by the Decoder; one thread at a time (the host's I/O thread).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

namespace tradehost::bingx {

class Inflater;

class Gunzip {
 public:
  // Reserves max_output bytes plus `padding` readable bytes after them (simdjson's padding).
  // Throws std::bad_alloc if the buffer cannot be had.
  Gunzip(std::size_t max_output, std::size_t padding);
  ~Gunzip();
  Gunzip(const Gunzip&) = delete;
  Gunzip& operator=(const Gunzip&) = delete;

  // Inflates the gzip stream in [data, data + size) into the reused buffer. On success returns
  // nullptr and sets `out` to the inflated bytes (valid until the next call; `padding` readable
  // bytes follow them); on failure returns a short static reason and leaves `out` alone. Output
  // larger than max_output is a failure, not a truncation.
  const char* inflate(const char* data, std::size_t size, std::string_view& out) noexcept;

  std::size_t capacity() const noexcept { return max_output_; }
  std::size_t padding() const noexcept { return padding_; }

 private:
  std::unique_ptr<Inflater> inflater_;
  std::unique_ptr<char[]> buffer_;
  std::size_t max_output_;
  std::size_t padding_;
};

// True when the bytes begin with the gzip magic number (RFC 1952 §2.3.1: 1f 8b); JSON and the
// text `Ping` never do.
constexpr bool is_gzip(const char* data, std::size_t size) noexcept {
  return size >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

}  // namespace tradehost::bingx
