// One URL parser for every URL the host reads (issue 13): ports 1-65535, the four schemes, a
// real host; printed URLs never show their query; live mode's plaintext rule in one place.
#include "net/url.hpp"

#include <string>

#include <gtest/gtest.h>

namespace tradehost::net {
namespace {

TEST(Url, RefusesAPortOutsideOneTo65535NamingTheUrl) {
  for (const char* bad : {"wss://h:99999", "wss://h:0", "wss://h:65536", "wss://h:-1", "wss://h:4x3"}) {
    auto r = parse_url(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find(std::string("'") + bad + "'"), std::string::npos) << r.error().message;
  }
  auto edge = parse_url("wss://h:65535");
  ASSERT_TRUE(edge);
  EXPECT_EQ(edge->port, "65535");
}

TEST(Url, RefusesHostsThatAreNotDnsNamesOrAddresses) {
  // Percent-decoded, such a host would put CR LF into the Host header.
  for (const char* bad : {"wss://ev%0d%0ail/ws", "wss://a!b/", "wss://[v1.x]/", "wss:///path", "wss://h/a b",
                          "wss://h/#frag"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
}

TEST(Url, SchemesAreCaseInsensitiveAndStoredInLowerCase) {
  auto u = parse_url("WSS://Fstream.binance.com/ws");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "wss");
  EXPECT_TRUE(u->tls());
}

TEST(Url, AnEndpointMustBeOfItsKind) {
  EXPECT_TRUE(parse_endpoint("https://fapi.binance.com", Endpoint::rest));
  EXPECT_TRUE(parse_endpoint("ws://127.0.0.1:9", Endpoint::websocket));
  auto r = parse_endpoint("wss://fapi.binance.com", Endpoint::rest);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("a REST endpoint starts with https://"), std::string::npos) << r.error().message;
  EXPECT_FALSE(parse_endpoint("https://x.example", Endpoint::websocket));
}

TEST(Url, PrintsNoQueryString) {
  auto bullet = parse_url("wss://ws-api-futures.kucoin.com/?token=2neAiuYvAU61ZDXANAGAsiL4&connectId=7");
  ASSERT_TRUE(bullet);
  EXPECT_EQ(bullet->to_string(), "wss://ws-api-futures.kucoin.com/?...");
  EXPECT_EQ(bullet->full(), "wss://ws-api-futures.kucoin.com/?token=2neAiuYvAU61ZDXANAGAsiL4&connectId=7");
  auto plain = parse_url("http://127.0.0.1:8080");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->to_string(), "http://127.0.0.1:8080");
  EXPECT_EQ(with_target(*plain, "/api/v1/kline/query?symbol=XBTUSDTM").to_string(),
            "http://127.0.0.1:8080/api/v1/kline/query?...");
}

TEST(Url, ErrorsAndRawTextShowNoQueryOrUserInfo) {
  EXPECT_EQ(redact_url("wss://h:99999/?token=abc"), "wss://h:99999/?...");
  EXPECT_EQ(redact_url("wss://user:pass@h/x#frag"), "wss://user:...@h/x#...");
  EXPECT_EQ(redact_url("ws://u@h"), "ws://u@h");
  EXPECT_EQ(redact_url("not a url"), "not a url");
  auto r = parse_url("wss://h:99999/?token=abc");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find("token=abc"), std::string::npos) << r.error().message;
  auto u = parse_url("wss://user:secret@h/");
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message.find("secret"), std::string::npos) << u.error().message;
}

TEST(Url, LiveRefusesPlaintextOffLoopbackOnly) {
  for (const char* refused : {"ws://ws-api-futures.kucoin.com/", "http://10.0.0.1:80", "ws://[2001:db8::1]:9/"}) {
    auto u = parse_url(refused);
    ASSERT_TRUE(u) << refused;
    EXPECT_TRUE(u->plaintext_off_loopback()) << refused;
  }
  for (const char* allowed : {"ws://127.0.0.1:4001/", "http://localhost:1", "ws://[::1]:9/", "ws://127.3.4.5:9",
                              "wss://ws-api-futures.kucoin.com/", "https://10.0.0.1"}) {
    auto u = parse_url(allowed);
    ASSERT_TRUE(u) << allowed;
    EXPECT_FALSE(u->plaintext_off_loopback()) << allowed;
  }
}

}  // namespace
}  // namespace tradehost::net
