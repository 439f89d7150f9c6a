#include "net/http_response.hpp"

#include "net/http_response_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

namespace tradehost::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// A SyncReadStream over bytes in memory: at most `chunk` bytes per read, then end of file, as a
// server that sent them and closed.
class BytesStream {
 public:
  BytesStream(std::string_view bytes, std::size_t chunk) : rest_(bytes), chunk_(std::max<std::size_t>(chunk, 1)) {}

  template <typename MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, boost::system::error_code& ec) {
    if (rest_.empty()) {
      ec = asio::error::eof;
      return 0;
    }
    ec = {};
    const std::size_t n = asio::buffer_copy(buffers, asio::buffer(rest_.data(), std::min(chunk_, rest_.size())));
    rest_.remove_prefix(n);
    return n;
  }

  template <typename MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    boost::system::error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw boost::system::system_error(ec);
    return n;
  }

 private:
  std::string_view rest_;
  std::size_t chunk_;
};

}  // namespace

std::optional<std::chrono::seconds> HttpResponse::retry_after() const {
  for (const auto& [name, value] : headers) {
    if (!beast::iequals(name, "Retry-After")) continue;
    long seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (end != value.data() + value.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range && value.front() != '-') {
      return std::chrono::seconds(std::numeric_limits<long>::max());  // digits beyond long: "very long"
    }
    if (ec == std::errc{} && seconds >= 0) return std::chrono::seconds(seconds);
    return std::nullopt;
  }
  return std::nullopt;
}

void limit_response(ResponseParser& parser) { parser.body_limit(kMaxResponseBodyBytes); }

HttpResponse take_response(ResponseParser& parser) {
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) out.headers.emplace_back(field.name_string(), field.value());
  out.body = std::move(res.body());
  return out;
}

sdk::Result<HttpResponse> parse_http_response(std::string_view bytes, std::size_t chunk_bytes) {
  BytesStream stream(bytes, chunk_bytes);
  beast::flat_buffer buffer;
  ResponseParser parser;
  limit_response(parser);
  boost::system::error_code ec;
  http::read(stream, buffer, parser, ec);
  if (ec) return sdk::fail(sdk::ErrorCode::protocol, "unreadable HTTP answer: " + ec.message());
  return take_response(parser);
}

}  // namespace tradehost::net
