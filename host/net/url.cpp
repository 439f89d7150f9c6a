#include "net/url.hpp"

#include <charconv>

namespace tradehost::net {
namespace {

sdk::Failure bad_url(std::string_view text, std::string_view why) {
  return sdk::fail(sdk::ErrorCode::invalid_config, "invalid URL '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

std::string Url::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  const bool default_port = (port == "443" && tls()) || (port == "80" && !tls());
  if (!default_port) out += ":" + port;
  return out;
}

sdk::Result<Url> parse_url(std::string_view text) {
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) return bad_url(text, "expected scheme://host, e.g. wss://fstream.binance.com");
  Url url;
  url.scheme = std::string(text.substr(0, sep));
  if (url.scheme != "ws" && url.scheme != "wss" && url.scheme != "http" && url.scheme != "https") {
    return bad_url(text, "the scheme must be ws, wss, http or https");
  }
  std::string_view rest = text.substr(sep + 3);
  const auto path_at = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_at);
  url.target = path_at == std::string_view::npos ? "/" : std::string(rest.substr(path_at));
  if (url.target.front() == '?') url.target.insert(0, "/");
  if (authority.find('@') != std::string_view::npos) return bad_url(text, "user info (user@host) is not supported");

  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(text, "unclosed '[' in an IPv6 address");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(text, "expected ':port' after the IPv6 address");
      port = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return bad_url(text, "no host");
  if (port.empty()) {
    url.port = url.tls() ? "443" : "80";
  } else {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return bad_url(text, "the port must be a number from 1 to 65535");
    }
    url.port = std::string(port);
  }
  return url;
}

Url with_target(const Url& base, std::string_view target) {
  Url out = base;
  std::string prefix = base.target == "/" ? std::string() : base.target;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  out.target = prefix + (target.starts_with('/') ? std::string(target) : "/" + std::string(target));
  return out;
}

}  // namespace tradehost::net
