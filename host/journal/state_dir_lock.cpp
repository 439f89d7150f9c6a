// Takes and releases the state directory's lock file (why a lock file: see the header).
#include "journal/state_dir_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

namespace tradehost::journal {
namespace {

constexpr const char* kLockFile = "journal.lock";

// The pid the holder wrote, or "" when it cannot be read.
std::string holder_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return {};
  std::string pid(buf, static_cast<std::size_t>(n));
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

sdk::Result<StateDirLock> StateDirLock::acquire(const std::filesystem::path& state_dir) {
  const std::string dir = state_dir.string();
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec || !std::filesystem::is_directory(state_dir)) {
    const std::string why = ec ? ec.message() : std::string("exists and is not a directory");
    return sdk::fail(sdk::ErrorCode::io,
                     fmt::format("cannot create the state directory {} ({}): create it or choose "
                                 "another --state-dir",
                                 dir, why));
  }
  const std::filesystem::path file = state_dir / kLockFile;
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    return sdk::fail(sdk::ErrorCode::io,
                     fmt::format("the state directory {} is not writable ({} on {}): make it "
                                 "writable by this user or choose another --state-dir",
                                 dir, std::strerror(err), file.string()));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string pid = holder_pid(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      const std::string who = pid.empty() ? std::string("another tradehost")
                                          : fmt::format("another tradehost (pid {})", pid);
      return sdk::fail(
          sdk::ErrorCode::io,
          fmt::format("{} is using {}: stop it or choose another --state-dir", who, dir));
    }
    return sdk::fail(sdk::ErrorCode::io,
                     fmt::format("cannot lock {} ({}): choose a --state-dir on a local disk",
                                 file.string(), std::strerror(err)));
  }
  // Our pid, for the message another process shows; failing to write it is harmless.
  const std::string pid = fmt::format("{}\n", ::getpid());
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  return StateDirLock(fd);
}

StateDirLock::StateDirLock(StateDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

StateDirLock& StateDirLock::operator=(StateDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

StateDirLock::~StateDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace tradehost::journal
