// examplex: a fictional USDT-margined perpetuals venue, small enough to read in one sitting.
//
// Its protocol (made up for this template; a real adapter cites its venue's documentation):
//   symbols      BTC-USDT  <->  BTC/USDT:USDT
//   WebSocket    wss://stream.examplex.invalid/ws, at most 100 topics per connection and 10 per
//                subscribe frame, 50 client frames per 10 s
//   subscribe    {"op":"subscribe","id":7,"args":["kline.1m.BTC-USDT","trade.BTC-USDT"]}
//   ack / error  {"op":"subscribe","id":7,"ok":true} / {"op":"subscribe","id":7,"ok":false,"msg":"..."}
//   heartbeat    the server sends {"op":"ping"}; the client answers {"op":"pong"}
//   kline        {"topic":"kline.1m.BTC-USDT","data":{"t":1767225600000,"o":"1","h":"2","l":"0.5",
//                 "c":"1.5","v":"10","x":true}}          (x: the bar is final)
//   trade        {"topic":"trade.BTC-USDT","data":{"id":1,"p":"1","q":"2","side":"buy","ts":...}}
//   ticker       {"topic":"ticker.BTC-USDT","data":{"b":"1","B":"2","a":"1.1","A":"3","ts":...}}
//   REST klines  GET /api/v1/klines?symbol=BTC-USDT&interval=1m&start=S&end=E&limit=N
//                -> {"data":[[t,"o","h","l","c","v"],...]}, oldest first
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <tradehost/sdk/adapter.hpp>

namespace examplex {

namespace sdk = tradehost::sdk;

const sdk::Manifest& manifest() noexcept;

// Names (examplex_names.cpp).
sdk::Result<std::string> venue_symbol(const sdk::UnifiedSymbol& symbol);
sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view venue);
sdk::Result<std::string> venue_timeframe(sdk::Timeframe tf);
sdk::Result<sdk::Timeframe> unified_timeframe(std::string_view venue);
sdk::Result<std::string> stream_name(const sdk::StreamKey& stream);
sdk::Result<sdk::StreamKey> parse_stream_name(std::string_view name);

// Decoding (examplex_decode.cpp): one parser and one symbol table, reused for every frame.
class Decoder {
 public:
  Decoder();
  ~Decoder();
  sdk::Status bind(std::span<const sdk::SymbolBinding> symbols);
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// What goes on the wire (examplex_wire.cpp).
sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::span<const sdk::StreamKey> streams,
                                                 std::uint64_t first_request_id);
sdk::HeartbeatSpec heartbeat() noexcept;
sdk::Result<sdk::HttpRequestSpec> kline_request(const sdk::UnifiedSymbol& symbol, sdk::Timeframe tf,
                                                std::int64_t start_ms, std::int64_t end_ms, std::uint32_t limit);
sdk::Result<std::vector<sdk::Kline>> parse_klines(sdk::SymbolId symbol, sdk::Timeframe tf,
                                                  sdk::HttpResponseView response);

}  // namespace examplex
