#include "support/signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace tradehost::test {
namespace {

std::string raw(const std::string& key, const std::string& message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string hmac_hex(const std::string& key, const std::string& message) {
  const std::string mac = raw(key, message);
  std::string out;
  char buf[3];
  for (unsigned char c : std::basic_string<unsigned char>(mac.begin(), mac.end())) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

std::string hmac_base64(const std::string& key, const std::string& message) {
  const std::string mac = raw(key, message);
  std::string out(64, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(mac.data()), static_cast<int>(mac.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace tradehost::test
