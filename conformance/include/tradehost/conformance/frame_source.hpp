// Recorded frames, one per line: text as received, binary as "b64:<base64>" (DESIGN.md,
// `tradehost decode`). Each frame is copied into a buffer with sdk::kFramePadding spare bytes, as
// the host's network path provides, so decoders see exactly what they see live.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include <tradehost/sdk/decode.hpp>
#include <tradehost/sdk/result.hpp>

namespace tradehost::conformance {

class FrameSource {
 public:
  explicit FrameSource(std::istream& in) : in_(in) {}
  // The next frame, nullopt at the end; an error for a bad b64: line (the line is skipped).
  std::optional<sdk::Result<sdk::FrameView>> next();
  std::size_t line() const { return line_; }

 private:
  std::istream& in_;
  std::string text_;
  std::vector<char> frame_;
  std::size_t line_ = 0;
};

// Standard base64 (RFC 4648), refusing anything else.
sdk::Result<std::string> base64_decode(std::string_view text);

}  // namespace tradehost::conformance
