// The conformance kit: checks an adapter the way the host will use it, and says precisely what
// is wrong. `tradehost conformance --plugin F.so` runs it on a built plugin; adapter tests run it
// through <tradehost/conformance/gtest.hpp>. Every check of docs/adapter-guide.md
// "Conformance" is here: the manifest, names both ways, subscribe frames within the declared
// limits, decoding of recorded frames into valid events, malformed and fuzzed frames giving no
// event and no crash, zero allocations per decoded frame, heartbeats, REST kline requests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tradehost/sdk/abi.hpp>
#include <tradehost/sdk/adapter.hpp>

namespace tradehost::conformance {

struct Finding {
  enum class Outcome { pass, fail, not_applicable };
  std::string check;     // "names.symbols", "decode.recorded kline.jsonl:3", ...
  Outcome outcome = Outcome::pass;
  std::string expected;  // what the host needs
  std::string got;       // what the adapter did
  std::string guide;     // the section of docs/adapter-guide.md that explains it
};

struct Options {
  // Recorded frames: <kind>.jsonl, one frame per line (binary as "b64:<base64>"); files whose
  // name contains "malformed" must decode to errors with no event; <kind>.expected.jsonl, when
  // present, holds the events as `tradehost decode` prints them. Empty: decode checks that need
  // frames are reported as not applicable.
  std::filesystem::path frames_dir;
  // Symbols to map, bind and stream (default BTC, ETH, SOL against USDT).
  std::vector<sdk::UnifiedSymbol> symbols;
  // The plugin's exported ABI version (a plugin loaded from a file); kAbiVersion when the
  // adapter was built into the test.
  std::uint32_t abi_version = sdk::kAbiVersion;
  // Another adapter from the plugin's factory, as the host makes one per market-data connection
  // (ABI 5). Empty: the check that instances decode independently is not applicable.
  std::function<sdk::Result<std::shared_ptr<sdk::Adapter>>()> new_instance;
};

struct Report {
  std::vector<Finding> findings;
  bool passed() const;
  std::size_t failures() const;
};

Report check_adapter(sdk::Adapter& adapter, const Options& options = {});

// One line: "PASS check", "FAIL check: expected ...; got .... See docs/adapter-guide.md#...",
// or "N/A check: why".
std::string format(const Finding& finding);

}  // namespace tradehost::conformance
