// Url: an endpoint the host dials (ws://, wss://, http://, https://), split for the resolver,
// the TLS handshake (SNI) and the request line. Parsing only; nothing here touches the network.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>

namespace tradehost::net {

struct Url {
  std::string scheme;  // ws, wss, http, https
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // always set: the scheme's default when the URL names none
  std::string target;  // path and query, at least "/"
  bool tls() const { return scheme == "wss" || scheme == "https"; }
  // host:port as the Host header wants it (IPv6 literals in brackets).
  std::string host_header() const;
  std::string to_string() const { return scheme + "://" + host_header() + target; }
};

// Refuses anything but the four schemes, an empty host, a bad port or user info, naming the
// URL and what is wrong.
sdk::Result<Url> parse_url(std::string_view text);

// `base` with `target` (a path and query from an adapter) in place of its path: the REST base
// https://fapi.binance.com plus /fapi/v1/klines?... A base path prefix is kept.
Url with_target(const Url& base, std::string_view target);

}  // namespace tradehost::net
