#include "feed/rest_requests.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include "log/log.hpp"

namespace tradehost::feed {

namespace asio = boost::asio;
using std::chrono::milliseconds;

namespace {

constexpr std::uint32_t kKlinePageLimit = 200;  // within every venue's REST maximum
constexpr int kKlinePagesPerFill = 50;
constexpr std::int64_t kTradePageLimit = 1000;   // Binance's aggTrades maximum
constexpr int kTradePagesPerGap = 20;            // 20,000 trades: beyond, the rest is a hole
constexpr int kRestAttempts = 4;
constexpr std::int64_t kRetryAfterBudgetMs = 60000;  // per page, waiting as Retry-After asks

}  // namespace

RestRequests::RestRequests(asio::any_io_executor strand, Config config, std::uint64_t& failures, const bool& stopping)
    : strand_(std::move(strand)), cfg_(std::move(config)), failures_(failures), stopping_(stopping) {}

asio::awaitable<void> RestRequests::sleep(milliseconds d) {
  asio::steady_timer timer(strand_, d);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::optional<std::int64_t> RestRequests::venue_wait_ms(const net::HttpResponse& res, std::int64_t cap_ms) const {
  std::vector<sdk::HttpHeader> header_views;
  if (auto told = cfg_.adapter->retry_wait_ms(res.view(header_views))) return std::min(*told, cap_ms);
  const std::optional<std::chrono::seconds> retry_after = res.retry_after();
  if (!retry_after) return std::nullopt;
  // Seconds, capped before the multiplication so that no answer can overflow it.
  return std::min(std::min<std::int64_t>(retry_after->count(), cap_ms / 1000 + 1) * 1000, cap_ms);
}

asio::awaitable<RestRequests::Outcome> RestRequests::send(const sdk::HttpRequestSpec& request, std::string_view what,
                                                          std::string_view loses,
                                                          std::optional<net::HttpResponse>& answer) {
  std::int64_t waited_on_venue_ms = 0;  // time spent waiting as a Retry-After asked
  for (int attempt = 1; attempt <= kRestAttempts && !stopping_; ++attempt) {
    auto res = co_await net::http_fetch(strand_, cfg_.base, request, cfg_.tls,
                                        cfg_.timeout);
    if (!res) {
      ++failures_;
      log::warn("rest_failed", fmt::format("{}: {} request failed ({}); attempt {}/{}", cfg_.exchange, what,
                                           res.error().message, attempt, kRestAttempts),
                {{"exchange", cfg_.exchange}});
      if (attempt < kRestAttempts) co_await sleep(milliseconds(500 * attempt));
      continue;
    }
    if (res->status == 429 || res->status == 418 || res->status >= 500) {
      ++failures_;
      // Capped just above the budget: a longer wait reads as "more than we may wait".
      const std::optional<std::int64_t> told = venue_wait_ms(*res, kRetryAfterBudgetMs + 1000);
      // Waited for as told without using up the attempts, within a budget: a short ban then
      // costs time, not a hole. A longer one is not retried early (bans escalate when a client
      // comes back too soon): the caller gives up. At least 1 s, so that a "0" cannot loop.
      if (told && *told > kRetryAfterBudgetMs) {
        log::warn("rest_rate_limited",
                  fmt::format("{}: REST answered HTTP {} to a {} request and asks to wait over a minute, more "
                              "than the {} s a fill may wait; {}",
                              cfg_.exchange, res->status, what, kRetryAfterBudgetMs / 1000, loses),
                  {{"exchange", cfg_.exchange}});
        co_return Outcome::refused;
      }
      // Short waits that added up to the budget: a throttle that keeps going, which the caller
      // may try again after its own pause.
      if (told && *told > kRetryAfterBudgetMs - waited_on_venue_ms) co_return Outcome::failed_for_now;
      // An IP ban that does not say for how long: coming back early lengthens it.
      if (!told && res->status == 418) {
        log::warn("rest_rate_limited",
                  fmt::format("{}: REST answered HTTP 418 (IP banned) to a {} request without saying for how "
                              "long; {}",
                              cfg_.exchange, what, loses),
                  {{"exchange", cfg_.exchange}});
        co_return Outcome::refused;
      }
      const bool on_venue_word = told.has_value();
      const char* banned = res->status == 418 ? " (IP banned for a while)" : "";  // with a Retry-After
      if (!on_venue_word && attempt == kRestAttempts) {  // no wait after the last: the caller decides
        log::warn("rest_rate_limited",
                  fmt::format("{}: REST answered HTTP {} to a {} request{} (attempt {}/{})", cfg_.exchange,
                              res->status, what, banned, attempt, kRestAttempts),
                  {{"exchange", cfg_.exchange}});
        continue;
      }
      const std::int64_t wait = told ? std::max<std::int64_t>(*told, 1000) : std::int64_t{1000} * attempt;
      if (on_venue_word) waited_on_venue_ms += wait;
      log::warn("rest_rate_limited",
                fmt::format("{}: REST answered HTTP {} to a {} request{}; waiting {} ms ({})", cfg_.exchange,
                            res->status, what, banned, wait,
                            on_venue_word ? fmt::format("as the venue asks; {} s of the {} s allowed",
                                                        waited_on_venue_ms / 1000, kRetryAfterBudgetMs / 1000)
                                          : fmt::format("attempt {}/{}", attempt, kRestAttempts)),
                {{"exchange", cfg_.exchange}});
      if (on_venue_word) --attempt;
      co_await sleep(milliseconds(wait));
      continue;
    }
    answer = std::move(*res);
    co_return Outcome::fetched;
  }
  co_return Outcome::failed_for_now;
}

// The adapter could not read an answer: counted, said, and not asked again.
RestRequests::Outcome RestRequests::refuse_answer(std::string_view what, int status, const std::string& why) {
  ++failures_;
  log::warn("rest_refused", fmt::format("{}: {} answer refused (HTTP {}): {}", cfg_.exchange, what, status, why),
            {{"exchange", cfg_.exchange}});
  return Outcome::refused;
}

asio::awaitable<RestRequests::Outcome> RestRequests::klines(const FillRange& range, const sdk::UnifiedSymbol& symbol,
                                                            std::vector<sdk::Kline>& bars) {
  constexpr std::string_view kLoses = "this fill gives up and the stream continues with a hole (counted in the report)";
  std::int64_t start = range.first_open_ms;
  for (int page = 0; page < kKlinePagesPerFill && start <= range.last_open_ms; ++page) {
    auto request = cfg_.adapter->kline_request(symbol, range.timeframe, start, range.last_open_ms,
                                              kKlinePageLimit);
    if (!request) co_return Outcome::refused;
    std::optional<net::HttpResponse> answer;
    if (const Outcome outcome = co_await send(*request, "kline", kLoses, answer);
        outcome != Outcome::fetched) {
      co_return outcome;
    }
    std::vector<sdk::HttpHeader> header_views;
    auto parsed = cfg_.adapter->parse_klines(range.symbol, range.timeframe, answer->view(header_views));
    if (!parsed) co_return refuse_answer("kline", answer->status, parsed.error().message);
    for (const sdk::Kline& bar : *parsed) {
      // The live path's checks, applied again whatever the adapter checked: a fill must not
      // hand the strategy a bar a live frame could not.
      const char* why = sdk::kline_problem(bar);
      if (why == nullptr && (bar.symbol != range.symbol || bar.timeframe != range.timeframe)) {
        why = "a bar of another stream";
      }
      if (why == nullptr && !horizon_.admits(bar.open_time_ms, [this] { return cfg_.clock->now_ms(); })) {
        why = "a bar ahead of the venue clock";
      }
      if (why != nullptr) co_return refuse_answer("kline", answer->status, fmt::format("the answer has {}", why));
    }
    if (parsed->empty()) break;
    bars.insert(bars.end(), parsed->begin(), parsed->end());
    if (parsed->size() < kKlinePageLimit) break;
    start = sdk::next_open_ms(range.timeframe, parsed->back().open_time_ms);
  }
  co_return Outcome::fetched;
}

asio::awaitable<RestRequests::Outcome> RestRequests::trades(const TradeRange& range, const sdk::UnifiedSymbol& symbol,
                                                            std::vector<sdk::Trade>& trades) {
  constexpr std::string_view kLoses = "the missed trades are given up (counted in the report)";
  std::int64_t from = range.first_id;
  for (int page = 0; page < kTradePagesPerGap && from <= range.last_id; ++page) {
    const auto limit = static_cast<std::uint32_t>(std::min<std::int64_t>(range.last_id - from + 1, kTradePageLimit));
    auto request = cfg_.adapter->trades_request(symbol, from, limit);
    if (!request || !*request) co_return Outcome::refused;
    std::optional<net::HttpResponse> answer;
    if (const Outcome outcome = co_await send(**request, "trade", kLoses, answer);
        outcome != Outcome::fetched) {
      co_return outcome;
    }
    std::vector<sdk::HttpHeader> header_views;
    auto parsed = cfg_.adapter->parse_trades(range.symbol, answer->view(header_views));
    if (!parsed) co_return refuse_answer("trade", answer->status, parsed.error().message);
    for (const sdk::Trade& trade : *parsed) {
      if (const char* why = sdk::trade_problem(trade)) {
        co_return refuse_answer("trade", answer->status, fmt::format("the answer has a trade with {}", why));
      }
    }
    if (parsed->empty()) break;
    trades.insert(trades.end(), parsed->begin(), parsed->end());
    if (parsed->back().trade_id < from) break;  // an answer that does not move on
    from = parsed->back().trade_id + 1;
  }
  co_return Outcome::fetched;
}

}  // namespace tradehost::feed
