// raw_json_text: a JSON string read in place from a simdjson On-Demand raw_json_string, without
// the copy (and unescaping) that unescaped_key() and get_string() make into the parser's buffer.
// Keys and values of market-data frames (symbols, decimals, intervals) hold no escapes; a string
// that does gives false, and the caller treats it as text that matches nothing.
//
// Header-only and free of simdjson itself: `Raw` is anything with raw() returning a pointer just
// past the opening quote (simdjson::ondemand::raw_json_string). Safe on a frame simdjson's stage 1
// accepted: every string there is closed by an unescaped quote within the frame.
#pragma once

#include <cstddef>
#include <string_view>

namespace tradehost::sdk {

template <typename Raw>
bool raw_json_text(const Raw& raw, std::string_view& out) noexcept {
  const char* begin = raw.raw();
  const char* p = begin;
  while (*p != '"') {
    if (*p == '\\') return false;
    ++p;
  }
  out = std::string_view(begin, static_cast<std::size_t>(p - begin));
  return true;
}

}  // namespace tradehost::sdk
