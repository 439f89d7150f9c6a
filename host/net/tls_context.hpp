// The client TLS context of the host: peer verification always on, against the system CA store
// plus, for the simulator, the CA file it wrote (--ca-file). There is no switch to turn
// verification off (issue 4: none in live mode, and a rehearsal should verify too).
#pragma once

#include <memory>
#include <string>

#include <tradehost/sdk/result.hpp>

namespace boost::asio::ssl {
class context;
}
typedef struct ssl_st SSL;

namespace tradehost::net {

sdk::Result<std::shared_ptr<boost::asio::ssl::context>> make_client_tls_context(const std::string& extra_ca_file);

// Puts `host` in the ClientHello (SNI), which CDN-fronted venues need to pick the certificate;
// false if OpenSSL refused the name.
bool set_sni(SSL* ssl, const std::string& host);

}  // namespace tradehost::net
