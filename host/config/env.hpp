// Env: a snapshot of the process environment, taken once at start-up and passed by reference,
// so that config resolution is a pure function of (CLI, file, Env) and tests need no setenv.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tradehost::config {

class Env {
 public:
  Env() = default;
  explicit Env(std::map<std::string, std::string, std::less<>> vars) : vars_(std::move(vars)) {}
  static Env from_process();

  // nullopt when unset; an empty string when set to nothing.
  const std::map<std::string, std::string, std::less<>>& all() const { return vars_; }

  std::optional<std::string> get(std::string_view name) const {
    auto it = vars_.find(name);
    if (it == vars_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace tradehost::config
