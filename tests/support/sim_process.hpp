// Test support: a running exchange-sim (or any long-lived child) with its ready line parsed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tradehost::test {

class ChildProcess {
 public:
  // The child inherits the test's environment, with `env` set on top of it.
  ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line on stdout, or "" on timeout or end of output.
  std::string read_line(std::chrono::milliseconds timeout);
  // Sends `signal` and waits up to `timeout`; returns the exit code, or -1 if still running.
  int stop(int signal, std::chrono::milliseconds timeout);
  pid_t pid() const { return pid_; }
  std::string stderr_text();  // what it wrote to stderr so far (read without blocking)

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_buffer_;
  std::string err_buffer_;
  bool exited_ = false;
  int exit_code_ = -1;
};

// exchange-sim started on port 0 with `args`; `ready` is its parsed ready line (empty if none).
struct Sim {
  explicit Sim(const std::vector<std::string>& args = {"--speed", "60"});
  ChildProcess process;
  nlohmann::json ready;

  std::string rest(const std::string& venue) const { return ready["venues"][venue]["rest"].get<std::string>(); }
  std::string ws(const std::string& venue) const { return ready["venues"][venue]["ws"].get<std::string>(); }
  std::string control() const { return ready["control"].get<std::string>(); }
};

}  // namespace tradehost::test
