// sdk::Adapter: the interface every exchange plugin implements.
//
// An adapter is a protocol translator: it holds no sockets, threads or timers (the host owns all
// I/O). Every call is noexcept and returns plain data or a Result; no exception may leave the
// plugin. The host creates one adapter per plugin through the exported factory, owns it through
// the returned unique_ptr, destroys it before unloading the library, and calls it from one thread
// at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <tradehost/sdk/abi.hpp>
#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/result.hpp>
#include <tradehost/sdk/stream.hpp>
#include <tradehost/sdk/symbol.hpp>
#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

class Adapter {
 public:
  virtual ~Adapter() = default;

  // Lives as long as the adapter; see manifest.hpp for what the host checks.
  virtual const Manifest& manifest() const noexcept = 0;

  // BTC/USDT:USDT -> the venue's order/REST symbol (BTCUSDT, BTC-USDT, XBTUSDTM).
  virtual Result<std::string> venue_symbol(const UnifiedSymbol& symbol) const noexcept = 0;
  // The venue's symbol -> unified. Refuses what is not a USDT/USDC-margined perpetual.
  virtual Result<UnifiedSymbol> unified_symbol(std::string_view venue_symbol) const noexcept = 0;

  // 1m -> the venue's interval spelling (1m, 1min); refuses timeframes not in the manifest.
  virtual Result<std::string> venue_timeframe(Timeframe timeframe) const noexcept = 0;
  virtual Result<Timeframe> unified_timeframe(std::string_view venue_timeframe) const noexcept = 0;

  // The venue's name of a stream (btcusdt@kline_1m, BTC-USDT@trade,
  // /contractMarket/limitCandle:XBTUSDTM_1min), and back.
  virtual Result<std::string> stream_name(const StreamKey& stream) const noexcept = 0;
  virtual Result<StreamKey> parse_stream_name(std::string_view name) const noexcept = 0;
};

// The factory each plugin exports; the unique_ptr's deleter is Adapter's virtual destructor.
using AdapterFactory = std::unique_ptr<Adapter>();
using AbiVersionFunction = std::uint32_t();

}  // namespace tradehost::sdk
