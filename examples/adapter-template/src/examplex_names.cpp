#include "examplex.hpp"

#include <array>

namespace examplex {
namespace {

constexpr std::array kTimeframes = {sdk::Timeframe::m1, sdk::Timeframe::m5, sdk::Timeframe::h1, sdk::Timeframe::d1};

sdk::Failure refuse(std::string what) { return sdk::fail(sdk::ErrorCode::invalid_config, "examplex: " + std::move(what)); }

bool is_upper_alnum(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

const sdk::Manifest& manifest() noexcept {
  static const sdk::Manifest m{
      .name = "examplex",
      .version = "0.1.0",
      .default_stream_limit = 25,
      .env_prefix = "EXAMPLEX",
      .needs_passphrase = false,
      .rest_url = "https://api.examplex.invalid",
      .ws_url = "wss://stream.examplex.invalid/ws",
      .timeframes = kTimeframes,
      .compression = sdk::FrameCompression::none,
      .kline_close = sdk::KlineClose::flag,
      .trade_ids = sdk::TradeIds::none,  // set `increasing` if the venue's trade ids rise per symbol
      .limits = {.streams_per_connection = 100, .streams_per_message = 10, .client_messages_per_10s = 50},
  };
  return m;
}

sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& s) {
  if (s.quote != "USDT" || s.settle != "USDT") return refuse(s.to_string() + " is not a USDT perpetual");
  if (!is_upper_alnum(s.base)) return refuse("bad base asset '" + s.base + "'");
  return s.base + "-USDT";
}

sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue) {
  const auto dash = venue.find('-');
  if (dash == std::string_view::npos || venue.substr(dash + 1) != "USDT" || !is_upper_alnum(venue.substr(0, dash))) {
    return refuse("'" + std::string(venue) + "' is not a symbol like BTC-USDT");
  }
  return sdk::UnifiedSymbol{std::string(venue.substr(0, dash)), "USDT", "USDT"};
}

sdk::Result<std::string> venue_timeframe(sdk::Timeframe tf) {
  for (auto t : kTimeframes) {
    if (t == tf) return std::string(sdk::to_string(tf));
  }
  return refuse("no timeframe " + std::string(sdk::to_string(tf)));
}

sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue) {
  const auto tf = sdk::parse_timeframe(venue);
  if (!tf || !venue_timeframe(*tf)) return refuse("no interval '" + std::string(venue) + "'");
  return *tf;
}

sdk::Result<std::string> stream_name(const sdk::StreamKey& k) {
  auto symbol = venue_symbol(k.symbol);
  if (!symbol) return sdk::Failure{symbol.error()};
  switch (k.kind) {
    case sdk::EventKind::kline: {
      auto tf = venue_timeframe(k.timeframe);
      if (!tf) return sdk::Failure{tf.error()};
      return "kline." + *tf + "." + *symbol;
    }
    case sdk::EventKind::trade: return "trade." + *symbol;
    case sdk::EventKind::book_ticker: return "ticker." + *symbol;
  }
  return refuse("unknown event kind");
}

sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name) {
  sdk::StreamKey key;
  std::string_view rest;
  if (name.starts_with("kline.")) {
    const auto dot = name.find('.', 6);
    if (dot == std::string_view::npos) return refuse("'" + std::string(name) + "' has no symbol");
    auto tf = unified_timeframe(name.substr(6, dot - 6));
    if (!tf) return sdk::Failure{tf.error()};
    key.kind = sdk::EventKind::kline;
    key.timeframe = *tf;
    rest = name.substr(dot + 1);
  } else if (name.starts_with("trade.")) {
    key.kind = sdk::EventKind::trade;
    rest = name.substr(6);
  } else if (name.starts_with("ticker.")) {
    key.kind = sdk::EventKind::book_ticker;
    rest = name.substr(7);
  } else {
    return refuse("'" + std::string(name) + "' is not a kline, trade or ticker topic");
  }
  auto symbol = unified_symbol(rest);
  if (!symbol) return sdk::Failure{symbol.error()};
  key.symbol = std::move(*symbol);
  return key;
}

}  // namespace examplex
