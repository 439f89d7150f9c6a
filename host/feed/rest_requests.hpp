// RestRequests: the feed's REST calls to one venue (kline and trade gap fills) under the host's
// rules for the venue's limits.
//
// One request is tried up to 4 times; 429, 418 and 5xx are waited out as the venue says (the
// adapter's reading of the answer, else Retry-After) within a minute per page, or by backoff; a
// longer ban, or a 418 that does not say for how long, is not retried (bans escalate when a
// client comes back early). Pages of klines and trades are fetched until the range is covered,
// and every row passes the same checks as a live frame (event_checks.hpp) before the caller sees
// it. Owned by ExchangeFeed, used on its strand only; logs as the feed does ("rest_*" events).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/any_io_executor.hpp>

#include <tradehost/sdk/adapter.hpp>
#include <tradehost/sdk/event_checks.hpp>

#include "feed/kline_continuity.hpp"
#include "feed/trade_gaps.hpp"
#include "feed/venue_clock.hpp"
#include "net/http_fetch.hpp"
#include "net/url.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tradehost::feed {

class RestRequests {
 public:
  // fetched: the answer (or the pages) are in. failed_for_now: the requests failed (network, 5xx,
  // 429/418 without a long ban) and may be tried again later. refused: trying again would not help
  // or would hurt (no request for the range, an answer the adapter refuses, a long ban).
  enum class Outcome { fetched, failed_for_now, refused };

  struct Config {
    std::string exchange;
    sdk::Adapter* adapter = nullptr;  // owned by the registry; outlives this
    net::Url base;
    boost::asio::ssl::context* tls = nullptr;
    std::chrono::milliseconds timeout{10000};
    const VenueClock* clock = nullptr;  // for the rows' plausibility (outlives this)
  };

  // `failures` counts failed and refused requests (the feed's report); `stopping` ends retries.
  RestRequests(boost::asio::any_io_executor strand, Config config, std::uint64_t& failures, const bool& stopping);

  // One request, retried under the rules above; fetched: `answer` holds the first other answer.
  // `what` names it in the log ("kline", "trade"); `loses` says what giving up costs.
  boost::asio::awaitable<Outcome> send(const sdk::HttpRequestSpec& request, std::string_view what,
                                       std::string_view loses, std::optional<net::HttpResponse>& answer);

  // The bars of `range` page by page, each checked as a live bar would be.
  boost::asio::awaitable<Outcome> klines(const FillRange& range, const sdk::UnifiedSymbol& symbol,
                                         std::vector<sdk::Kline>& bars);
  // The trades of `range` page by page from its first id (the venue's ids rise by one per trade).
  boost::asio::awaitable<Outcome> trades(const TradeRange& range, const sdk::UnifiedSymbol& symbol,
                                         std::vector<sdk::Trade>& out);

  // The venue's word on when to ask again after a refused answer, capped at `cap_ms`: the
  // adapter's reading (KuCoin's gw-ratelimit-reset), else Retry-After; nullopt if neither.
  std::optional<std::int64_t> venue_wait_ms(const net::HttpResponse& res, std::int64_t cap_ms) const;

 private:
  Outcome refuse_answer(std::string_view what, int status, const std::string& why);
  boost::asio::awaitable<void> sleep(std::chrono::milliseconds d);

  boost::asio::any_io_executor strand_;
  Config cfg_;
  std::uint64_t& failures_;
  const bool& stopping_;
  sdk::FutureHorizon horizon_{kMaxVenueLeadMs};
};

}  // namespace tradehost::feed
