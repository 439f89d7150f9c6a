#include "net/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace tradehost::net {
namespace {

namespace urls = boost::urls;

// What stands for a query (and for user info) in a printed URL: it is not shown at all.
constexpr std::string_view kRedacted = "...";

sdk::Failure bad_url(std::string_view text, std::string_view why) {
  return sdk::fail(sdk::ErrorCode::invalid_config, "invalid URL '" + redact_url(text) + "': " + std::string(why));
}

// A DNS name as a resolver and a Host header take it. RFC 3986 also allows percent-encoding and
// sub-delimiters in a reg-name; decoded, those could put any byte (CR, LF) into a header.
bool dns_name(std::string_view host) {
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool Url::loopback() const {
  if (lower(host) == "localhost") return true;
  if (auto v4 = urls::parse_ipv4_address(host)) return v4->is_loopback();
  if (auto v6 = urls::parse_ipv6_address(host)) return v6->is_loopback();
  return false;
}

std::string Url::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  const bool default_port = (port == "443" && tls()) || (port == "80" && !tls());
  if (!default_port) out += ":" + port;
  return out;
}

std::string Url::to_string() const {
  const auto query = target.find('?');
  std::string out = scheme + "://" + host_header();
  if (target == "/") return out;  // as an operator writes a base URL
  if (query == std::string::npos) return out + target;
  return out + target.substr(0, query + 1) + std::string(kRedacted);
}

std::string redact_url(std::string_view text) {
  std::string out;
  const auto cut = text.find_first_of("?#");
  std::string_view head = text.substr(0, cut);
  // The password of user:password@ in the authority (between "//" and the next '/').
  const auto authority = head.find("//");
  const auto from = authority == std::string_view::npos ? 0 : authority + 2;
  const auto at = head.find('@', from);
  const auto colon = head.find(':', from);
  if (at != std::string_view::npos && head.find('/', from) > at && colon < at) {
    out = std::string(head.substr(0, colon + 1)) + std::string(kRedacted) + std::string(head.substr(at));
  } else {
    out = std::string(head);
  }
  if (cut != std::string_view::npos) out += std::string(1, text[cut]) + std::string(kRedacted);
  return out;
}

sdk::Result<Url> parse_url(std::string_view text) {
  auto parsed = urls::parse_uri(text);
  if (!parsed) {
    if (text.find("://") == std::string_view::npos) {
      return bad_url(text, "expected scheme://host, e.g. wss://fstream.binance.com");
    }
    return bad_url(text, "not a URL (" + parsed.error().message() + ")");
  }
  const urls::url_view& u = *parsed;
  Url url;
  switch (u.scheme_id()) {
    case urls::scheme::ws: url.scheme = "ws"; break;
    case urls::scheme::wss: url.scheme = "wss"; break;
    case urls::scheme::http: url.scheme = "http"; break;
    case urls::scheme::https: url.scheme = "https"; break;
    default: return bad_url(text, "the scheme must be ws, wss, http or https");
  }
  if (!u.has_authority()) return bad_url(text, "expected scheme://host, e.g. wss://fstream.binance.com");
  if (u.has_userinfo()) return bad_url(text, "user info (user@host) is not supported");
  if (u.has_fragment()) return bad_url(text, "a fragment (#...) is never sent to a server");
  switch (u.host_type()) {
    case urls::host_type::ipv4:
    case urls::host_type::ipv6: url.host = u.host_address(); break;
    case urls::host_type::name:
      if (u.encoded_host().empty()) return bad_url(text, "no host");
      if (!dns_name(u.encoded_host())) return bad_url(text, "the host must be a DNS name or an IP address");
      url.host = u.encoded_host();
      break;
    default: return bad_url(text, "no host");
  }
  if (url.host.empty()) return bad_url(text, "no host");
  // After an authority the path is empty or starts with '/' (RFC 3986 path-abempty). Boost.URL
  // 1.81 takes the rest of a bad port as the path ("h:4x3" is port 4, path "x3"): refuse it.
  if (const std::string_view path = u.encoded_path(); !path.empty() && path.front() != '/') {
    return bad_url(text, u.has_port() ? "the port must be a number from 1 to 65535" : "expected '/' after the host");
  }
  const std::string_view port = u.port();
  if (port.empty()) {
    url.port = url.tls() ? "443" : "80";
  } else {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return bad_url(text, "the port must be a number from 1 to 65535");
    }
    url.port = std::to_string(value);
  }
  url.target = u.encoded_target();
  if (url.target.empty() || url.target.front() != '/') url.target.insert(0, "/");
  return url;
}

sdk::Result<Url> parse_endpoint(std::string_view text, Endpoint kind) {
  auto url = parse_url(text);
  if (!url) return url;
  if (kind == Endpoint::rest && url->scheme != "https" && url->scheme != "http") {
    return bad_url(text, "a REST endpoint starts with https:// (or http:// for the simulator)");
  }
  if (kind == Endpoint::websocket && url->scheme != "wss" && url->scheme != "ws") {
    return bad_url(text, "a WebSocket endpoint starts with wss:// (or ws:// for the simulator)");
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
