// The limits a config file and the values from the command line and the environment must stay
// within (issue 13, findings 3 and 4). A config is operator input, but it may come from a
// template, a generator or someone else's repository: without these a 712-byte YAML file of
// nested aliases took 4.4 GB and a TOML header of 20,000 dotted segments overflowed the stack.
//
// Each limit is far above what a tradehost config needs (its keys are at most three levels deep
// and a full file is a few dozen lines), so an operator never meets one by accident. Crossing one
// is refused in every mode and every command (exit 2), with file:line, the limit and the fix;
// paper mode does not fall back to the environment, since such a file is not a typo.
// docs/security.md "Config limits" lists them for operators.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tradehost::config {

// Read at most this many bytes of a config file, checked before parsing; the shipped example is
// under 4 KiB.
inline constexpr std::size_t kMaxConfigFileBytes = std::size_t{1} << 20;  // 1 MiB

// Levels of tables or mappings in a key (`websocket.max_streams_per_exchange.bingx` is 3). TOML
// headers, dotted keys and `[`/`{` nesting are counted before toml++ sees the text, since its
// parser and destructor recurse once per level; YAML's after yaml-cpp's own
// guard (500 levels, refused with the same message).
inline constexpr int kMaxConfigDepth = 32;

// Keys, values and list items after YAML aliases are expanded: yaml-cpp shares an aliased node,
// so the blow-up of nested aliases happens in our walk, which stops here.
inline constexpr std::size_t kMaxConfigNodes = 10'000;

// A whole dotted key, and one scalar value (the longest real values are URLs).
inline constexpr std::size_t kMaxConfigKeyBytes = 256;
inline constexpr std::size_t kMaxConfigValueBytes = 4096;

// --duration and TRADING_DURATION: 366 days. A run meant to last longer uses 0 (until stopped).
// Beyond about 292 years the timer's nanoseconds overflow and the run ends at once.
inline constexpr std::int64_t kMaxDurationS = 366LL * 24 * 3600;  // 31,622,400 s

// portfolio.equity_usd and EQUITY_USD: the risk layer multiplies it by prices and leverage.
inline constexpr double kMaxEquityUsd = 1e12;

}  // namespace tradehost::config
