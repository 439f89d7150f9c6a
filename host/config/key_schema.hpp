// The keys a config file may hold, and what to say about the ones it should not.
//
// Patterns use `*` for a segment the operator names (an exchange). A key outside the schema is
// reported once, at its shortest unknown prefix, with the closest known key when one is near
// (a WARNING in paper mode, an error in live mode and in `validate`). Credentials written into
// the file are refused outright: they belong in the environment.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_document.hpp"

namespace tradehost::config {

struct KeySpec {
  std::string_view pattern;      // websocket.max_streams_per_exchange.*
  std::string_view expected;     // "a positive integer"
  std::string_view description;  // one line for docs and `config --json`
};

std::span<const KeySpec> known_keys();

struct KeyProblem {
  enum class Kind { unknown, secret_in_file };
  Kind kind;
  std::string key;
  int line = 0;
  std::optional<std::string> suggestion;  // for unknown keys
};

// Every key of `doc` that the schema does not know, in file order, one per unknown prefix.
std::vector<KeyProblem> check_keys(const ConfigDocument& doc);

// Whether `key` is a whole key of the schema (not just a table on the way to one).
bool is_schema_leaf(std::string_view key);

// Edit distance, exposed for tests.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tradehost::config
