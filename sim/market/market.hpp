// Market: the sim's deterministic market, one per process, shared by the three venues.
//
// Every `step_ms` of simulated time each instrument's price takes a seeded random step and a few
// trades print at the best bid or ask; the trades build the bars of every timeframe, so a bar's
// high, low and volume are exactly those of its trades, and the top of book moves with them.
// The same seed, start time and step give the same sequence of events whatever the speed or
// the machine. Single-threaded: called from the sim's one I/O thread only.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include <tradehost/sdk/timeframe.hpp>

#include "market/bar.hpp"
#include "market/instrument.hpp"
#include "market/rng.hpp"

namespace tradehost::sim {

struct TradeEvent {
  std::size_t symbol;
  std::int64_t id;
  std::int64_t price;  // ticks
  std::int64_t qty;    // steps
  bool taker_buy;
  std::int64_t time_ms;
};

struct BookEvent {
  std::size_t symbol;
  std::int64_t update_id;
  std::int64_t bid, bid_qty, ask, ask_qty;  // ticks, steps
  std::int64_t time_ms;
};

class MarketListener {
 public:
  virtual ~MarketListener() = default;
  virtual void on_trade(const TradeEvent&) {}
  virtual void on_book(const BookEvent&) {}
  // Called once per bar when its time is over, before any trade of the next bar.
  virtual void on_bar_closed(std::size_t /*symbol*/, sdk::Timeframe, const Bar&) {}
};

struct MarketOptions {
  std::uint64_t seed = 1;
  std::int64_t start_ms = 0;   // simulated time of the first step
  std::int64_t step_ms = 500;  // simulated time between price steps
  std::size_t history_1m = 1500;
  std::size_t history_other = 500;
};

class Market {
 public:
  Market(std::vector<Instrument> instruments, MarketOptions options);

  void add_listener(MarketListener* listener) { listeners_.push_back(listener); }
  // Generates every step up to and including `sim_ms`.
  void advance_to(std::int64_t sim_ms);
  std::int64_t time_ms() const { return last_step_ms_; }

  const std::vector<Instrument>& instruments() const { return instruments_; }
  std::optional<std::size_t> find(std::string_view base) const;

  const Bar& current_bar(std::size_t symbol, sdk::Timeframe tf) const;
  // Bars (closed, then the open one) with open time in [start_ms, end_ms], oldest first, at most
  // `limit`; with start_ms < 0 the newest `limit` bars up to end_ms.
  std::vector<Bar> bars(std::size_t symbol, sdk::Timeframe tf, std::int64_t start_ms, std::int64_t end_ms,
                        std::size_t limit) const;
  BookEvent book(std::size_t symbol) const;

 private:
  struct Series {
    Bar current;
    std::deque<Bar> history;
  };
  struct State {
    Rng rng;
    std::int64_t bid = 0;  // ticks; the ask is one tick above
    std::int64_t bid_qty = 0, ask_qty = 0;
    std::int64_t next_trade_id = 0;
    std::int64_t book_update_id = 0;
    std::array<Series, sdk::kAllTimeframes.size()> series;
  };

  void step(std::int64_t t_ms);
  void roll_bars(std::size_t symbol, std::int64_t t_ms);
  void trade(std::size_t symbol, bool taker_buy, std::int64_t qty, std::int64_t t_ms);
  static std::size_t index(sdk::Timeframe tf);

  std::vector<Instrument> instruments_;
  MarketOptions options_;
  std::vector<State> states_;
  std::vector<MarketListener*> listeners_;
  std::int64_t last_step_ms_;
};

}  // namespace tradehost::sim
