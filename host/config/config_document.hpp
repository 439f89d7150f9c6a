// ConfigDocument: a YAML or TOML config file flattened to dotted keys with their line numbers.
//
// Both formats become the same list of leaves (`websocket.max_streams_per_exchange.bingx` = "5"
// at line 12), so every later check, message and `config` listing is identical for YAML and
// TOML, and every value can be traced to `file:line`.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::config {

struct ConfigEntry {
  enum class Kind { scalar, list, null, other };
  std::string key;                 // dotted path: universe.fixed_symbols
  Kind kind = Kind::scalar;
  std::string text;                // scalar value as written (TOML values as their TOML text)
  std::vector<std::string> items;  // list of scalars
  int line = 0;                    // 1-based
};

struct ConfigDocument {
  std::string path;  // as the operator gave it, for messages
  std::vector<ConfigEntry> entries;
  std::map<std::string, int, std::less<>> key_lines;  // every key, maps included -> its line

  int line_of(std::string_view key) const {
    auto it = key_lines.find(key);
    return it == key_lines.end() ? 0 : it->second;
  }

  const ConfigEntry* find(std::string_view key) const;
  std::string where(const ConfigEntry& entry) const { return path + ":" + std::to_string(entry.line); }
};

// Chooses the parser by extension: .yaml/.yml or .toml; anything else is refused. Reads at most
// kMaxConfigFileBytes and keeps within the other limits of config/limits.hpp while parsing.
// Errors: not_found (no such file; the message is the path), invalid_config (parse error with
// file:line:column, duplicate key, unsupported extension), io (unreadable), rejected (over a
// limit: file:line, the limit and the fix).
sdk::Result<ConfigDocument> load_config_document(const std::filesystem::path& path);

}  // namespace tradehost::config
