#include "bingx/inflate.hpp"

#include <algorithm>
#include <cstring>

namespace tradehost::bingx {
namespace {

constexpr int kMaxCodeBits = 15;  // RFC 1951 §3.2.2: no code is longer
// How many leading bits of input the lookup tables are indexed by. Codes no longer than this
// decode with one load; longer ones (rare in small frames) walk the canonical code. Small tables
// because a BingX frame builds its dynamic tables for ~150 bytes of output.
constexpr int kLitLenLookupBits = 9;
constexpr int kDistLookupBits = 7;
constexpr int kCodeLenLookupBits = 7;  // the code-length code has at most 7-bit codes: all fit

constexpr int kMaxLitLenSymbols = 288;  // 0-255 literals, 256 end of block, 257-285 lengths
constexpr int kMaxDistSymbols = 32;
constexpr int kCodeLenSymbols = 19;
constexpr int kMaxHlit = 286;  // more literal/length codes than this is an error (zlib agrees)
constexpr int kMaxHdist = 30;
constexpr int kEndOfBlock = 256;

// RFC 1951 §3.2.5: base lengths and extra bits of length symbols 257-285, base distances and
// extra bits of distance symbols 0-29.
constexpr std::uint16_t kLengthBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                           31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                           2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::uint16_t kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
                                         33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                         6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
// §3.2.7: the order in which the code-length code's lengths are sent.
constexpr std::uint8_t kCodeLenOrder[kCodeLenSymbols] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                         11, 4,  12, 3, 13, 2, 14, 1, 15};

constexpr const char* kTruncated = "gzip: truncated stream";
constexpr const char* kTooLarge = "gzip: inflated frame too large";

// One canonical Huffman code (§3.2.2): a lookup table for codes of up to LookupBits bits, and
// the per-length counts and symbols in code order for the longer ones.
template <int LookupBits, int MaxSymbols>
struct HuffmanCode {
  static constexpr unsigned kLookupSize = 1u << LookupBits;
  // Indexed by the next LookupBits input bits: symbol << 4 | code length; 0 when the code is
  // longer than LookupBits or the bits are no code at all.
  std::uint16_t lookup[kLookupSize];
  std::uint16_t count[kMaxCodeBits + 1];
  std::uint16_t symbol[static_cast<std::size_t>(MaxSymbols)];

  // Builds the code from n code lengths (see build_listed).
  bool build(const std::uint8_t* lengths, int n, bool is_code_length_code) noexcept {
    std::uint16_t used[static_cast<std::size_t>(MaxSymbols)];
    int listed = 0;
    for (int s = 0; s < n; ++s) {
      if (lengths[s] != 0) used[listed++] = static_cast<std::uint16_t>(s);
    }
    return build_listed(used, listed, lengths, 0, is_code_length_code);
  }

  // Builds the code from the symbols that have one: used[0, listed) in increasing order, symbol
  // used[i] - base with code length lengths[used[i]] (never 0). A frame's code uses a few dozen
  // of its 288 symbols, so this never walks the unused ones. False for an over-subscribed set,
  // and for an incomplete one except where zlib also takes it: a set with no codes at all
  // (every decode then fails), and a single code of one bit in a literal/length or distance code.
  bool build_listed(const std::uint16_t* used, int listed, const std::uint8_t* lengths, int base,
                    bool is_code_length_code) noexcept {
    std::memset(count, 0, sizeof count);
    for (int i = 0; i < listed; ++i) ++count[lengths[used[i]]];
    int longest = 0;
    for (int length = 1; length <= kMaxCodeBits; ++length) {
      if (count[length] != 0) longest = length;
    }
    if (longest == 0) {
      std::memset(lookup, 0, sizeof lookup);
      return true;
    }
    int left = 1;
    for (int length = 1; length <= kMaxCodeBits; ++length) {
      left = (left << 1) - count[length];
      if (left < 0) return false;
    }
    if (left > 0 && (is_code_length_code || longest != 1)) return false;

    std::uint16_t next[kMaxCodeBits + 1];
    next[1] = 0;
    for (int length = 1; length < kMaxCodeBits; ++length)
      next[length + 1] = static_cast<std::uint16_t>(next[length] + count[length]);
    for (int i = 0; i < listed; ++i) {
      symbol[next[lengths[used[i]]]++] = static_cast<std::uint16_t>(used[i] - base);
    }
    // Lookup entries, codes in canonical order (§3.2.2), built by doubling: while codes of
    // length L are placed, the table holds the first 2^L entries, each code at its bit-reversed
    // value; moving on to L + 1 copies those 2^L entries after themselves, which places every
    // shorter code at all the indexes that end in its bits. One store per code plus the copies,
    // instead of 2^(LookupBits - L) scattered stores per code.
    lookup[0] = lookup[1] = 0;
    unsigned reversed = 0;  // the current codeword, bit-reversed; doubling the code keeps it
    int k = 0;
    const int short_lengths = longest < LookupBits ? longest : LookupBits;
    for (int length = 1; length <= short_lengths; ++length) {
      if (length > 1) std::memcpy(lookup + (1u << (length - 1)), lookup, sizeof(lookup[0]) << (length - 1));
      for (int j = 0; j < count[length]; ++j, ++k) {
        lookup[reversed] = static_cast<std::uint16_t>(symbol[k] << 4 | length);
        // The next codeword is this one plus 1: in reversed form, a carry that runs from bit
        // length - 1 downwards.
        unsigned bit = 1u << (length - 1);
        while ((reversed & bit) != 0) {
          reversed ^= bit;
          bit >>= 1;
        }
        reversed |= bit;
      }
    }
    for (int length = short_lengths + 1; length <= LookupBits; ++length)
      std::memcpy(lookup + (1u << (length - 1)), lookup, sizeof(lookup[0]) << (length - 1));
    return true;
  }

  // A code longer than the lookup, or no code: walks the canonical code one bit at a time.
  // Returns the symbol and sets `used`, or -1 when the bits are no code.
  int decode_long(std::uint64_t bits, unsigned& used) const noexcept {
    int code = 0;
    int first = 0;
    int index = 0;
    for (int length = 1; length <= kMaxCodeBits; ++length) {
      code |= static_cast<int>(bits & 1u);
      bits >>= 1;
      const int n = count[length];
      if (code - n < first) {
        used = static_cast<unsigned>(length);
        return symbol[index + (code - first)];
      }
      index += n;
      first = (first + n) << 1;
      code <<= 1;
    }
    return -1;
  }
};

using LitLenCode = HuffmanCode<kLitLenLookupBits, kMaxLitLenSymbols>;
using DistCode = HuffmanCode<kDistLookupBits, kMaxDistSymbols>;
using CodeLenCode = HuffmanCode<kCodeLenLookupBits, kCodeLenSymbols>;

// The input as a stream of bits, least significant first (§3.1.1). refill() keeps 56 to 63
// bits buffered: enough for a length code, its extra bits, a distance code and its extra bits.
// Past the end of input it buffers zero bytes and counts them; consuming one of them is a
// truncated stream, found at the latest when the stream ends (finish()) and early by refill()
// once more than 16 zero bytes were needed.
struct BitReader {
  const std::uint8_t* next;
  const std::uint8_t* end;
  std::uint64_t bits = 0;
  unsigned count = 0;   // valid bits in `bits`; any bits above them are the next input bits
  unsigned phantom = 0;  // zero bytes buffered past the end of input

  bool refill() noexcept {
    if (end - next >= 8) {
      std::uint64_t word;
      std::memcpy(&word, next, sizeof word);  // little-endian host (x86-64, aarch64)
      bits |= word << count;
      next += (63 - count) >> 3;
      count |= 56;
      return true;
    }
    while (count < 56) {
      if (next < end) {
        bits |= static_cast<std::uint64_t>(*next++) << count;
      } else {
        ++phantom;
      }
      count += 8;
    }
    return phantom <= 16;
  }

  unsigned take(unsigned n) noexcept {  // n <= count, n < 32
    const auto value = static_cast<unsigned>(bits & ((std::uint64_t{1} << n) - 1));
    bits >>= n;
    count -= n;
    return value;
  }

  template <typename Code>
  int decode(const Code& code) noexcept {
    const unsigned entry = code.lookup[bits & (Code::kLookupSize - 1)];
    if (entry != 0) {
      take(entry & 15u);
      return static_cast<int>(entry >> 4);
    }
    unsigned used = 0;
    const int symbol = code.decode_long(bits, used);
    if (symbol >= 0) take(used);
    return symbol;
  }

  // Drops the bits up to the next byte boundary and gives whole buffered bytes back to the
  // input. False when the stream used bits past the end of input.
  bool align() noexcept {
    take(count & 7u);
    const unsigned buffered = count >> 3;
    if (buffered < phantom) return false;
    next -= buffered - phantom;
    bits = 0;
    count = 0;
    phantom = 0;
    return true;
  }
};

}  // namespace

struct Inflater::Tables {
  LitLenCode fixed_litlen;
  DistCode fixed_dist;
  LitLenCode litlen;
  DistCode dist;
  CodeLenCode code_lengths;
  std::uint8_t lengths[kMaxHlit + kMaxHdist];
};

Inflater::Inflater() : tables_(std::make_unique<Tables>()) {
  // §3.2.6: literal/length lengths 8, 9, 7, 8 over 0-143, 144-255, 256-279, 280-287; distances
  // all 5 bits (30 and 31 take part in the code but never occur).
  std::uint8_t lengths[kMaxLitLenSymbols];
  std::memset(lengths, 8, 144);
  std::memset(lengths + 144, 9, 112);
  std::memset(lengths + 256, 7, 24);
  std::memset(lengths + 280, 8, 8);
  tables_->fixed_litlen.build(lengths, kMaxLitLenSymbols, false);
  std::memset(lengths, 5, kMaxDistSymbols);
  tables_->fixed_dist.build(lengths, kMaxDistSymbols, false);
}

Inflater::~Inflater() = default;

namespace {

// §3.2.7: reads a dynamic block's code lengths and builds its two codes.
const char* read_dynamic_codes(BitReader& in, LitLenCode& litlen, DistCode& dist, CodeLenCode& code_lengths,
                               std::uint8_t* lengths) noexcept {
  if (!in.refill()) return kTruncated;
  const int hlit = static_cast<int>(in.take(5)) + 257;
  const int hdist = static_cast<int>(in.take(5)) + 1;
  const int hclen = static_cast<int>(in.take(4)) + 4;
  if (hlit > kMaxHlit || hdist > kMaxHdist) return "gzip: too many length or distance codes";
  std::uint8_t code_length_lengths[kCodeLenSymbols] = {};
  for (int i = 0; i < hclen; ++i) {
    if (!in.refill()) return kTruncated;
    code_length_lengths[kCodeLenOrder[i]] = static_cast<std::uint8_t>(in.take(3));
  }
  if (!code_lengths.build(code_length_lengths, kCodeLenSymbols, true)) return "gzip: invalid code lengths code";
  const int total = hlit + hdist;
  std::uint16_t used[kMaxHlit + kMaxHdist];  // the symbols with a code, in order (see build_listed)
  int listed = 0;
  int n = 0;
  while (n < total) {
    // A code-length code is at most 7 bits and its repeat count at most 7 more.
    if (in.count < 14 && !in.refill()) return kTruncated;
    const int symbol = in.decode(code_lengths);
    if (symbol < 0) return "gzip: invalid code length";
    if (symbol < 16) {
      if (symbol != 0) used[listed++] = static_cast<std::uint16_t>(n);
      lengths[n++] = static_cast<std::uint8_t>(symbol);
      continue;
    }
    std::uint8_t value = 0;
    int repeat = 0;
    if (symbol == 16) {
      if (n == 0) return "gzip: code length repeat with no previous length";
      value = lengths[n - 1];
      repeat = 3 + static_cast<int>(in.take(2));
    } else if (symbol == 17) {
      repeat = 3 + static_cast<int>(in.take(3));
    } else {
      repeat = 11 + static_cast<int>(in.take(7));
    }
    if (repeat > total - n) return "gzip: code length repeat past the end";
    std::memset(lengths + n, value, static_cast<std::size_t>(repeat));
    if (value != 0) {
      for (int r = 0; r < repeat; ++r) used[listed++] = static_cast<std::uint16_t>(n + r);
    }
    n += repeat;
  }
  if (lengths[kEndOfBlock] == 0) return "gzip: no end-of-block code";
  // The listed symbols below hlit are the literal/length code's (the list is in order).
  const auto literal_lengths = static_cast<int>(std::lower_bound(used, used + listed, hlit) - used);
  if (!litlen.build_listed(used, literal_lengths, lengths, 0, false)) {
    return "gzip: invalid literal/length code lengths";
  }
  if (!dist.build_listed(used + literal_lengths, listed - literal_lengths, lengths, hlit, false)) {
    return "gzip: invalid distance code lengths";
  }
  return nullptr;
}

// Copies a match of `length` bytes from `distance` back; the source may overlap the output.
// When the source is at least 8 back, every 8-byte read is of bytes already final, so it moves
// 8 bytes at a time and writes up to 7 bytes past the match: the caller has checked that the
// match fits before out_end, so those stay within the slack.
inline void copy_match(std::uint8_t* out, unsigned distance, unsigned length) noexcept {
  const std::uint8_t* from = out - distance;
  if (distance >= 8) {
    std::uint8_t* const stop = out + length;
    do {
      std::uint64_t word;
      std::memcpy(&word, from, sizeof word);
      std::memcpy(out, &word, sizeof word);
      from += 8;
      out += 8;
    } while (out < stop);
    return;
  }
  for (unsigned i = 0; i < length; ++i) out[i] = from[i];
}

// Decodes one Huffman-coded block's symbols (§3.2.5) up to its end-of-block code. Works on local
// copies of the reader and the output cursor so that they live in registers, not memory.
const char* inflate_codes(BitReader& reader, const LitLenCode& litlen, const DistCode& dist, std::uint8_t* begin,
                          std::uint8_t*& cursor, std::uint8_t* out_end) noexcept {
  BitReader in = reader;
  std::uint8_t* out = cursor;
  const char* error = nullptr;
  constexpr unsigned kFirstNonLiteral = unsigned{kEndOfBlock} << 4;  // lookup entries below are literals
  for (;;) {
    if (!in.refill()) {
      error = kTruncated;
      break;
    }
    // Literals, the bulk of a small frame, two per refill (56 bits cover two 15-bit codes) while
    // the lookup has them and the output has room for two.
    unsigned entry = litlen.lookup[in.bits & (LitLenCode::kLookupSize - 1)];
    if (entry - 1 < kFirstNonLiteral - 1 && out_end - out >= 2) {  // 0 < entry < kFirstNonLiteral
      in.take(entry & 15u);
      *out++ = static_cast<std::uint8_t>(entry >> 4);
      entry = litlen.lookup[in.bits & (LitLenCode::kLookupSize - 1)];
      if (entry - 1 < kFirstNonLiteral - 1) {
        in.take(entry & 15u);
        *out++ = static_cast<std::uint8_t>(entry >> 4);
      }
      continue;
    }
    int symbol = in.decode(litlen);
    if (symbol < kEndOfBlock) {
      if (symbol < 0) {
        error = "gzip: invalid literal/length code";
        break;
      }
      if (out == out_end) {
        error = kTooLarge;
        break;
      }
      *out++ = static_cast<std::uint8_t>(symbol);
      continue;
    }
    if (symbol == kEndOfBlock) break;
    symbol -= kEndOfBlock + 1;
    if (symbol >= 29) {
      error = "gzip: invalid literal/length code";
      break;
    }
    const unsigned length = kLengthBase[symbol] + in.take(kLengthExtra[symbol]);
    const int distance_symbol = in.decode(dist);
    if (distance_symbol < 0 || distance_symbol >= 30) {
      error = "gzip: invalid distance code";
      break;
    }
    const unsigned distance = kDistBase[distance_symbol] + in.take(kDistExtra[distance_symbol]);
    if (distance > static_cast<std::size_t>(out - begin)) {
      error = "gzip: distance too far back";
      break;
    }
    if (length > static_cast<std::size_t>(out_end - out)) {
      error = kTooLarge;
      break;
    }
    copy_match(out, distance, length);
    out += length;
  }
  reader = in;
  cursor = out;
  return error;
}

// §3.2.4: a stored block, byte-aligned, LEN and its complement, then LEN bytes as they are.
const char* copy_stored(BitReader& in, std::uint8_t*& out, std::uint8_t* out_end) noexcept {
  if (!in.align()) return kTruncated;
  if (in.end - in.next < 4) return kTruncated;
  const unsigned length = in.next[0] | static_cast<unsigned>(in.next[1]) << 8;
  const unsigned complement = in.next[2] | static_cast<unsigned>(in.next[3]) << 8;
  if (length != (~complement & 0xffffu)) return "gzip: invalid stored block length";
  in.next += 4;
  if (static_cast<std::size_t>(in.end - in.next) < length) return kTruncated;
  if (static_cast<std::size_t>(out_end - out) < length) return kTooLarge;
  std::memcpy(out, in.next, length);
  in.next += length;
  out += length;
  return nullptr;
}

}  // namespace

InflateResult Inflater::inflate(const std::uint8_t* in, std::size_t in_size, std::uint8_t* out,
                                std::size_t out_cap) noexcept {
  BitReader reader{in, in + in_size};
  std::uint8_t* cursor = out;
  std::uint8_t* const out_end = out + out_cap;
  Tables& t = *tables_;
  for (;;) {
    if (!reader.refill()) return {kTruncated};
    const unsigned final_block = reader.take(1);
    const unsigned type = reader.take(2);
    const char* error = nullptr;
    if (type == 0) {
      error = copy_stored(reader, cursor, out_end);
    } else if (type == 1) {
      error = inflate_codes(reader, t.fixed_litlen, t.fixed_dist, out, cursor, out_end);
    } else if (type == 2) {
      error = read_dynamic_codes(reader, t.litlen, t.dist, t.code_lengths, t.lengths);
      if (error == nullptr) error = inflate_codes(reader, t.litlen, t.dist, out, cursor, out_end);
    } else {
      error = "gzip: invalid block type";
    }
    if (error != nullptr) return {error};
    if (final_block != 0) break;
  }
  if (!reader.align()) return {kTruncated};
  return {nullptr, static_cast<std::size_t>(cursor - out), static_cast<std::size_t>(reader.next - in)};
}

}  // namespace tradehost::bingx
