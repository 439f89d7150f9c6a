// Secret: an API key, secret, passphrase, signature or token.
//
// It has no implicit conversion to text: formatting it (fmt, logs, `config` output) prints ***,
// and only signing code calls reveal(). Constructing one registers the value with the log
// scrubber, so the text cannot reach a log line even if someone copies it out.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "log/log.hpp"

namespace tradehost {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) { log::register_secret(value_); }

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
