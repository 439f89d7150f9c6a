// The limits a config file must stay within (issue 13, finding 3). A config is operator input,
// but it may come from a template, a generator or someone else's repository: without these a
// 712-byte YAML file of nested aliases took 4.4 GB and a TOML header of 20,000 dotted segments
// overflowed the stack.
//
// Each limit is far above what a tradehost config needs (its keys are at most three levels deep
// and a full file is a few dozen lines), so an operator never meets one by accident. Crossing one
// is refused in every mode and every command (exit 2), with file:line, the limit and the fix;
// paper mode does not fall back to the environment, since such a file is not a typo.
// docs/security.md "Config limits" lists them for operators.
#pragma once

#include <cstddef>

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

}  // namespace tradehost::config
