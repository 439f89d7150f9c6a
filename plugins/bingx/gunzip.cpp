#include "bingx/gunzip.hpp"

#include <algorithm>
#include <cstdint>

#include "bingx/crc32.hpp"
#include "bingx/inflate.hpp"

namespace tradehost::bingx {
namespace {

// RFC 1952 §2.3: the fixed header, its flags, and the trailer (CRC-32, then ISIZE).
constexpr std::size_t kHeaderBytes = 10;
constexpr std::size_t kTrailerBytes = 8;
constexpr unsigned char kMethodDeflate = 8;
constexpr unsigned char kFlagHeaderCrc = 0x02;
constexpr unsigned char kFlagExtra = 0x04;
constexpr unsigned char kFlagName = 0x08;
constexpr unsigned char kFlagComment = 0x10;
constexpr unsigned char kFlagsReserved = 0xe0;

std::uint32_t load_le32(const unsigned char* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::uint32_t crc32_of(const unsigned char* data, std::size_t size) noexcept { return crc32(0, data, size); }

// Skips the optional header fields; returns the deflate data's offset, or 0 with `why` set.
std::size_t skip_header(const unsigned char* p, std::size_t size, const char*& why) noexcept {
  why = "gzip: truncated stream";
  if (size < kHeaderBytes) return 0;
  if (p[0] != 0x1f || p[1] != 0x8b) return why = "gzip: not a gzip stream", 0;
  if (p[2] != kMethodDeflate) return why = "gzip: unknown compression method", 0;
  const unsigned char flags = p[3];
  if ((flags & kFlagsReserved) != 0) return why = "gzip: reserved header flags set", 0;
  std::size_t at = kHeaderBytes;
  if ((flags & kFlagExtra) != 0) {
    if (size - at < 2) return 0;
    const std::size_t extra = p[at] | static_cast<std::size_t>(p[at + 1]) << 8;
    at += 2;
    if (size - at < extra) return 0;
    at += extra;
  }
  for (const unsigned char flag : {kFlagName, kFlagComment}) {  // zero-terminated strings
    if ((flags & flag) == 0) continue;
    while (at < size && p[at] != 0) ++at;
    if (at == size) return 0;
    ++at;
  }
  if ((flags & kFlagHeaderCrc) != 0) {
    if (size - at < 2) return 0;
    const unsigned stored = p[at] | static_cast<unsigned>(p[at + 1]) << 8;
    if ((crc32_of(p, at) & 0xffffu) != stored) return why = "gzip: header checksum mismatch", 0;
    at += 2;
  }
  return at;
}

}  // namespace

Gunzip::Gunzip(std::size_t max_output, std::size_t padding)
    : inflater_(std::make_unique<Inflater>()),
      buffer_(std::make_unique<char[]>(max_output + std::max(padding, kInflateSlack))),
      max_output_(max_output),
      padding_(padding) {}

Gunzip::~Gunzip() = default;

const char* Gunzip::inflate(const char* data, std::size_t size, std::string_view& out) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  const char* why = nullptr;
  const std::size_t start = skip_header(bytes, size, why);
  if (start == 0) return why;
  auto* output = reinterpret_cast<std::uint8_t*>(buffer_.get());
  const InflateResult r = inflater_->inflate(bytes + start, size - start, output, max_output_);
  if (r.error != nullptr) return r.error;
  const std::size_t end = start + r.in_used;
  if (size - end < kTrailerBytes) return "gzip: truncated stream";
  if (load_le32(bytes + end) != crc32_of(output, r.out_size)) return "gzip: CRC-32 mismatch (corrupt frame)";
  if (load_le32(bytes + end + 4) != static_cast<std::uint32_t>(r.out_size)) return "gzip: length mismatch (corrupt frame)";
  out = std::string_view(buffer_.get(), r.out_size);
  return nullptr;
}

}  // namespace tradehost::bingx
