// CRC-32 as gzip uses it (RFC 1952 §8: ISO 3309, the reflected polynomial 0xEDB88320), slicing by
// 8: eight table lookups per 8 bytes instead of zlib's per-call setup, which cost more than the
// sums on BingX's ~150-byte frames. The tables are built once, before main (8 KiB).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tradehost::bingx {

// The CRC-32 of [data, data + size), continuing from `crc` (0 to start), as zlib's crc32().
std::uint32_t crc32(std::uint32_t crc, const unsigned char* data, std::size_t size) noexcept;

}  // namespace tradehost::bingx
