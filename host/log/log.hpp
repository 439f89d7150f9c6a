// The operator's log: one line per event, as text or JSON, on stderr.
//
// Every line carries a level, a snake_case event name, a sentence for the operator and key=value
// fields (keys carry units). Levels: ERROR a step failed and the operator must act; WARNING
// running on a fallback or degraded; INFO lifecycle and choices; DEBUG per message.
// Thread-safe (spdlog's mutex sink); the level is checked before anything is formatted; a write
// never throws. Values registered with register_secret() are replaced by *** in the message and
// every value before the line is escaped, a second line of defence behind Secret's own formatting.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tradehost/sdk/result.hpp>

namespace tradehost::log {

enum class Level { debug, info, warning, error };
enum class Format { text, json };

struct Field {
  std::string key;
  std::string value;
};
using Fields = std::vector<Field>;

sdk::Result<Level> parse_level(std::string_view text);
sdk::Result<Format> parse_format(std::string_view text);
std::string_view to_string(Level level) noexcept;

// Configures the process-wide logger; safe to call again (the last call wins).
void init(Level level, Format format);
bool enabled(Level level) noexcept;

// Text in `secret` never appears in a log line from now on (values shorter than 4 characters
// are ignored: masking them would mangle ordinary text).
void register_secret(std::string_view secret);

void write(Level level, std::string_view event, std::string_view message, const Fields& fields = {}) noexcept;

inline void debug(std::string_view event, std::string_view message, const Fields& fields = {}) noexcept {
  if (enabled(Level::debug)) write(Level::debug, event, message, fields);
}
inline void info(std::string_view event, std::string_view message, const Fields& fields = {}) noexcept {
  write(Level::info, event, message, fields);
}
inline void warn(std::string_view event, std::string_view message, const Fields& fields = {}) noexcept {
  write(Level::warning, event, message, fields);
}
inline void error(std::string_view event, std::string_view message, const Fields& fields = {}) noexcept {
  write(Level::error, event, message, fields);
}

// Masks registered secrets in any text bound for the operator (stdout reports too).
std::string scrub(std::string text);

// The line write() prints, without its newline: secrets masked in the message and in every value
// first, then rendered. Text escapes backslashes, quotes, newlines, carriage returns and other
// control characters in the message and the values (one event is always one line); JSON escapes
// as JSON does.
std::string render(Level level, std::string_view event, std::string_view message, const Fields& fields,
                   Format format);

}  // namespace tradehost::log
