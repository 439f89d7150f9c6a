#include "bingx/crc32.hpp"

#include <array>
#include <cstring>

namespace tradehost::bingx {
namespace {

constexpr std::uint32_t kPolynomial = 0xEDB88320u;

// table[0] is the classic byte-at-a-time table; table[k][b] is the CRC of byte b followed by k
// zero bytes, so eight bytes fold in with one lookup each.
constexpr std::array<std::array<std::uint32_t, 256>, 8> make_tables() {
  std::array<std::array<std::uint32_t, 256>, 8> t{};
  for (std::uint32_t b = 0; b < 256; ++b) {
    std::uint32_t c = b;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1u) != 0 ? (c >> 1) ^ kPolynomial : c >> 1;
    t[0][b] = c;
  }
  for (std::size_t k = 1; k < 8; ++k) {
    for (std::size_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xffu];
  }
  return t;
}

constexpr auto kTables = make_tables();

}  // namespace

std::uint32_t crc32(std::uint32_t crc, const unsigned char* data, std::size_t size) noexcept {
  std::uint32_t c = ~crc;
  for (; size >= 8; size -= 8, data += 8) {
    std::uint32_t low;
    std::uint32_t high;
    std::memcpy(&low, data, 4);  // little-endian host
    std::memcpy(&high, data + 4, 4);
    low ^= c;
    c = kTables[7][low & 0xffu] ^ kTables[6][(low >> 8) & 0xffu] ^ kTables[5][(low >> 16) & 0xffu] ^
        kTables[4][low >> 24] ^ kTables[3][high & 0xffu] ^ kTables[2][(high >> 8) & 0xffu] ^
        kTables[1][(high >> 16) & 0xffu] ^ kTables[0][high >> 24];
  }
  for (; size > 0; --size, ++data) c = (c >> 8) ^ kTables[0][(c ^ *data) & 0xffu];
  return ~c;
}

}  // namespace tradehost::bingx
