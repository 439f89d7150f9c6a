// `--sim`: starts exchange-sim (next to the tradehost executable) on free loopback ports, waits
// for its ready line, and stops it when the run ends. Its log goes to a file in a temporary
// directory (named in the INFO line), with its CA when it serves TLS.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tradehost/sdk/result.hpp>

namespace tradehost::cli {

struct SimOptions {
  std::filesystem::path executable;  // exchange-sim
  bool tls = false;
  double speed = 60;
  std::vector<std::string> bases;  // base assets to list (BTC, ETH, ...)
};

class RunningSim {
 public:
  RunningSim(pid_t pid, nlohmann::json ready, std::filesystem::path dir);
  ~RunningSim();  // SIGTERM, then SIGKILL after 2 s; removes the temporary directory
  RunningSim(const RunningSim&) = delete;
  RunningSim& operator=(const RunningSim&) = delete;

  const nlohmann::json& ready() const { return ready_; }
  void set_ready(nlohmann::json ready) { ready_ = std::move(ready); }
  std::string ws_url(const std::string& venue) const;    // "" when the sim does not serve it
  std::string rest_url(const std::string& venue) const;
  std::string ca_file() const;                           // "" without TLS
  std::filesystem::path log_file() const { return dir_ / "exchange-sim.log"; }

 private:
  pid_t pid_;
  nlohmann::json ready_;
  std::filesystem::path dir_;
};

// The exchange-sim beside `tradehost_executable`, or an error naming where it looked.
sdk::Result<std::filesystem::path> find_sim(const std::filesystem::path& tradehost_executable);

sdk::Result<std::unique_ptr<RunningSim>> launch_sim(const SimOptions& options);

}  // namespace tradehost::cli
