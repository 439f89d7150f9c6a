// Url: an endpoint the host dials (ws://, wss://, http://, https://), split for the resolver,
// the TLS handshake (SNI) and the request line. Parsing only; nothing here touches the network.
//
// One parser (Boost.URL, RFC 3986) for every URL the host reads: configured ones, checked by
// `validate` and by a run alike, and the ones a venue hands out (KuCoin's bullet endpoint), so
// that what passes the check is what gets dialled.
//
// A URL printed for the operator (a log line, an error message) goes through to_string() or
// redact_url(): a query string is where tokens and signatures sit (KuCoin's ?token=), so it is
// shown as ?... (and a password in user info as ...). full() is for dialling only.
#pragma once

#include <string>
#include <string_view>

#include <tradehost/sdk/result.hpp>

namespace tradehost::net {

struct Url {
  std::string scheme;  // ws, wss, http, https (lower case)
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // always set: the scheme's default when the URL names none
  std::string target;  // path and query, at least "/"
  bool tls() const { return scheme == "wss" || scheme == "https"; }
  // 127.0.0.0/8, ::1 or localhost: traffic that never leaves the machine (the simulator).
  bool loopback() const;
  // Live mode refuses these wherever they come from (issue 13): plaintext to another machine.
  bool plaintext_off_loopback() const { return !tls() && !loopback(); }
  // host:port as the Host header wants it (IPv6 literals in brackets).
  std::string host_header() const;
  // For the operator: the query replaced by ?... (a bare "/" path left out).
  std::string to_string() const;
  // What is dialled, query and all. Never print it.
  std::string full() const { return scheme + "://" + host_header() + target; }
};

// Refuses anything but the four schemes, an empty or malformed host, a port outside 1-65535,
// user info or a fragment, naming the URL (redacted) and what is wrong.
sdk::Result<Url> parse_url(std::string_view text);

enum class Endpoint { rest, websocket };

// parse_url, and the scheme must suit the endpoint: https or http for REST, wss or ws for a
// WebSocket. What both the config checks and a run use for a venue's endpoints.
sdk::Result<Url> parse_endpoint(std::string_view text, Endpoint kind);

// `text`, which need not be a valid URL, as it may be shown: a password in user info and anything
// after the first '?' or '#' replaced by "...".
std::string redact_url(std::string_view text);

// `base` with `target` (a path and query from an adapter) in place of its path: the REST base
// https://fapi.binance.com plus /fapi/v1/klines?... A base path prefix is kept.
Url with_target(const Url& base, std::string_view target);

}  // namespace tradehost::net
