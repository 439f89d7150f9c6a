// WsFrameReader on hand-made server frames: what RFC 6455 allows comes through, what it forbids is
// a protocol error decided on the header, before the payload is waited for.
#include "net/ws_frame_reader.hpp"

#include <string>

#include <gtest/gtest.h>

#include "support/ws_server_frame.hpp"

namespace tradehost::net {
namespace {

using Kind = WsFrameEvent::Kind;
using test::server_frame;

TEST(WsFrameReader, TextFrameComesThroughInPlace) {
  WsFrameReader reader(1024);
  const std::string bytes = server_frame(0x81, "hello");
  const WsFrameEvent e = reader.next(bytes.data(), bytes.size(), 64);
  ASSERT_EQ(e.kind, Kind::message);
  EXPECT_EQ(e.payload, "hello");
  EXPECT_EQ(e.payload.data(), bytes.data() + 2);
  EXPECT_EQ(e.consumed, bytes.size());
  EXPECT_FALSE(e.binary);
}

TEST(WsFrameReader, PartialFrameAsksForTheWholeFrame) {
  WsFrameReader reader(1024);
  const std::string bytes = server_frame(0x82, std::string(300, 'x'));
  EXPECT_EQ(reader.next(bytes.data(), 1, 64).need, 2u);
  EXPECT_EQ(reader.next(bytes.data(), 3, 64).need, 4u);
  const WsFrameEvent e = reader.next(bytes.data(), 10, 64);
  EXPECT_EQ(e.kind, Kind::need_more);
  EXPECT_EQ(e.need, bytes.size());
}

TEST(WsFrameReader, PingOfAtMost125BytesIsAnswerable) {
  WsFrameReader reader(1024);
  const std::string bytes = server_frame(0x89, std::string(125, 'p'));
  const WsFrameEvent e = reader.next(bytes.data(), bytes.size(), 64);
  ASSERT_EQ(e.kind, Kind::ping);
  EXPECT_EQ(e.payload.size(), 125u);
}

TEST(WsFrameReader, ControlFrameOver125BytesIsRefusedOnItsHeader) {
  WsFrameReader reader(1 << 20);
  const std::string bytes = server_frame(0x89, std::string(126, 'p'));
  const WsFrameEvent e = reader.next(bytes.data(), 2, 64);  // the payload has not come yet
  ASSERT_EQ(e.kind, Kind::error);
  EXPECT_STREQ(e.why, "a control frame over 125 bytes");
}

TEST(WsFrameReader, FragmentedControlFrameIsRefused) {
  for (const int first : {0x09, 0x0A, 0x08}) {
    WsFrameReader reader(1024);
    const std::string bytes  = server_frame(static_cast<unsigned char>(first), "x");
    const WsFrameEvent e = reader.next(bytes.data(), bytes.size(), 64);
    ASSERT_EQ(e.kind, Kind::error) << first;
    EXPECT_STREQ(e.why, "a fragmented control frame");
  }
}

TEST(WsFrameReader, ReservedBitsMaskedFramesAndUnknownOpcodesAreRefused) {
  for (const std::string& bytes : {server_frame(0xC1, "x"), server_frame(0x83, "x"), server_frame(0x8B, "x"), std::string("\x81\x81mask!", 7)}) {
    WsFrameReader reader(1024);
    EXPECT_EQ(reader.next(bytes.data(), bytes.size(), 64).kind, Kind::error);
  }
}

TEST(WsFrameReader, FrameOverTheLimitIsRefusedBeforeItsPayload) {
  WsFrameReader reader(100);
  const std::string bytes = server_frame(0x81, std::string(101, 'x'));
  const WsFrameEvent e = reader.next(bytes.data(), 4, 64);
  ASSERT_EQ(e.kind, Kind::error);
  EXPECT_STREQ(e.why, "a frame over the size limit");
  // A 64-bit length near 2^64 too.
  const std::string huge("\x81\x7f\xff\xff\xff\xff\xff\xff\xff\xff", 10);
  EXPECT_EQ(WsFrameReader(100).next(huge.data(), huge.size(), 64).kind, Kind::error);
}

TEST(WsFrameReader, FragmentsAssembleIntoOneMessageWithinTheLimit) {
  WsFrameReader reader(10);
  std::string bytes = server_frame(0x02, "abc") + server_frame(0x00, "def") + server_frame(0x89, "") + server_frame(0x80, "gh");
  std::size_t at = 0;
  std::string got;
  for (int i = 0; i < 4; ++i) {
    const WsFrameEvent e = reader.next(bytes.data() + at, bytes.size() - at, 64);
    ASSERT_NE(e.kind, Kind::error) << e.why;
    at += e.consumed;
    if (e.kind == Kind::message) {
      got = std::string(e.payload);
      EXPECT_TRUE(e.binary);
    }
  }
  EXPECT_EQ(got, "abcdefgh");
  WsFrameReader small(5);
  const std::string over = server_frame(0x01, "abc") + server_frame(0x80, "def");
  const WsFrameEvent first = small.next(over.data(), over.size(), 64);
  const WsFrameEvent second = small.next(over.data() + first.consumed, over.size() - first.consumed, 64);
  ASSERT_EQ(second.kind, Kind::error);
  EXPECT_STREQ(second.why, "a message over the size limit");
}

TEST(WsFrameReader, ContinuationWithoutMessageAndMessageInsideMessageAreRefused) {
  WsFrameReader a(100);
  const std::string cont = server_frame(0x80, "x");
  EXPECT_EQ(a.next(cont.data(), cont.size(), 64).kind, Kind::error);
  WsFrameReader b(100);
  const std::string two = server_frame(0x01, "x") + server_frame(0x81, "y");
  const WsFrameEvent first = b.next(two.data(), two.size(), 64);
  EXPECT_EQ(first.kind, Kind::fragment);
  EXPECT_EQ(b.next(two.data() + first.consumed, two.size() - first.consumed, 64).kind, Kind::error);
}

TEST(WsFrameReader, CloseCarriesItsCodeAndReason) {
  WsFrameReader reader(100);
  const std::string bytes = server_frame(0x88, std::string("\x0f\xa1", 2) + "bye");
  const WsFrameEvent e = reader.next(bytes.data(), bytes.size(), 64);
  ASSERT_EQ(e.kind, Kind::close);
  EXPECT_EQ(e.close_code, 4001u);
  EXPECT_EQ(e.payload, "bye");
  const std::string bare = server_frame(0x88, "");
  EXPECT_EQ(WsFrameReader(100).next(bare.data(), bare.size(), 64).close_code, 1005u);
  const std::string one = server_frame(0x88, "x");
  EXPECT_EQ(WsFrameReader(100).next(one.data(), one.size(), 64).kind, Kind::error);
}

}  // namespace
}  // namespace tradehost::net
