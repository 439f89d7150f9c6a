#include "cli/sim_launcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include <fmt/format.h>

namespace tradehost::cli {
namespace {

constexpr int kReadyTimeoutMs = 15000;

std::string venue_field(const nlohmann::json& ready, const std::string& venue, const char* field) {
  if (!ready.contains("venues") || !ready["venues"].contains(venue)) return {};
  const auto& v = ready["venues"][venue];
  return v.contains(field) && v[field].is_string() ? v[field].get<std::string>() : std::string();
}

}  // namespace

RunningSim::RunningSim(pid_t pid, nlohmann::json ready, std::filesystem::path dir)
    : pid_(pid), ready_(std::move(ready)), dir_(std::move(dir)) {}

RunningSim::~RunningSim() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    bool exited = false;
    for (int i = 0; i < 200 && !exited; ++i) {
      exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
      if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!exited) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string RunningSim::ws_url(const std::string& venue) const { return venue_field(ready_, venue, "ws"); }
std::string RunningSim::rest_url(const std::string& venue) const { return venue_field(ready_, venue, "rest"); }
std::string RunningSim::ca_file() const {
  return ready_.contains("ca_file") && ready_["ca_file"].is_string() ? ready_["ca_file"].get<std::string>() : "";
}

sdk::Result<std::filesystem::path> find_sim(const std::filesystem::path& tradehost_executable) {
  const auto candidate = tradehost_executable.parent_path() / "exchange-sim";
  if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  return sdk::fail(sdk::ErrorCode::not_found,
                   "exchange-sim not found at " + candidate.string() +
                       ". Fix: build it (scripts/test or cmake --build build) or install it next to tradehost");
}

sdk::Result<std::unique_ptr<RunningSim>> launch_sim(const SimOptions& options) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tradehost-sim-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return sdk::fail(sdk::ErrorCode::io, "cannot create a temporary directory for exchange-sim in " +
                                             std::filesystem::temp_directory_path().string());
  }
  const std::filesystem::path dir = tmpl;
  std::vector<std::string> args = {options.executable.string(), "--host", "127.0.0.1", "--port", "0", "--speed",
                                   fmt::format("{}", options.speed)};
  if (!options.bases.empty()) {
    std::string list;
    for (const auto& b : options.bases) list += (list.empty() ? "" : ",") + b;
    args.insert(args.end(), {"--symbols", list});
  }
  if (options.tls) args.insert(args.end(), {"--tls", "--ca-file", (dir / "sim-ca.pem").string()});

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return sdk::fail(sdk::ErrorCode::io, "cannot create a pipe for exchange-sim");
  const std::string log_path = (dir / "exchange-sim.log").string();
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(out[0]);
    ::close(out[1]);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return sdk::fail(sdk::ErrorCode::io, "cannot start exchange-sim (fork failed)");
  }
  if (pid == 0) {
    // Only async-signal-safe calls until exec. The simulator must not outlive a host that dies
    // without cleaning up, and the operator's Ctrl-C is for the host (which then stops it).
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);
    ::setpgid(0, 0);
    ::dup2(out[1], STDOUT_FILENO);
    const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd >= 0) ::dup2(log_fd, STDERR_FILENO);
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kReadyTimeoutMs);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[4096];
    const auto n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  auto running = std::make_unique<RunningSim>(pid, nlohmann::json(), dir);
  const auto nl = line.find('\n');
  auto ready = nlohmann::json::parse(line.substr(0, nl), nullptr, false);
  const bool is_ready = nl != std::string::npos && ready.is_object() && ready.contains("ready") &&
                        ready["ready"].is_boolean() && ready["ready"].get<bool>();
  if (!is_ready) {
    std::string detail;
    // Keep the end of the log in the error: the directory goes with `running`.
    if (FILE* f = std::fopen(log_path.c_str(), "r")) {
      std::fseek(f, 0, SEEK_END);
      const long size = std::ftell(f);
      std::fseek(f, size > 2000 ? size - 2000 : 0, SEEK_SET);
      char buf[2048];
      const auto n = std::fread(buf, 1, sizeof buf - 1, f);
      std::fclose(f);
      detail.assign(buf, n);
    }
    return sdk::fail(sdk::ErrorCode::io, "exchange-sim did not become ready within " +
                                             std::to_string(kReadyTimeoutMs / 1000) + " s" +
                                             (detail.empty() ? std::string() : ": " + detail));
  }
  running->set_ready(std::move(ready));
  return running;
}

}  // namespace tradehost::cli
