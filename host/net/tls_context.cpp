#include "net/tls_context.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>

namespace tradehost::net {

sdk::Result<std::shared_ptr<boost::asio::ssl::context>> make_client_tls_context(const std::string& extra_ca_file) {
  namespace ssl = boost::asio::ssl;
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  // TLS 1.0 and 1.1 are deprecated (RFC 8996) and every venue speaks 1.2 or 1.3 (issue 13).
  if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1) {
    return sdk::fail(sdk::ErrorCode::internal, "TLS: cannot require TLS 1.2 or newer");
  }
  boost::system::error_code ec;
  ctx->set_default_verify_paths(ec);
  if (!ec && !extra_ca_file.empty()) ctx->load_verify_file(extra_ca_file, ec);
  if (ec) {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     "TLS: cannot load " + (extra_ca_file.empty() ? std::string("the system CA store") : extra_ca_file) +
                         ": " + ec.message());
  }
  ctx->set_verify_mode(ssl::verify_peer);
  return ctx;
}

bool set_sni(SSL* ssl, const std::string& host) {
  // SSL_set_tlsext_host_name is a macro over SSL_ctrl with a C cast; this is the same call.
  return SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                  static_cast<void*>(const_cast<char*>(host.c_str()))) == 1;
}

}  // namespace tradehost::net
