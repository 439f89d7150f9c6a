// HMAC-SHA256 and its two spellings, for checking what clients signed (the sim's own copy:
// nothing here is shared with the adapters' signing code).
#pragma once

#include <string>
#include <string_view>

namespace tradehost::sim {

std::string hmac_sha256(std::string_view key, std::string_view message);  // 32 raw bytes
std::string to_hex(std::string_view bytes);                              // lowercase
std::string to_base64(std::string_view bytes);

// Compares without an early exit (a sim, but the habit is right).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace tradehost::sim
