// Gzip: the compressor for BingX server frames (protocols/bingx.md §4: every server->client frame
// is a binary frame holding a full gzip stream, header and trailer included, not raw deflate).
//
// One z_stream is made once and reset per frame (deflateReset), so a push costs no zlib setup.
// Owned by the BingX venue and used on the sim's single I/O thread only; not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>

struct z_stream_s;

namespace tradehost::sim::bingx {

class Gzip {
 public:
  Gzip();
  ~Gzip();
  Gzip(const Gzip&) = delete;
  Gzip& operator=(const Gzip&) = delete;

  // `text` as one complete gzip member. Fails only if zlib cannot allocate its state.
  sdk::Result<std::string> compress(std::string_view text);

 private:
  // Heap-held: zlib's internal state points back at its z_stream, which must not move.
  std::unique_ptr<z_stream_s> stream_;
  bool ready_ = false;
};

}  // namespace tradehost::sim::bingx
