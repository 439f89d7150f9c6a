// Fuzz target: BingX's decode on frames as BingX sends them: each line of the input is a JSON
// text (or `Ping`) that this target gzips with zlib and hands over as a binary frame, so the
// fuzzer works on the JSON while the decoder still goes through its gunzip. Lines are frames in
// order (fuzz_support.hpp), so the kline tracker's state between frames is reached.
#include <zlib.h>

#include "bingx/decode.hpp"

#include "fuzz_support.hpp"

namespace {

// zlib's gzip of [data, data + size) into `out` (level 1: the fuzzer wants speed, and the level
// does not change what the decoder sees after inflating).
void gzip(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
  static z_stream z = [] {
    z_stream s{};
    if (deflateInit2(&s, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      tradehost::fuzz::violated("deflateInit2 failed");
    }
    return s;
  }();
  deflateReset(&z);
  out.resize(deflateBound(&z, static_cast<uLong>(size)) + 32);
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  tradehost::fuzz::check(deflate(&z, Z_FINISH) == Z_STREAM_END, "zlib could not gzip a frame");
  out.resize(z.total_out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  static bingx::Decoder decoder;  // constructing one allocates its buffers: once per process
  static const auto bindings = fuzz::decode_command_bindings();
  static std::vector<std::uint8_t> compressed;
  // bind forgets every kline: each input starts from the same state, so a crash reproduces.
  fuzz::check(static_cast<bool>(decoder.bind(bindings)), "bind refused the decode command's symbols");
  fuzz::for_each_line(data, size, [&](const std::uint8_t* text, std::size_t n) {
    gzip(text, n, compressed);
    const fuzz::PaddedFrame padded(compressed.data(), compressed.size(), true);
    fuzz::decode_and_check(decoder, padded.view());
  });
  return 0;
}
