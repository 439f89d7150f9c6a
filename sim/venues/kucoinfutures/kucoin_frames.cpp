#include "venues/kucoinfutures/kucoin_frames.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "market/decimal_text.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

// Fixed-point text at the instrument's precision: "97012.3".
std::string px(const Instrument& i, std::int64_t ticks) { return format_fixed(ticks, i.price_decimals); }

// §5: ns time stamps (`ts`) from the market's ms.
constexpr std::int64_t kNsPerMs = 1'000'000;

// Venue order ids of the two sides of a fill (§5 takerOrderId/makerOrderId: 18-digit numbers as
// strings); derived from the trade id so that they are unique and reproducible.
std::string order_id(std::int64_t trade_id, bool taker) {
  return std::to_string(254'761'000'000'000'000LL + trade_id * 2 + (taker ? 0 : 1));
}

}  // namespace

std::string trimmed(std::int64_t units, int decimals) {
  std::string s = format_fixed(units, decimals);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string json_string(std::string_view text) {
  // Query values are percent-decoded bytes: replace invalid UTF-8 rather than throw.
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string welcome_frame(const std::string& id_json) {
  return fmt::format(R"({{"id":{},"type":"welcome"}})", id_json);
}

std::string pong_frame(const std::string& id_json, std::int64_t timestamp_us) {
  // §0: newer servers add `timestamp` in µs.
  return fmt::format(R"({{"id":{},"type":"pong","timestamp":{}}})", id_json, timestamp_us);
}

std::string ack_frame(const std::string& id_json) { return fmt::format(R"({{"id":{},"type":"ack"}})", id_json); }

std::string error_frame(const std::string& id_json, int code, std::string_view data) {
  return fmt::format(R"({{"id":{},"type":"error","code":{},"data":{}}})", id_json, code, json_string(data));
}

std::string error_frame_without_id(int code, std::string_view data) {
  return fmt::format(R"({{"type":"error","code":{},"data":{}}})", code, json_string(data));
}

std::string candle_frame(const std::string& topic, const Instrument& inst, const Bar& bar,
                         std::int64_t volume_contracts, std::int64_t time_ms) {
  // §5: [start s, open, close, high, low, volume "N.0", volume "N"], all strings; o-c-h-l order.
  // No `sn` on candle frames (§5: sn is on ticker, execution and level2 frames).
  return fmt::format(
      R"({{"type":"message","topic":{},"subject":"candle.stick","data":{{"symbol":"{}","candles":["{}","{}","{}","{}","{}","{}.0","{}"],"time":{}}}}})",
      json_string(topic), venue_symbol(inst), bar.open_ms / 1000, trimmed(bar.open, inst.price_decimals),
      trimmed(bar.close, inst.price_decimals), trimmed(bar.high, inst.price_decimals),
      trimmed(bar.low, inst.price_decimals), volume_contracts, volume_contracts, time_ms);
}

std::string match_frame(const std::string& topic, const Instrument& inst, const TradeEvent& trade,
                        std::int64_t sequence, std::int64_t size_contracts) {
  // §5: `side` is the taker's; `size` integer contracts; `price` a string; `ts` ns; sn = sequence.
  return fmt::format(
      R"({{"type":"message","topic":{},"subject":"match","sn":{},"data":{{"symbol":"{}","sequence":{},"side":"{}","size":{},"price":"{}","takerOrderId":"{}","makerOrderId":"{}","tradeId":"{}","ts":{}}}}})",
      json_string(topic), sequence, venue_symbol(inst), sequence, trade.taker_buy ? "buy" : "sell", size_contracts,
      px(inst, trade.price), order_id(trade.id, true), order_id(trade.id, false), trade.id, trade.time_ms * kNsPerMs);
}

std::string ticker_v2_frame(const std::string& topic, const Instrument& inst, const BookEvent& book,
                            std::int64_t sequence, std::int64_t bid_contracts, std::int64_t ask_contracts) {
  // §5: prices strings, sizes integer contracts, `ts` ns, sn = sequence.
  return fmt::format(
      R"({{"type":"message","topic":{},"subject":"tickerV2","sn":{},"data":{{"symbol":"{}","sequence":{},"bestBidSize":{},"bestBidPrice":"{}","bestAskPrice":"{}","bestAskSize":{},"ts":{}}}}})",
      json_string(topic), sequence, venue_symbol(inst), sequence, bid_contracts, px(inst, book.bid), px(inst, book.ask),
      ask_contracts, book.time_ms * kNsPerMs);
}

std::string ok_body(const std::string& data_json) { return fmt::format(R"({{"code":"200000","data":{}}})", data_json); }

std::string error_body(std::string_view code, std::string_view msg) {
  return fmt::format(R"({{"code":{},"msg":{}}})", json_string(code), json_string(msg));
}

std::string bullet_data(const std::string& token, const std::string& endpoint, std::int64_t ping_interval_ms,
                        std::int64_t ping_timeout_ms) {
  return fmt::format(
      R"({{"token":{},"instanceServers":[{{"endpoint":{},"encrypt":false,"protocol":"websocket","pingInterval":{},"pingTimeout":{}}}]}})",
      json_string(token), json_string(endpoint), ping_interval_ms, ping_timeout_ms);
}

std::string contract_json(const Instrument& inst, std::int64_t mark_ticks, std::int64_t last_ticks,
                          std::int64_t now_ms) {
  // §2: numbers unless noted; multiplier = base units per contract; lotSize 1; the nullable
  // fields of §0 are null here. Funding every 8 h (fundingRateGranularity). The fee rates are
  // what the sim's ledger charges (Ledger::kMakerFeePpm, kTakerFeePpm), not §2's observed 0.0006.
  constexpr std::int64_t kFundingMs = 28'800'000;
  const std::int64_t next_funding_ms = (now_ms / kFundingMs + 1) * kFundingMs;
  const std::string symbol = venue_symbol(inst);
  const std::string base = venue_base(inst);
  const int pd = inst.price_decimals;
  return fmt::format(
      R"({{"symbol":"{}","rootSymbol":"USDT","type":"FFWCSX","firstOpenDate":1585555200000,"expireDate":null,"settleDate":null,"baseCurrency":"{}","quoteCurrency":"USDT","settleCurrency":"USDT","maxOrderQty":1000000,"maxPrice":1000000.0,"lotSize":1,"tickSize":{},"indexPriceTickSize":{},"multiplier":{},"initialMargin":0.008,"maintainMargin":0.004,"maxRiskLimit":100000,"minRiskLimit":100000,"riskStep":50000,"makerFeeRate":0.0002,"takerFeeRate":0.0005,"takerFixFee":0.0,"makerFixFee":0.0,"settlementFee":null,"isDeleverage":true,"isQuanto":false,"isInverse":false,"markMethod":"FairPrice","fairMethod":"FundingRate","fundingBaseSymbol":".{}INT8H","fundingQuoteSymbol":".USDTINT8H","fundingRateSymbol":".{}FPI8H","indexSymbol":".K{}USDT","settlementSymbol":"","status":"Open","fundingFeeRate":0.0001,"predictedFundingFeeRate":null,"fundingRateGranularity":28800000,"nextFundingRateTime":{},"nextFundingRateDateTime":{},"markPrice":{},"indexPrice":{},"lastTradePrice":{},"buyLimit":{},"sellLimit":{},"maxLeverage":{},"supportCross":true,"marketStage":"NORMAL"}})",
      symbol, base, trimmed(1, pd), trimmed(1, pd), trimmed(inst.contract_steps, inst.qty_decimals), base, symbol, base,
      next_funding_ms - now_ms, next_funding_ms, trimmed(mark_ticks, pd), trimmed(mark_ticks, pd),
      trimmed(last_ticks, pd), trimmed(mark_ticks * 105 / 100, pd), trimmed(mark_ticks * 95 / 100, pd),
      inst.base == "BTC" ? 125 : 75);
}

std::string kline_rows(const Instrument& inst, const std::vector<Bar>& bars, const std::vector<std::int64_t>& volumes) {
  // §6: REST is o-h-l-c and ms (unlike WS), every value a JSON number.
  std::string out = "[";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    if (i > 0) out += ",";
    out += fmt::format("[{},{},{},{},{},{}]", b.open_ms, trimmed(b.open, inst.price_decimals),
                       trimmed(b.high, inst.price_decimals), trimmed(b.low, inst.price_decimals),
                       trimmed(b.close, inst.price_decimals), volumes[i]);
  }
  return out + "]";
}

}  // namespace tradehost::sim::kucoinfutures
