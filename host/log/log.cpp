#include "log/log.hpp"

#include "log/secret.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace tradehost::log {
namespace {

struct State {
  ~State() {
    for (auto& secret : secrets) wipe(secret);
  }
  std::mutex mutex;  // guards secrets; spdlog's sink has its own
  std::vector<std::string> secrets;
  std::shared_ptr<spdlog::logger> logger;
  std::atomic<Level> level{Level::info};
  std::atomic<Format> format{Format::text};
};

State& state() {
  static State s;
  return s;
}

std::shared_ptr<spdlog::logger> make_logger() {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("tradehost", std::move(sink));
  logger->set_pattern("%v");  // we format the whole line: text or JSON
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::trace);  // an operator tailing the log sees each line at once
  // A failing sink must never take the process down; count nothing, print once to stderr.
  logger->set_error_handler([](const std::string&) {});
  return logger;
}

std::string timestamp_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)), ms);
}

// Text lines stay one line per event whatever a value holds (a venue's error text can carry
// quotes and newlines): backslash, quote and every control character are escaped, in the message
// as in the values, so no value can end the line or forge a key=value pair.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
}

bool needs_quotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || c == ']' || static_cast<unsigned char>(c) < 0x20 ||
        c == 0x7f) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string render(Level level, std::string_view event, std::string_view message, const Fields& fields,
                   Format format) {
  // Secrets are masked in each value before it is escaped: once escaped, a secret holding a quote
  // or a backslash no longer matches its registered text.
  const std::string clean_message = scrub(std::string(message));
  if (format == Format::json) {
    nlohmann::json j;
    j["ts"] = timestamp_utc();
    j["level"] = to_string(level);
    j["event"] = event;
    j["msg"] = clean_message;
    for (const auto& f : fields) j[f.key] = scrub(f.value);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string line = fmt::format("{} {:<7} ", timestamp_utc(), to_string(level));
  append_escaped(line, clean_message);
  line += fmt::format(" [{}", event);
  for (const auto& f : fields) {
    const std::string value = scrub(f.value);
    line += fmt::format(" {}=", f.key);
    const bool quoted = needs_quotes(value);
    if (quoted) line += '"';
    append_escaped(line, value);
    if (quoted) line += '"';
  }
  line += "]";
  return line;
}

sdk::Result<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warning" || text == "warn") return Level::warning;
  if (text == "error") return Level::error;
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "invalid log level '" + std::string(text) + "' (use debug, info, warning or error)");
}

sdk::Result<Format> parse_format(std::string_view text) {
  if (text == "text") return Format::text;
  if (text == "json") return Format::json;
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "invalid log format '" + std::string(text) + "' (use text or json)");
}

std::string_view to_string(Level level) noexcept {
  switch (level) {
    case Level::debug: return "DEBUG";
    case Level::info: return "INFO";
    case Level::warning: return "WARNING";
    case Level::error: return "ERROR";
  }
  return "INFO";
}

void init(Level level, Format format) {
  State& s = state();
  s.level = level;
  s.format = format;
  std::lock_guard lock(s.mutex);
  if (!s.logger) s.logger = make_logger();
}

bool enabled(Level level) noexcept { return level >= state().level.load(std::memory_order_relaxed); }

void register_secret(std::string_view secret) {
  if (secret.size() < 4) return;
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.secrets.emplace_back(secret);
}

std::string scrub(std::string text) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  for (const auto& secret : s.secrets) {
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 3)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

void write(Level level, std::string_view event, std::string_view message, const Fields& fields) noexcept {
  if (!enabled(level)) return;
  try {
    State& s = state();
    std::shared_ptr<spdlog::logger> logger;
    {
      std::lock_guard lock(s.mutex);
      if (!s.logger) s.logger = make_logger();
      logger = s.logger;
    }
    const std::string line = render(level, event, message, fields, s.format.load());
    logger->log(spdlog::level::info, "{}", line);
  } catch (...) {
    // Logging must not hurt the process: a line that cannot be written is dropped.
  }
}

}  // namespace tradehost::log
