#include "bingx/gunzip.hpp"

#include <zlib.h>

#include <climits>
#include <new>

namespace tradehost::bingx {
namespace {

// windowBits 15 + 16: a 32 KiB window and a gzip header/trailer (zlib.h, inflateInit2).
constexpr int kGzipWindowBits = 15 + 16;

voidpf zlib_alloc(voidpf, uInt items, uInt size) noexcept {
  return ::operator new(static_cast<std::size_t>(items) * size, std::nothrow);
}
void zlib_free(voidpf, voidpf address) noexcept { ::operator delete(address); }

}  // namespace

struct Gunzip::Stream {
  z_stream z{};
};

Gunzip::Gunzip(std::size_t max_output, std::size_t padding)
    : stream_(std::make_unique<Stream>()),
      buffer_(std::make_unique<char[]>(max_output + padding)),
      max_output_(max_output),
      padding_(padding) {
  stream_->z.zalloc = zlib_alloc;
  stream_->z.zfree = zlib_free;
  stream_->z.opaque = nullptr;
  // The buffer must fit avail_out, a uInt.
  ready_ = max_output <= UINT_MAX && inflateInit2(&stream_->z, kGzipWindowBits) == Z_OK;
}

Gunzip::~Gunzip() {
  if (ready_) inflateEnd(&stream_->z);
}

const char* Gunzip::inflate(const char* data, std::size_t size, std::string_view& out) noexcept {
  if (!ready_) return "gzip: zlib not initialised";
  if (size > UINT_MAX) return "gzip: frame too large";
  z_stream& z = stream_->z;
  if (inflateReset(&z) != Z_OK) return "gzip: reset failed";
  // zlib does not write through next_in; the cast only satisfies its non-const API.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(buffer_.get());
  z.avail_out = static_cast<uInt>(max_output_);
  const int rc = ::inflate(&z, Z_FINISH);
  if (rc == Z_STREAM_END) {
    out = std::string_view(buffer_.get(), max_output_ - z.avail_out);
    return nullptr;
  }
  if (rc == Z_BUF_ERROR && z.avail_out == 0) return "gzip: inflated frame too large";
  if (rc == Z_BUF_ERROR) return "gzip: truncated stream";
  if (rc == Z_MEM_ERROR) return "gzip: out of memory";
  return "gzip: corrupt stream";
}

}  // namespace tradehost::bingx
