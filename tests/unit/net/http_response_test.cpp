// parse_http_response: the reader http_fetch uses, on answers in memory (what fuzz/http_response
// feeds it hostile bytes through): every header as received, bodies by length, by chunks and
// until close, the same answer however the bytes are split, and refusals for what is cut short,
// malformed or past the body cap.
#include "net/http_response.hpp"

#include <string>

#include <gtest/gtest.h>

namespace tradehost::net {
namespace {

TEST(HttpResponse, ReadsStatusEveryHeaderAndTheBody) {
  const auto r = parse_http_response(
      "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\ngw-ratelimit-reset: 1500\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->body, "{}");
  ASSERT_EQ(r->headers.size(), 3u);
  EXPECT_EQ(r->headers[1].first, "gw-ratelimit-reset");
  EXPECT_EQ(r->headers[1].second, "1500");
  ASSERT_TRUE(r->retry_after());
  EXPECT_EQ(r->retry_after()->count(), 3);
}

TEST(HttpResponse, ReadsChunkedBodiesAndBodiesThatEndWithTheConnection) {
  const auto chunked =
      parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked) << chunked.error().message;
  EXPECT_EQ(chunked->body, "hello world");
  const auto until_close = parse_http_response("HTTP/1.0 503 Service Unavailable\r\n\r\nbusy");
  ASSERT_TRUE(until_close) << until_close.error().message;
  EXPECT_EQ(until_close->status, 503);
  EXPECT_EQ(until_close->body, "busy");
}

TEST(HttpResponse, GivesTheSameAnswerHoweverTheBytesArrive) {
  const std::string bytes =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: b\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
  const auto whole = parse_http_response(bytes);
  ASSERT_TRUE(whole);
  for (std::size_t chunk = 1; chunk < 9; ++chunk) {
    const auto dribbled = parse_http_response(bytes, chunk);
    ASSERT_TRUE(dribbled) << chunk;
    EXPECT_EQ(dribbled->body, whole->body) << chunk;
    EXPECT_EQ(dribbled->headers, whole->headers) << chunk;
  }
}

TEST(HttpResponse, RefusesWhatIsCutShortMalformedOrTooLarge) {
  EXPECT_FALSE(parse_http_response(""));
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Le"));
  EXPECT_FALSE(parse_http_response("SMTP ready\r\n\r\n"));
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kMaxResponseBodyBytes + 1) +
                                   "\r\n\r\n"));
}

}  // namespace
}  // namespace tradehost::net
