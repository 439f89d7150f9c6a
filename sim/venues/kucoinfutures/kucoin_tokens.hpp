// TokenBook: the bullet tokens KuCoinVenue hands out and checks at WebSocket connect
// (protocols/kucoinfutures.md §1, §10).
//
// Tokens are opaque strings of the venue's alphabet ([A-Za-z0-9_-.=], ~200 chars, ending "=="
// so that clients must percent-encode or at least pass '=' through). A token lives `ttl_ms` of
// real time from its issue; with `single_use` it also dies with its first connection, which
// holds adapters to §1 "fetch a new bullet for every (re)connect". Owned by the venue, used on
// the sim's one I/O thread only. Times are passed in, so the rules are testable without waiting.
// A private token (bullet-private, §1) also names the account (api key) it was issued to.
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

struct Redeemed {
  TokenCheck check = TokenCheck::invalid;
  std::string account;  // api key of a private token; empty for a public one
};

class TokenBook {
 public:
  using Clock = std::chrono::steady_clock;

  // `account` empty: a public token (bullet-public); else a private one for that api key.
  std::string issue(Clock::time_point now, std::string account = {});
  // Checks `token` for a new connection and, if valid and `single_use`, uses it up.
  Redeemed redeem(const std::string& token, Clock::time_point now, std::int64_t ttl_ms, bool single_use);
  // Fault hook: every token issued so far answers "token is expired" from now on.
  void expire_all();
  std::size_t size() const { return tokens_.size(); }

 private:
  struct Entry {
    Clock::time_point issued;
    bool dead = false;  // used (single-use) or expired by expire_all
    std::string account;
  };
  void forget_old(Clock::time_point now);

  std::unordered_map<std::string, Entry> tokens_;
  std::uint64_t issued_count_ = 0;
};

}  // namespace tradehost::sim::kucoinfutures
