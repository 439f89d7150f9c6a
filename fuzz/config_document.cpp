// Fuzz target: the config loader (host/config/config_document.hpp) on any file. Byte 0 picks the
// format by the extension the file gets (even: .yaml, odd: .toml); the rest is the file, written
// under /dev/shm (memory, not disk) and loaded by path as every command does. Whatever loads
// must have sane lines; an escaping exception (yaml-cpp's, toml++'s) is a crash.
#include "config/config_document.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "fuzz_support.hpp"

namespace {

// One file per process (replay tests run in parallel), removed at exit.
struct ScratchFile {
  std::filesystem::path yaml, toml;
  ScratchFile() {
    const std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    const std::string stem = "tradehost-fuzz-config-" + std::to_string(::getpid());
    yaml = dir / (stem + ".yaml");
    toml = dir / (stem + ".toml");
  }
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(yaml, ignored);
    std::filesystem::remove(toml, ignored);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  static const ScratchFile scratch;
  if (size == 0) return 0;
  const std::filesystem::path& path = data[0] % 2 == 0 ? scratch.yaml : scratch.toml;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  fuzz::check(f != nullptr, "cannot write the scratch config file");
  fuzz::check(std::fwrite(data + 1, 1, size - 1, f) == size - 1 && std::fclose(f) == 0,
              "cannot write the scratch config file");
  const auto doc = config::load_config_document(path);
  if (!doc) return 0;
  const auto lines = static_cast<long>(1 + std::count(data + 1, data + size, '\n') + std::count(data + 1, data + size, '\r'));
  for (const config::ConfigEntry& entry : doc->entries) {
    fuzz::check(entry.line >= 0 && entry.line <= lines, "an entry on a line the file does not have");
  }
  return 0;
}
