// Test support: HMAC-SHA256 for signing requests in tests, independent of the sim's checker.
#pragma once

#include <string>

namespace tradehost::test {

std::string hmac_hex(const std::string& key, const std::string& message);
std::string hmac_base64(const std::string& key, const std::string& message);

}  // namespace tradehost::test
