// The BingX adapter's gunzip (bingx/gunzip.hpp, bingx/inflate.hpp) against zlib, the reference:
// every stream zlib writes, with every level, strategy and header option, inflates to exactly
// its input; a damaged stream fails wherever zlib fails and, where zlib still accepts it, gives
// zlib's bytes; truncation and the output cap are errors. Inputs and outputs live in buffers of
// their exact sizes, so the sanitizer build catches any read or write past them.
#include "bingx/crc32.hpp"
#include "bingx/gunzip.hpp"
#include "bingx/inflate.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tradehost::bingx {
namespace {

struct DeflateOptions {
  int level = Z_DEFAULT_COMPRESSION;
  int mem_level = 8;
  int strategy = Z_DEFAULT_STRATEGY;
  std::size_t flush_every = 0;  // > 0: a Z_SYNC_FLUSH (an empty stored block) every n bytes
  bool header_fields = false;   // name, comment, extra field and header CRC
};

std::string gzip(std::string_view text, const DeflateOptions& o = {}) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, o.level, Z_DEFLATED, 15 + 16, o.mem_level, o.strategy), Z_OK);
  gz_header header{};
  std::string name = "frame.json";
  std::string comment = "made by a test";
  std::string extra = "ab\x04\x00wxyz";
  if (o.header_fields) {
    header.name = reinterpret_cast<Bytef*>(name.data());
    header.comment = reinterpret_cast<Bytef*>(comment.data());
    header.extra = reinterpret_cast<Bytef*>(extra.data());
    header.extra_len = static_cast<uInt>(extra.size());
    header.hcrc = 1;
    EXPECT_EQ(deflateSetHeader(&z, &header), Z_OK);
  }
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 1024 + text.size() / 8, '\0');
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  std::size_t at = 0;
  const std::size_t step = o.flush_every > 0 ? o.flush_every : text.size() + 1;
  do {
    const std::size_t n = std::min(step, text.size() - at);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data() + at));
    z.avail_in = static_cast<uInt>(n);
    at += n;
    const int flush = at == text.size() ? Z_FINISH : Z_SYNC_FLUSH;
    const int rc = deflate(&z, flush);
    EXPECT_EQ(rc, flush == Z_FINISH ? Z_STREAM_END : Z_OK);
  } while (at < text.size());
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// zlib's answer: the inflated bytes, or nullopt when it refuses the stream.
std::optional<std::string> zlib_gunzip(const std::string& data, std::size_t cap) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(cap, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

constexpr std::size_t kCap = 1 << 18;

class BingxGunzip : public ::testing::Test {
 protected:
  // Our answer, from an input buffer of exactly the stream's size.
  std::optional<std::string> ours(const std::string& data, const char** why = nullptr) {
    const auto exact = std::make_unique<char[]>(data.size() + 1);  // never empty
    std::memcpy(exact.get(), data.data(), data.size());
    std::string_view out;
    const char* error = gunzip_.inflate(exact.get(), data.size(), out);
    if (why != nullptr) *why = error;
    if (error != nullptr) return std::nullopt;
    return std::string(out);
  }

  Gunzip gunzip_{kCap, 64};
};

// Texts of the kinds a venue sends and the kinds that reach every corner of the format.
std::string make_text(std::mt19937& rng, int kind, std::size_t size) {
  std::string text;
  text.reserve(size);
  auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
  switch (kind) {
    case 0:  // JSON frames like BingX's, with moving digits
      while (text.size() < size) {
        text += R"({"code":0,"dataType":"BTC-USDT@kline_1m","s":"BTC-USDT","data":[{"c":")";
        for (int i = 0; i < 7; ++i) text += digit();
        text += R"(","o":"94187.)";
        for (int i = 0; i < 2; ++i) text += digit();
        text += R"(","v":")";
        for (int i = 0; i < static_cast<int>(rng() % 9); ++i) text += digit();
        text += R"(","T":17672256)";
        for (int i = 0; i < 7; ++i) text += digit();
        text += "}]}";
      }
      break;
    case 1:  // random bytes: incompressible, so stored blocks or near-flat codes
      while (text.size() < size) text += static_cast<char>(rng() & 0xff);
      break;
    case 2:  // long runs: distance-1 matches of the longest length
      while (text.size() < size) text.append(1 + rng() % 600, static_cast<char>('a' + rng() % 3));
      break;
    case 3: {  // a block repeated from far back: distances up to the 32 KiB window
      std::string block;
      for (int i = 0; i < 5000; ++i) block += static_cast<char>(rng() & 0xff);
      while (text.size() < size) {
        text += block;
        for (int i = 0; i < 20000 && text.size() < size; ++i) text += static_cast<char>('A' + rng() % 26);
      }
      break;
    }
    default:  // skewed letters: long Huffman codes for the rare ones
      while (text.size() < size) {
        const auto r = rng() % 100000;
        text += r < 60000 ? 'e' : r < 90000 ? 't' : static_cast<char>(r % 256);
      }
  }
  text.resize(size);
  return text;
}

TEST_F(BingxGunzip, EveryStreamZlibWritesInflatesToItsInput) {
  std::mt19937 rng(20261126);
  const int levels[] = {0, 1, 6, 9};
  const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED};
  const std::size_t sizes[] = {0, 1, 7, 150, 300, 1500, 9000, 70000};
  int streams = 0;
  for (const int level : levels) {
    for (const int strategy : strategies) {
      for (const std::size_t size : sizes) {
        for (int kind = 0; kind < 5; ++kind) {
          DeflateOptions options;
          options.level = level;
          options.strategy = strategy;
          options.mem_level = 1 + static_cast<int>(rng() % 9);
          options.flush_every = rng() % 4 == 0 ? 1 + rng() % 5000 : 0;
          options.header_fields = rng() % 4 == 0;
          const std::string text = make_text(rng, kind, size);
          const std::string stream = gzip(text, options);
          const auto out = ours(stream);
          ASSERT_TRUE(out.has_value()) << "level " << level << " strategy " << strategy << " size " << size
                                       << " kind " << kind;
          ASSERT_EQ(*out, text) << "level " << level << " strategy " << strategy << " size " << size << " kind "
                                << kind;
          ++streams;
        }
      }
    }
  }
  EXPECT_EQ(streams, 4 * 5 * 8 * 5);
}

TEST_F(BingxGunzip, DamagedStreamsFailWhereZlibFailsAndMatchItElsewhere) {
  std::mt19937 rng(7);
  int refused = 0;
  int accepted = 0;
  for (int round = 0; round < 300; ++round) {
    DeflateOptions options;
    options.level = static_cast<int>(rng() % 10);
    options.strategy = round % 3 == 0 ? Z_FIXED : Z_DEFAULT_STRATEGY;
    const std::string text = make_text(rng, static_cast<int>(rng() % 5), 100 + rng() % 2000);
    std::string stream = gzip(text, options);
    // One to three flipped bits anywhere, header and trailer included.
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < flips; ++i) stream[rng() % stream.size()] ^= static_cast<char>(1u << (rng() % 8));
    const auto expected = zlib_gunzip(stream, kCap);
    const char* why = nullptr;
    const auto got = ours(stream, &why);
    ASSERT_EQ(got.has_value(), expected.has_value()) << "round " << round << ": ours says "
                                                     << (why ? why : "ok");
    if (got) {
      EXPECT_EQ(*got, *expected) << "round " << round;
      ++accepted;
    } else {
      EXPECT_EQ(std::string_view(why).substr(0, 6), "gzip: ") << why;
      ++refused;
    }
  }
  EXPECT_GT(refused, 250);  // almost every flipped bit is caught, by the code or the CRC
}

TEST_F(BingxGunzip, EveryTruncationIsRefused) {
  std::mt19937 rng(3);
  for (const int strategy : {Z_DEFAULT_STRATEGY, Z_FIXED}) {
    for (const int level : {0, 6}) {
      const std::string text = make_text(rng, 0, 400);
      DeflateOptions options;
      options.level = level;
      options.strategy = strategy;
      const std::string stream = gzip(text, options);
      for (std::size_t n = 0; n < stream.size(); ++n) {
        const char* why = nullptr;
        EXPECT_FALSE(ours(stream.substr(0, n), &why).has_value()) << "cut at " << n << " of " << stream.size();
      }
      EXPECT_EQ(ours(stream), text);
    }
  }
}

TEST_F(BingxGunzip, OutputPastTheCapIsAnErrorNotATruncation) {
  Gunzip small(1000, 64);
  const std::string fits = gzip(std::string(1000, 'x'));
  const std::string over = gzip(std::string(1001, 'x'));
  const std::string over_literal = gzip(std::string(1001, 'x'), {0, 8, Z_HUFFMAN_ONLY});
  const std::string over_stored = gzip(std::string(1001, 'x'), {0, 8, Z_DEFAULT_STRATEGY});
  std::string_view out;
  EXPECT_EQ(small.inflate(fits.data(), fits.size(), out), nullptr);
  EXPECT_EQ(out.size(), 1000u);
  for (const std::string* stream : {&over, &over_literal, &over_stored}) {
    const char* why = small.inflate(stream->data(), stream->size(), out);
    ASSERT_NE(why, nullptr);
    EXPECT_STREQ(why, "gzip: inflated frame too large");
  }
}

// Hand-made streams for the rules a compressor never breaks.
std::string with_deflate(std::string_view deflate_bytes, std::string_view trailer = std::string_view("\0\0\0\0\0\0\0\0", 8)) {
  std::string s("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  s.append(deflate_bytes);
  s.append(trailer);
  return s;
}

TEST_F(BingxGunzip, MalformedStreamsAreRefusedWithTheirReason) {
  const char* why = nullptr;
  auto reason = [&](const std::string& stream) {
    why = nullptr;
    EXPECT_FALSE(ours(stream, &why).has_value());
    return std::string(why ? why : "");
  };
  // Block type 3 is reserved.
  EXPECT_EQ(reason(with_deflate("\x07")), "gzip: invalid block type");
  // A stored block whose length's complement does not match.
  EXPECT_EQ(reason(with_deflate(std::string("\x01\x05\x00\x00\x00hello", 10))), "gzip: invalid stored block length");
  // Fixed codes: literal 'a', then a length-3 match at distance 2 with only one byte out.
  // Bits: BFINAL=1, BTYPE=01, 'a' = 0x91 (8 bits 10010001), length 257 = 0000001, distance 1 = 00001.
  {
    // Built with a bit writer rather than by hand.
    std::vector<int> bits;
    auto put = [&](unsigned value, int n) { for (int i = 0; i < n; ++i) bits.push_back((value >> i) & 1); };
    auto put_code = [&](unsigned code, int n) { for (int i = n - 1; i >= 0; --i) bits.push_back((code >> i) & 1); };
    put(1, 1);
    put(1, 2);
    put_code(0x30 + 'a', 8);  // literal 'a'
    put_code(1, 7);           // length symbol 257: 3 bytes
    put_code(1, 5);           // distance symbol 1: distance 2
    put_code(0, 7);           // end of block
    std::string bytes((bits.size() + 7) / 8, '\0');
    for (std::size_t i = 0; i < bits.size(); ++i) bytes[i / 8] = static_cast<char>(bytes[i / 8] | bits[i] << (i % 8));
    EXPECT_EQ(reason(with_deflate(bytes)), "gzip: distance too far back");
  }
  // Not deflate at all, and a method other than deflate.
  EXPECT_EQ(reason(std::string("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03\x03\x00", 12)), "gzip: unknown compression method");
  EXPECT_EQ(reason(std::string("\x1f\x8b\x08\xe0\x00\x00\x00\x00\x00\x03\x03\x00", 12)), "gzip: reserved header flags set");
  // An empty stream whose trailer says otherwise.
  EXPECT_EQ(reason(with_deflate(std::string("\x03\x00", 2), std::string("\x01\x00\x00\x00\x00\x00\x00\x00", 8))),
            "gzip: CRC-32 mismatch (corrupt frame)");
  EXPECT_EQ(reason(with_deflate(std::string("\x03\x00", 2), std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8))),
            "gzip: length mismatch (corrupt frame)");
  // And the good empty stream.
  EXPECT_EQ(ours(with_deflate(std::string("\x03\x00", 2))), std::string());
}

TEST(BingxCrc32, AgreesWithZlibAtEveryLengthAlignmentAndStart) {
  std::mt19937 rng(5);
  std::vector<unsigned char> bytes(3000 + 8);
  for (auto& b : bytes) b = static_cast<unsigned char>(rng() & 0xff);
  for (std::size_t size = 0; size <= 3000; size += size < 64 ? 1 : 37) {
    for (std::size_t offset = 0; offset < 8; offset += 3) {
      const unsigned char* data = bytes.data() + offset;
      EXPECT_EQ(crc32(0, data, size), ::crc32_z(0, data, size)) << size << " bytes at +" << offset;
      EXPECT_EQ(crc32(0xdeadbeef, data, size), ::crc32_z(0xdeadbeef, data, size)) << size << " bytes, continued";
    }
  }
  // RFC 1952's check value for "123456789".
  EXPECT_EQ(crc32(0, reinterpret_cast<const unsigned char*>("123456789"), 9), 0xcbf43926u);
}

TEST(BingxInflate, WritesNoFurtherThanTheSlack) {
  // Matches are copied 8 bytes at a time; the output buffer here has exactly the slack the
  // contract promises after the cap, so the sanitizer build sees any write beyond it.
  std::mt19937 rng(11);
  Inflater inflater;
  for (int round = 0; round < 200; ++round) {
    const std::string text = make_text(rng, round % 2 == 0 ? 0 : 3, 50 + rng() % 3000);
    const std::string stream = gzip(text);
    const std::size_t header = 10;
    std::vector<std::uint8_t> in(stream.begin() + header, stream.end() - 8);
    std::vector<std::uint8_t> out(text.size() + kInflateSlack);
    const InflateResult r = inflater.inflate(in.data(), in.size(), out.data(), text.size());
    ASSERT_EQ(r.error, nullptr) << "round " << round;
    ASSERT_EQ(r.out_size, text.size());
    EXPECT_EQ(r.in_used, in.size());
    EXPECT_EQ(std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(text.size())), text);
  }
}

}  // namespace
}  // namespace tradehost::bingx
