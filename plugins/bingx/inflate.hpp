// Inflate: decodes one raw DEFLATE stream (RFC 1951) into a caller's buffer, allocating nothing.
//
// Written for BingX's frames (protocols/bingx.md §4): each is a whole gzip member of one to a few
// hundred bytes, where zlib's per-stream machinery (inflateReset, its resumable state machine,
// its table builder) costs two to three times the decoding itself. This decoder is one-shot: the
// whole input is at hand and the whole output fits the buffer, so it needs no window, no state
// between calls and no resumption. The fixed Huffman codes are built once; a dynamic block's
// codes are built into tables the Inflater owns.
//
// Safety: input is never read past its end (missing bits read as zeros and are then reported as
// a truncated stream); output is never written past out_cap + kInflateSlack bytes (a match is
// copied 8 bytes at a time, so up to 7 bytes past the match may be scribbled on, never past
// the slack); every malformed stream is a short static reason, never undefined behaviour.
// The gzip trailer's CRC-32 and length (checked by Gunzip) verify every byte this produces.
//
// Owned by Gunzip; one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace tradehost::bingx {

// Bytes after out_cap that a call may overwrite with garbage.
inline constexpr std::size_t kInflateSlack = 8;

struct InflateResult {
  const char* error = nullptr;  // nullptr on success, else a short static reason
  std::size_t out_size = 0;     // bytes written (valid on success)
  std::size_t in_used = 0;      // bytes of input the stream took, up to its last whole byte
};

class Inflater {
 public:
  // Builds the fixed codes (RFC 1951 §3.2.6). Throws std::bad_alloc if its tables cannot be had.
  Inflater();
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates the raw DEFLATE stream at the start of [in, in + in_size) into out, which must have
  // room for out_cap + kInflateSlack bytes. Output longer than out_cap is an error, not a
  // truncation. Bytes after the stream's final block are left alone (in_used says where it
  // ended).
  InflateResult inflate(const std::uint8_t* in, std::size_t in_size, std::uint8_t* out,
                        std::size_t out_cap) noexcept;

 private:
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace tradehost::bingx
