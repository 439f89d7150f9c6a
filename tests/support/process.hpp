// Test support: run a real executable with a controlled environment and capture what it printed.
//
// The child gets exactly the environment given (plus PATH), never the test runner's, so that an
// EXCHANGES or CONFIG_PATH set on a developer's machine cannot change a result.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tradehost::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed (timeout or signal)
  bool timed_out = false;
  std::string out;  // stdout
  std::string err;  // stderr
  std::string all() const { return out + err; }
};

using EnvMap = std::map<std::string, std::string>;

ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const EnvMap& env = {}, const std::filesystem::path& cwd = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// A directory under the system temp dir, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to path()/name and returns the full path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// Counts the lines of `text` that contain every one of `parts`.
int count_lines_with(const std::string& text, const std::vector<std::string>& parts);

}  // namespace tradehost::test
