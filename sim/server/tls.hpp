// A self-signed certificate made at start-up for --tls: one EC P-256 certificate that is its own
// CA (basicConstraints CA:TRUE) with the loopback names as subject alternative names, so a client
// that trusts the written CA file verifies the peer properly, with no "insecure" switch.
#pragma once

#include <string>

#include <tradehost/sdk/result.hpp>

namespace tradehost::sim {

struct TlsMaterial {
  std::string cert_pem;
  std::string key_pem;
};

sdk::Result<TlsMaterial> make_self_signed_certificate();

}  // namespace tradehost::sim
