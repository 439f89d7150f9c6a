#include "config/config_document.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion, not in yaml.h
#include <yaml-cpp/yaml.h>

#include "config/limits.hpp"

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

// ---- limits (config/limits.hpp) ----

// A refusal by a limit: `rejected`, so that the caller refuses in every mode instead of falling
// back as it does for a typo.
sdk::Failure over_limit(const std::string& path, int line, const std::string& what) {
  return sdk::fail(sdk::ErrorCode::rejected, fmt::format("{}:{}: {}", path, line, what));
}

// A key or value as far as a message should quote it.
std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown) return std::string(text);
  return fmt::format("{}... ({} bytes)", text.substr(0, kShown), text.size());
}

constexpr std::string_view kCompare = "compare with config/config.example.yaml";

sdk::Failure too_deep(const std::string& path, int line) {
  return over_limit(path, line,
                    fmt::format("nested deeper than {0} levels (limit {0}); tradehost's keys are at most 3 levels "
                                "deep (websocket.max_streams_per_exchange.bingx): flatten the file, {1}",
                                kMaxConfigDepth, kCompare));
}

// Counts every node the walk visits, so an alias that stands for a large subtree counts as all
// of it, and checks each key and value against the limits as it goes.
class Budget {
 public:
  explicit Budget(const std::string& path) : path_(path) {}

  // A key (at `depth` levels) or a list item about to be stored.
  sdk::Status visit(const std::string& key, int depth, int line) {
    if (++nodes_ > kMaxConfigNodes) {
      return over_limit(path_, line,
                        fmt::format("more than {0} keys, values and list items (limit {0}, a YAML alias counting as "
                                    "everything it stands for); a tradehost config has a few dozen: remove the "
                                    "repeats and nested aliases",
                                    kMaxConfigNodes));
    }
    if (depth > kMaxConfigDepth) return too_deep(path_, line);
    if (key.size() > kMaxConfigKeyBytes) {
      return over_limit(path_, line,
                        fmt::format("key '{}' is longer than {} bytes (limit {}); tradehost's keys are under 64: "
                                    "shorten it, {}",
                                    shown(key), kMaxConfigKeyBytes, kMaxConfigKeyBytes, kCompare));
    }
    return sdk::ok();
  }

  sdk::Status value(const std::string& key, std::string_view text, int line) {
    if (text.size() <= kMaxConfigValueBytes) return sdk::ok();
    return over_limit(path_, line,
                      fmt::format("the value of '{}' is longer than {} bytes (limit {}); tradehost's longest values "
                                  "are URLs: shorten it",
                                  shown(key), kMaxConfigValueBytes, kMaxConfigValueBytes));
  }

 private:
  const std::string& path_;
  std::size_t nodes_ = 0;
};

// The whole file, or a refusal when it is larger than kMaxConfigFileBytes: never more than that
// is read, so a huge file or a device that never ends costs 1 MiB, not memory without bound.
sdk::Result<std::string> read_bounded(const std::filesystem::path& file, const std::string& path) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return sdk::fail(sdk::ErrorCode::io, path + ": cannot open for reading (check permissions)");
  std::string text(kMaxConfigFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return sdk::fail(sdk::ErrorCode::io, path + ": cannot read");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() <= kMaxConfigFileBytes) return text;
  const auto lines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(kMaxConfigFileBytes), '\n');
  std::error_code ec;
  const auto size = std::filesystem::is_regular_file(file, ec) ? std::filesystem::file_size(file, ec) : 0;
  return over_limit(path, static_cast<int>(lines) + 1,
                    fmt::format("the file is {}over the limit of {} bytes (1 MiB), reached on this line; a "
                                "tradehost config is a few KiB: check that this is the config file",
                                ec || size == 0 ? std::string() : fmt::format("{} bytes, ", size),
                                kMaxConfigFileBytes));
}

// ---- YAML ----

int yaml_line(const YAML::Node& node) { return node.Mark().line + 1; }

// `depth` is the number of levels of `prefix`. Recursion is bounded by kMaxConfigDepth.
sdk::Status flatten_yaml(const YAML::Node& node, const std::string& prefix, int depth, int key_line,
                         const std::string& path, Budget& budget, Flat& out) {
  if (!prefix.empty()) {
    auto status = budget.visit(prefix, depth, key_line);
    if (!status) return status;
    out.key_lines.emplace(prefix, key_line);
  }
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
        auto status = flatten_yaml(kv.second, join_key(prefix, key), depth + 1, yaml_line(kv.first), path, budget, out);
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
        auto status = budget.visit(prefix, depth, key_line);
        if (status) status = budget.value(prefix, item.Scalar(), yaml_line(item));
        if (!status) return status;
        e.items.push_back(item.Scalar());
      }
      out.entries.push_back(std::move(e));
      return sdk::ok();
    }
    case YAML::NodeType::Scalar: {
      auto status = budget.value(prefix, node.Scalar(), key_line);
      if (!status) return status;
      out.entries.push_back({prefix, Kind::scalar, node.Scalar(), {}, key_line});
      return sdk::ok();
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      // `key:` with no value; the mark of a null node is where its key ended.
      if (!prefix.empty()) out.entries.push_back({prefix, Kind::null, "", {}, key_line});
      return sdk::ok();
  }
  return sdk::ok();
}

sdk::Result<Flat> parse_yaml(const std::string& text, const std::string& path) {
  try {
    YAML::Node root = YAML::Load(text);
    Flat out;
    if (root.IsNull()) return out;  // an empty file is a valid, empty config
    if (!root.IsMap()) {
      return sdk::fail(sdk::ErrorCode::invalid_config,
                       path + ":" + std::to_string(yaml_line(root)) + ": the top level must be a mapping of keys");
    }
    Budget budget(path);
    auto status = flatten_yaml(root, "", 0, 1, path, budget, out);
    if (!status) return std::move(status).error();
    return out;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (500 levels in Debian's build) fired while parsing, before our walk.
    return too_deep(path, e.mark.line + 1);
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

// toml++ recurses once per level while it parses and again while it destroys the tree, and a
// table header or a dotted key makes one level per part, so a header of 20,000 parts overflowed
// the stack before our walk began. This reads the text as TOML's lexer does (comments, the four
// kinds of string, `[` `{` `,` `=` `.`) and refuses a key, header or value that would be more
// than kMaxConfigDepth levels deep, with its line, before toml++ sees it. The count is the depth
// of the key or value in the whole document: the table header's parts (one more for `[[...]]`),
// then the parts of the dotted key, then one level per enclosing `{` key and `[`.
class TomlDepthScan {
 public:
  TomlDepthScan(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  sdk::Status run() {
    start_line();
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
        if (open_.empty()) start_line();
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
        continue;
      }
      if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') ++i_;
        continue;
      }
      const bool first_on_line = !line_has_content_;
      line_has_content_ = true;
      if (c == '"' || c == '\'') {
        skip_string(c);
        continue;
      }
      ++i_;
      sdk::Status status = sdk::ok();
      switch (c) {
        case '[':
          if (open_.empty() && first_on_line) {
            status = open_header();
          } else {
            open_.push_back({'[', value_depth_});
            status = deeper(++value_depth_);
          }
          break;
        case '{':
          open_.push_back({'{', value_depth_});
          begin_key(value_depth_);
          status = deeper(base_ + segments_);
          break;
        case ']':
        case '}':
          if (open_.empty()) break;
          value_depth_ = open_.back().depth;
          open_.pop_back();
          if (header_ && open_.empty()) {
            header_ = false;
            header_depth_ = base_ + segments_ + (array_of_tables_ ? 1 : 0);
            in_key_ = false;
          }
          break;
        case ',':
          if (!open_.empty() && open_.back().bracket == '{') begin_key(open_.back().depth);
          if (!open_.empty() && open_.back().bracket == '[') value_depth_ = open_.back().depth + 1;
          break;
        case '=':
          if (in_key_) value_depth_ = base_ + segments_;
          in_key_ = false;
          break;
        case '.':
          if (in_key_) status = deeper(base_ + ++segments_);
          break;
        default: break;
      }
      if (!status) return status;
    }
    return sdk::ok();
  }

 private:
  struct Open {
    char bracket;
    int depth;  // the value depth outside it, restored when it closes
  };

  void start_line() {
    line_has_content_ = false;
    begin_key(header_depth_);
  }

  void begin_key(int base) {
    in_key_ = true;
    base_ = base;
    segments_ = 1;
  }

  sdk::Status open_header() {
    header_ = true;
    array_of_tables_ = i_ < text_.size() && text_[i_] == '[';
    open_.push_back({'[', 0});
    if (array_of_tables_) {
      open_.push_back({'[', 0});
      ++i_;
    }
    begin_key(0);
    return deeper(segments_ + (array_of_tables_ ? 1 : 0));
  }

  sdk::Status deeper(int depth) const { return depth > kMaxConfigDepth ? too_deep(path_, line_) : sdk::ok(); }

  // From an opening quote past the closing one. TOML has "basic" strings (backslash escapes),
  // 'literal' ones, and multi-line forms of both with three quotes, which may end with up to
  // two extra quotes.
  void skip_string(char quote) {
    const std::string_view triple = quote == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
    const bool multi = text_.substr(i_, 3) == triple;
    i_ += multi ? 3 : 1;
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (c == '\n') {
        if (!multi) return;  // unterminated: toml++ refuses the line
        ++line_;
      }
      if (c == '\\' && quote == '"') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == quote && (!multi || text_.substr(i_, 3) == triple)) {
        i_ += multi ? 3 : 1;
        for (int extra = 0; multi && extra < 2 && i_ < text_.size() && text_[i_] == quote; ++extra) ++i_;
        return;
      }
      ++i_;
    }
  }

  std::string_view text_;
  const std::string& path_;
  std::size_t i_ = 0;
  int line_ = 1;
  bool line_has_content_ = false;
  std::vector<Open> open_;
  bool header_ = false;
  bool array_of_tables_ = false;
  int header_depth_ = 0;  // levels of the current table
  bool in_key_ = true;
  int base_ = 0;         // levels above the key being read
  int segments_ = 1;     // its parts so far
  int value_depth_ = 0;  // levels of the value being read
};

sdk::Status flatten_toml(const toml::node& node, const std::string& prefix, int depth, int key_line, Budget& budget,
                         Flat& out) {
  if (!prefix.empty()) {
    auto status = budget.visit(prefix, depth, key_line);
    if (!status) return status;
    out.key_lines.emplace(prefix, key_line);
  }
  if (auto table = node.as_table()) {
    if (table->empty() && !prefix.empty()) out.entries.push_back({prefix, Kind::null, "", {}, key_line});
    for (const auto& [key, value] : *table) {
      const int line = key.source().begin.line > 0 ? static_cast<int>(key.source().begin.line) : toml_line(value);
      auto status = flatten_toml(value, join_key(prefix, std::string(key.str())), depth + 1, line, budget, out);
      if (!status) return status;
    }
    return sdk::ok();
  }
  if (auto array = node.as_array()) {
    ConfigEntry e{prefix, Kind::list, "", {}, key_line};
    for (const auto& item : *array) {
      if (item.is_table() || item.is_array()) {
        e.kind = Kind::other;
        e.items.clear();
        break;
      }
      std::string text = toml_scalar_text(item);
      auto status = budget.visit(prefix, depth, key_line);
      if (status) status = budget.value(prefix, text, toml_line(item));
      if (!status) return status;
      e.items.push_back(std::move(text));
    }
    out.entries.push_back(std::move(e));
    return sdk::ok();
  }
  std::string text = toml_scalar_text(node);
  auto status = budget.value(prefix, text, key_line);
  if (!status) return status;
  out.entries.push_back({prefix, Kind::scalar, std::move(text), {}, key_line});
  return sdk::ok();
}

sdk::Result<Flat> parse_toml(const std::string& text, const std::string& path) {
  if (auto status = TomlDepthScan(text, path).run(); !status) return std::move(status).error();
  try {
    toml::table root = toml::parse(text, path);
    Flat out;
    Budget budget(path);
    auto status = flatten_toml(root, "", 0, 1, budget, out);
    if (!status) return std::move(status).error();
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
  const std::string ext = file.extension().string();
  const bool yaml = ext == ".yaml" || ext == ".yml";
  if (!yaml && ext != ".toml") {
    return sdk::fail(sdk::ErrorCode::invalid_config,
                     path + ": unsupported extension '" + ext + "' (use .yaml, .yml or .toml)");
  }
  auto text = read_bounded(file, path);
  if (!text) return std::move(text).error();
  auto entries = yaml ? parse_yaml(*text, path) : parse_toml(*text, path);
  if (!entries) return std::move(entries).error();
  return ConfigDocument{path, std::move(entries->entries), std::move(entries->key_lines)};
}

}  // namespace tradehost::config
