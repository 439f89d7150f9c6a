#include "config/config_document.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

namespace tradehost::config {
namespace {

using Kind = ConfigEntry::Kind;

struct Flat {
  std::vector<ConfigEntry> entries;
  std::map<std::string, int, std::less<>> key_lines;
};

std::string join_key(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

// ---- YAML ----

int yaml_line(const YAML::Node& node) { return node.Mark().line + 1; }

sdk::Status flatten_yaml(const YAML::Node& node, const std::string& prefix, int key_line,
                         const std::string& path, Flat& out) {
  if (!prefix.empty()) out.key_lines.emplace(prefix, key_line);
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      std::set<std::string> seen;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return sdk::fail(sdk::ErrorCode::invalid_config,
                           path + ":" + std::to_string(yaml_line(kv.first)) + ": keys must be plain names");
        }
        const std::string key = kv.first.Scalar();
        if (!seen.insert(key).second) {
          return sdk::fail(sdk::ErrorCode::invalid_config, path + ":" + std::to_string(yaml_line(kv.first)) +
                                                               ": duplicate key '" + join_key(prefix, key) +
                                                               "'; remove one of them");
        }
        auto status = flatten_yaml(kv.second, join_key(prefix, key), yaml_line(kv.first), path, out);
        if (!status) return status;
      }
      if (node.size() == 0 && !prefix.empty()) out.entries.push_back({prefix, Kind::null, "", {}, key_line});
      return sdk::ok();
    }
    case YAML::NodeType::Sequence: {
      ConfigEntry e{prefix, Kind::list, "", {}, key_line};
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          e.kind = Kind::other;
          e.items.clear();
          break;
        }
        e.items.push_back(item.Scalar());
      }
      out.entries.push_back(std::move(e));
      return sdk::ok();
    }
    case YAML::NodeType::Scalar:
      out.entries.push_back({prefix, Kind::scalar, node.Scalar(), {}, key_line});
      return sdk::ok();
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      // `key:` with no value; the mark of a null node is where its key ended.
      if (!prefix.empty()) out.entries.push_back({prefix, Kind::null, "", {}, key_line});
      return sdk::ok();
  }
  return sdk::ok();
}

sdk::Result<Flat> parse_yaml(const std::filesystem::path& file, const std::string& path) {
  try {
    YAML::Node root = YAML::LoadFile(file.string());
    Flat out;
    if (root.IsNull()) return out;  // an empty file is a valid, empty config
    if (!root.IsMap()) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       path + ":" + std::to_string(yaml_line(root)) + ": the top level must be a mapping of keys");
    }
    auto status = flatten_yaml(root, "", 1, path, out);
    if (!status) return std::move(status).error();
    return out;
  } catch (const YAML::Exception& e) {
    return sdk::fail(sdk::ErrorCode::invalid_config, path + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                         std::to_string(e.mark.column + 1) + ": invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return sdk::fail(sdk::ErrorCode::io, path + ": cannot read: " + e.what());
  }
}

// ---- TOML ----

int toml_line(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string toml_scalar_text(const toml::node& node) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto f = node.as_floating_point()) {
    std::ostringstream os;
    os << *f;
    return os.str();
  }
  if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
  return "(a TOML date or time)";  // no key of ours takes one; the value check names the key
}

void flatten_toml(const toml::node& node, const std::string& prefix, int key_line, Flat& out) {
  if (!prefix.empty()) out.key_lines.emplace(prefix, key_line);
  if (auto table = node.as_table()) {
    if (table->empty() && !prefix.empty()) out.entries.push_back({prefix, Kind::null, "", {}, key_line});
    for (const auto& [key, value] : *table) {
      const int line = key.source().begin.line > 0 ? static_cast<int>(key.source().begin.line) : toml_line(value);
      flatten_toml(value, join_key(prefix, std::string(key.str())), line, out);
    }
    return;
  }
  if (auto array = node.as_array()) {
    ConfigEntry e{prefix, Kind::list, "", {}, key_line};
    for (const auto& item : *array) {
      if (item.is_table() || item.is_array()) {
        e.kind = Kind::other;
        e.items.clear();
        break;
      }
      e.items.push_back(toml_scalar_text(item));
    }
    out.entries.push_back(std::move(e));
    return;
  }
  out.entries.push_back({prefix, Kind::scalar, toml_scalar_text(node), {}, key_line});
}

sdk::Result<Flat> parse_toml(const std::filesystem::path& file, const std::string& path) {
  try {
    toml::table root = toml::parse_file(file.string());
    Flat out;
    flatten_toml(root, "", 1, out);
    return out;
  } catch (const toml::parse_error& e) {
    // toml++ reports duplicate keys as parse errors, with the line of the second one.
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     path + ":" + std::to_string(e.source().begin.line) + ":" +
                         std::to_string(e.source().begin.column) + ": invalid TOML: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return sdk::fail(sdk::ErrorCode::io, path + ": cannot read: " + e.what());
  }
}

}  // namespace

const ConfigEntry* ConfigDocument::find(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

sdk::Result<ConfigDocument> load_config_document(const std::filesystem::path& file) {
  const std::string path = file.string();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return sdk::fail(sdk::ErrorCode::not_found, path);
  if (std::filesystem::is_directory(file, ec)) {
    return sdk::fail(sdk::ErrorCode::invalid_config, path + " is a directory, not a config file");
  }
  {
    std::ifstream probe(file);
    if (!probe) return sdk::fail(sdk::ErrorCode::io, path + ": cannot open for reading (check permissions)");
  }
  const std::string ext = file.extension().string();
  sdk::Result<Flat> entries =
      sdk::fail(sdk::ErrorCode::invalid_config,
                path + ": unsupported extension '" + ext + "' (use .yaml, .yml or .toml)");
  if (ext == ".yaml" || ext == ".yml") entries = parse_yaml(file, path);
  if (ext == ".toml") entries = parse_toml(file, path);
  if (!entries) return std::move(entries).error();
  return ConfigDocument{path, std::move(entries->entries), std::move(entries->key_lines)};
}

}  // namespace tradehost::config
