#include "log/secret.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

#include <openssl/crypto.h>

namespace tradehost {

void wipe(std::string& text) noexcept {
  // Within the capacity, so no reallocation: the bytes past size() are now ours to overwrite.
  text.resize(text.capacity());
  OPENSSL_cleanse(text.data(), text.size());
  text.clear();
}

CoreDumps disable_core_dumps() noexcept {
  CoreDumps out;
  try {
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) out.error = std::string("setrlimit(RLIMIT_CORE): ") + std::strerror(errno);
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
      out.error += (out.error.empty() ? "" : "; ") + std::string("prctl(PR_SET_DUMPABLE): ") + std::strerror(errno);
    }
    rlimit now{};
    if (getrlimit(RLIMIT_CORE, &now) == 0) out.rlimit_core = now.rlim_cur;
    out.dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
  } catch (...) {
    out.error = "out of memory";
  }
  return out;
}

}  // namespace tradehost
