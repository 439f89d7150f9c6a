#include "venues/bingx/gzip.hpp"

#include <zlib.h>

namespace tradehost::sim::bingx {
namespace {

// windowBits 15 + 16: zlib writes a gzip header and trailer instead of a zlib wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;

}  // namespace

Gzip::Gzip() : stream_(std::make_unique<z_stream>()) {
  ready_ = deflateInit2(stream_.get(), Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits,
                        kMemLevel, Z_DEFAULT_STRATEGY) == Z_OK;
}

Gzip::~Gzip() {
  if (ready_) deflateEnd(stream_.get());
}

sdk::Result<std::string> Gzip::compress(std::string_view text) {
  if (!ready_) return sdk::fail(sdk::ErrorCode::internal, "bingx gzip: deflateInit2 failed");
  if (deflateReset(stream_.get()) != Z_OK) {
    return sdk::fail(sdk::ErrorCode::internal, "bingx gzip: deflateReset failed");
  }
  z_stream& z = *stream_;
  // Called after deflateInit2, deflateBound counts the gzip header and trailer too.
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  // zlib's next_in is not const-qualified but deflate never writes through it.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
    return sdk::fail(sdk::ErrorCode::internal, "bingx gzip: deflate did not finish");
  }
  out.resize(out.size() - z.avail_out);
  return out;
}

}  // namespace tradehost::sim::bingx
