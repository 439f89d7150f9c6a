// KucoinVenue: KuCoin Futures (USDT-margined perpetuals, classic API) as
// protocols/kucoinfutures.md describes it, market data side: REST timestamp, status, contracts
// and klines; the public bullet (§1) and its tokens; one WebSocket path `/` taking
// `token`/`connectId`, with the welcome, JSON ping/pong, subscribe/unsubscribe with optional
// acks, the §4 error frames and caps, the idle close, and the candle, execution and tickerV2
// topics (§5). The private side (§7-§9) is KucoinTrading: bullet-private here hands out tokens
// bound to an account, and connections opened with one may hold the §9 private topics.
//
// Runs on the sim's one I/O thread, like every venue. Heartbeat, idle and lifetime rules are
// checked on each flush (~250 ms), so their times are accurate to about that.
#pragma once

#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

#include "venues/kucoinfutures/kucoin_lots.hpp"
#include "venues/kucoinfutures/kucoin_tokens.hpp"
#include "venues/kucoinfutures/kucoin_trading.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim::kucoinfutures {

class KucoinVenue final : public Venue, public PrivatePush {
 public:
  explicit KucoinVenue(VenueContext context);
  ~KucoinVenue() override;

  std::string_view name() const override { return "kucoinfutures"; }
  Tuning& tuning() override { return tuning_; }
  HttpResponse handle(const HttpRequest& request) override;
  std::unique_ptr<WsHandler> upgrade(const HttpRequest& request, HttpResponse& refusal) override;
  void on_trade(const TradeEvent& trade) override;
  void on_book(const BookEvent& book) override;
  void on_bar_closed(std::size_t symbol, sdk::Timeframe tf, const Bar& bar) override;
  void flush() override;
  void describe(nlohmann::json& out) const override;
  std::size_t drop_connections() override;
  // `expire_tokens`: every token issued so far expires, and every open connection gets the
  // 401 "token is expired" error frame and is closed, so that clients must fetch a new bullet.
  bool trigger(std::string_view action) override;
  sdk::Status load_state() override { return trading_->load_state(); }
  // §8: 429000 with the gw-ratelimit-* headers (no Retry-After on KuCoin).
  HttpResponse rest_failure(int status, std::int64_t retry_after_s) const override;

  bool subscribed(const std::string& account, std::string_view topic) const override;
  void push(const std::string& account, std::string_view topic, const std::string& frame) override;

  class Connection;

 private:
  friend class Connection;
  HttpResponse klines(const HttpRequest& request) const;
  HttpResponse contracts(const std::string& symbol) const;
  // host:port, with brackets around an IPv6 host.
  std::string authority() const;
  // A 24-hex-digit id for frames that have none to echo (§4: "a random id").
  std::string server_id();
  void subscribe_index(Connection* c, std::uint64_t key);
  void unsubscribe_index(Connection* c, std::uint64_t key);

  VenueContext ctx_;
  Tuning tuning_;
  TokenBook tokens_;
  ContractVolumes volumes_;
  std::vector<std::int64_t> sequence_;  // §5 per-symbol sequence: trades and book changes
  std::uint64_t next_server_id_ = 0;
  std::set<Connection*> connections_;
  std::unordered_map<std::uint64_t, std::vector<Connection*>> subscribers_;
  std::unique_ptr<KucoinTrading> trading_;
};

}  // namespace tradehost::sim::kucoinfutures
