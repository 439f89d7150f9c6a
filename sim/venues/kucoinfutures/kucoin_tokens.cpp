#include "venues/kucoinfutures/kucoin_tokens.hpp"

#include <string_view>

#include "market/rng.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
// Past this many tokens, used-up ones and those issued more than kKeepFor ago are forgotten
// (then read "invalid", not "expired"); below it, late use always reads "expired".
constexpr std::size_t kForgetAbove = 10'000;
constexpr auto kKeepFor = std::chrono::hours(48);

}  // namespace

std::string TokenBook::issue(Clock::time_point now, std::string account) {
  forget_old(now);
  // §1: ~200 chars, two parts joined by '.', base64-like padding at the end. Not secret: the
  // sim checks that a token was issued, not that it cannot be guessed.
  Rng rng(0x6b75636f696eULL + ++issued_count_);
  std::string token;
  do {
    token.clear();
    for (int i = 0; i < 196; ++i) {
      token.push_back(i == 132 ? '.' : kAlphabet[static_cast<std::size_t>(rng.below(kAlphabet.size()))]);
    }
    token += "==";
  } while (tokens_.count(token) != 0);
  tokens_.emplace(token, Entry{now, false, std::move(account)});
  return token;
}

Redeemed TokenBook::redeem(const std::string& token, Clock::time_point now, std::int64_t ttl_ms, bool single_use) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return {TokenCheck::invalid, {}};
  Entry& e = it->second;
  if (e.dead || now - e.issued >= std::chrono::milliseconds(ttl_ms)) return {TokenCheck::expired, {}};
  if (single_use) e.dead = true;
  return {TokenCheck::valid, e.account};
}

void TokenBook::expire_all() {
  for (auto& [token, entry] : tokens_) entry.dead = true;
}

void TokenBook::forget_old(Clock::time_point now) {
  if (tokens_.size() < kForgetAbove) return;
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    const bool old = it->second.dead || now - it->second.issued >= kKeepFor;
    it = old ? tokens_.erase(it) : std::next(it);
  }
}

}  // namespace tradehost::sim::kucoinfutures
