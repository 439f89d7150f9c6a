// Fuzz target: BingX's inflater against zlib on the same bytes (docs/decisions.md: zlib is the
// reference). Byte 0 picks the mode: even, the rest is a whole gzip frame for Gunzip (header,
// deflate, CRC-32 and length) against zlib's gzip inflate; odd, the rest is raw deflate for the
// Inflater against zlib's raw inflate, with no CRC to hide a wrong byte behind, where the stream
// ends must also agree. Both must give the same bytes or both refuse; what zlib would inflate
// past our cap counts as a refusal (ours refuses output past its cap by design).
#include <zlib.h>

#include <cstring>
#include <memory>
#include <string_view>

#include "bingx/decode.hpp"
#include "bingx/gunzip.hpp"
#include "bingx/inflate.hpp"

#include "fuzz_support.hpp"

namespace {

using tradehost::fuzz::check;

// The decoder's cap would make every run allocate and clear 1 MiB for zlib; 64 KiB reaches every
// code path (a whole window of distances) at a fraction of the cost. Input is capped by -max_len.
constexpr std::size_t kCap = std::size_t{64} << 10;

struct ZlibResult {
  bool accepted = false;
  std::size_t out_size = 0;
  std::size_t in_used = 0;
};

// zlib with room for one byte past the cap, so "more than the cap" is seen as such.
ZlibResult zlib_inflate(const std::uint8_t* in, std::size_t size, int window_bits, std::uint8_t* out) {
  z_stream z{};
  check(inflateInit2(&z, window_bits) == Z_OK, "inflateInit2 failed");
  z.next_in = const_cast<Bytef*>(in);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = out;
  z.avail_out = static_cast<uInt>(kCap + 1);
  const int rc = inflate(&z, Z_FINISH);
  ZlibResult r;
  r.accepted = rc == Z_STREAM_END && z.total_out <= kCap;
  r.out_size = z.total_out;
  r.in_used = z.total_in;
  inflateEnd(&z);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  if (size == 0) return 0;
  static bingx::Gunzip gunzip(kCap, sdk::kFramePadding);
  static bingx::Inflater inflater;
  static const auto reference = std::make_unique<std::uint8_t[]>(kCap + 1);
  static const auto ours = std::make_unique<std::uint8_t[]>(kCap + bingx::kInflateSlack);
  const bool raw = data[0] % 2 == 1;
  // Input in a buffer of its exact size, so ASan sees a read past it.
  const std::size_t n = size - 1;
  const auto input = std::make_unique<std::uint8_t[]>(n + 1);
  if (n != 0) std::memcpy(input.get(), data + 1, n);

  if (!raw) {
    const ZlibResult z = zlib_inflate(input.get(), n, 15 + 16, reference.get());
    std::string_view out;
    const char* why = gunzip.inflate(reinterpret_cast<const char*>(input.get()), n, out);
    check((why == nullptr) == z.accepted, why == nullptr ? "gzip: ours accepts what zlib refuses"
                                                         : "gzip: ours refuses what zlib accepts");
    if (why != nullptr) return 0;
    check(out.size() == z.out_size && std::memcmp(out.data(), reference.get(), out.size()) == 0,
          "gzip: ours and zlib inflate to different bytes");
    return 0;
  }

  const ZlibResult z = zlib_inflate(input.get(), n, -15, reference.get());
  const bingx::InflateResult r = inflater.inflate(input.get(), n, ours.get(), kCap);
  check((r.error == nullptr) == z.accepted, r.error == nullptr ? "deflate: ours accepts what zlib refuses"
                                                               : "deflate: ours refuses what zlib accepts");
  if (r.error != nullptr) return 0;
  check(r.out_size == z.out_size && std::memcmp(ours.get(), reference.get(), r.out_size) == 0,
        "deflate: ours and zlib inflate to different bytes");
  check(r.in_used == z.in_used, "deflate: ours and zlib end the stream at different bytes");
  return 0;
}
