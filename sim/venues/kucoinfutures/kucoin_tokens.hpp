// TokenBook: the bullet tokens KuCoinVenue hands out and checks at WebSocket connect
// (protocols/kucoinfutures.md §1, §10).
//
// Tokens are opaque strings of the venue's alphabet ([A-Za-z0-9_-.=], ~200 chars, ending "=="
// so that clients must percent-encode or at least pass '=' through). A token lives `ttl_ms` of
// real time from its issue; with `single_use` it also dies with its first connection, which
// holds adapters to §1 "fetch a new bullet for every (re)connect". Owned by the venue, used on
// the sim's one I/O thread only. Times are passed in, so the rules are testable without waiting.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace tradehost::sim::kucoinfutures {

enum class TokenCheck : std::uint8_t {
  valid,
  invalid,  // never issued (or forgotten long ago): "token is invalid"
  expired,  // past its lifetime, already used, or expired by expire_all: "token is expired"
};

class TokenBook {
 public:
  using Clock = std::chrono::steady_clock;

  std::string issue(Clock::time_point now);
  // Checks `token` for a new connection and, if valid and `single_use`, uses it up.
  TokenCheck redeem(const std::string& token, Clock::time_point now, std::int64_t ttl_ms, bool single_use);
  // Fault hook: every token issued so far answers "token is expired" from now on.
  void expire_all();
  std::size_t size() const { return tokens_.size(); }

 private:
  struct Entry {
    Clock::time_point issued;
    bool dead = false;  // used (single-use) or expired by expire_all
  };
  void forget_old(Clock::time_point now);

  std::unordered_map<std::string, Entry> tokens_;
  std::uint64_t issued_count_ = 0;
};

}  // namespace tradehost::sim::kucoinfutures
