// Secret: an API key, secret, passphrase, signature or token.
//
// It has no implicit conversion to text: formatting it (fmt, logs, `config` output) prints ***,
// and only signing code calls reveal(). Constructing one registers the value with the log
// scrubber, so the text cannot reach a log line even if someone copies it out. Its storage is
// wiped (OPENSSL_cleanse, which the optimiser may not drop) when it is destroyed, assigned over
// or moved from, so that freed heap and stack do not keep the credential for a core file or a
// later allocation to find.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "log/log.hpp"

namespace tradehost {

// Overwrites every byte `text` owns, its whole capacity (the small-string buffer included), and
// leaves it empty with the same buffer. For any std::string that held a credential.
void wipe(std::string& text) noexcept;

// What the kernel reports after disable_core_dumps(): 0 and false when it worked.
struct CoreDumps {
  unsigned long long rlimit_core = 0;  // RLIMIT_CORE soft limit, bytes
  bool dumpable = true;                // prctl(PR_GET_DUMPABLE)
  std::string error;                   // why a step failed, if one did
};

// For live mode, early: no core file can hold the credentials. RLIMIT_CORE goes to 0 (soft and
// hard, so a child cannot raise it) and the process becomes non-dumpable (PR_SET_DUMPABLE 0,
// which also stops other processes of the same user from attaching a debugger or reading
// /proc/<pid>/mem). Reads both back rather than trusting the calls.
CoreDumps disable_core_dumps() noexcept;

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {
    wipe(value);  // a short value was copied out of its small-string buffer, not moved
    log::register_secret(value_);
  }
  Secret(const Secret&) = default;
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { wipe(other.value_); }
  Secret& operator=(const Secret& other) {
    if (this != &other) {
      wipe(value_);
      value_ = other.value_;
    }
    return *this;
  }
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe(value_);
      value_ = std::move(other.value_);
      wipe(other.value_);
    }
    return *this;
  }
  ~Secret() { wipe(value_); }

  bool empty() const noexcept { return value_.empty(); }
  const std::string& reveal() const noexcept { return value_; }  // signing code only
  static constexpr std::string_view kMask = "***";

 private:
  std::string value_;
};

}  // namespace tradehost

template <>
struct fmt::formatter<tradehost::Secret> : fmt::formatter<std::string_view> {
  template <typename Ctx>
  auto format(const tradehost::Secret&, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(tradehost::Secret::kMask, ctx);
  }
};
