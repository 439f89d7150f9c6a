#include <tradehost/conformance/frame_source.hpp>

#include <cstring>

namespace tradehost::conformance {

sdk::Result<std::string> base64_decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!text.empty() && (text.back() == '=' || text.back() == '\r')) text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = value(c);
    if (v < 0) return sdk::fail(sdk::ErrorCode::protocol, "not base64");
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::optional<sdk::Result<sdk::FrameView>> FrameSource::next() {
  for (;;) {
    if (!std::getline(in_, text_)) return std::nullopt;
    ++line_;
    if (!text_.empty() && text_.back() == '\r') text_.pop_back();
    if (text_.empty()) continue;  // blank lines separate nothing
    bool binary = false;
    std::string_view payload = text_;
    std::string decoded;
    if (payload.rfind("b64:", 0) == 0) {
      auto bytes = base64_decode(payload.substr(4));
      if (!bytes) return sdk::Result<sdk::FrameView>(sdk::fail(sdk::ErrorCode::protocol, "bad b64: line"));
      decoded = std::move(*bytes);
      payload = decoded;
      binary = true;
    }
    frame_.assign(payload.size() + sdk::kFramePadding, '\0');
    std::memcpy(frame_.data(), payload.data(), payload.size());
    return sdk::Result<sdk::FrameView>(sdk::FrameView{frame_.data(), payload.size(), binary});
  }
}

}  // namespace tradehost::conformance
