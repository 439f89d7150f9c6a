// The host's TLS client context: peer verification on, nothing older than TLS 1.2 (issue 13).
#include "net/tls_context.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <gtest/gtest.h>

namespace tradehost::net {
namespace {

TEST(TlsContext, RefusesEverythingOlderThanTls12) {
  auto ctx = make_client_tls_context("");
  ASSERT_TRUE(ctx) << ctx.error().message;
  EXPECT_EQ(SSL_CTX_get_min_proto_version((*ctx)->native_handle()), TLS1_2_VERSION);
}

TEST(TlsContext, VerifiesThePeer) {
  auto ctx = make_client_tls_context("");
  ASSERT_TRUE(ctx) << ctx.error().message;
  EXPECT_NE(SSL_CTX_get_verify_mode((*ctx)->native_handle()) & SSL_VERIFY_PEER, 0);
}

}  // namespace
}  // namespace tradehost::net
