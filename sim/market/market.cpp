#include "market/market.hpp"

#include <algorithm>

namespace tradehost::sim {

Market::Market(std::vector<Instrument> instruments, MarketOptions options)
    : instruments_(std::move(instruments)), options_(options), last_step_ms_(options.start_ms - options.step_ms) {
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    State s{Rng(options_.seed * 1000003 + i), 0, 0, 0, 0, 0, {}};
    const Instrument& inst = instruments_[i];
    s.bid = inst.start_price;
    s.bid_qty = s.rng.between(inst.min_qty, inst.min_qty * 500);
    s.ask_qty = s.rng.between(inst.min_qty, inst.min_qty * 500);
    s.next_trade_id = 1'000'000 + static_cast<std::int64_t>(i) * 1'000'000'000;
    s.book_update_id = 5'000'000 + static_cast<std::int64_t>(i) * 1'000'000'000;
    for (sdk::Timeframe tf : sdk::kAllTimeframes) {
      Bar& b = s.series[index(tf)].current;
      b.open_ms = bar_open_ms(tf, options_.start_ms);
      b.next_open_ms = next_bar_open_ms(tf, b.open_ms);
      b.open = b.high = b.low = b.close = inst.start_price;
    }
    states_.push_back(std::move(s));
  }
}

std::size_t Market::index(sdk::Timeframe tf) { return static_cast<std::size_t>(tf) - 1; }

std::optional<std::size_t> Market::find(std::string_view base) const {
  for (std::size_t i = 0; i < instruments_.size(); ++i) {
    if (instruments_[i].base == base) return i;
  }
  return std::nullopt;
}

const Bar& Market::current_bar(std::size_t symbol, sdk::Timeframe tf) const {
  return states_[symbol].series[index(tf)].current;
}

BookEvent Market::book(std::size_t symbol) const {
  const State& s = states_[symbol];
  return {symbol, s.book_update_id, s.bid, s.bid_qty, s.bid + 1, s.ask_qty, last_step_ms_};
}

std::vector<Bar> Market::bars(std::size_t symbol, sdk::Timeframe tf, std::int64_t start_ms, std::int64_t end_ms,
                              std::size_t limit) const {
  const Series& series = states_[symbol].series[index(tf)];
  std::vector<Bar> all(series.history.begin(), series.history.end());
  all.push_back(series.current);
  std::vector<Bar> out;
  for (const Bar& b : all) {
    if (b.open_ms > end_ms) break;
    if (start_ms >= 0 && b.open_ms < start_ms) continue;
    out.push_back(b);
  }
  if (out.size() > limit) {
    // From a start time: the oldest `limit`; without one: the newest `limit`.
    if (start_ms >= 0) {
      out.resize(limit);
    } else {
      out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(limit));
    }
  }
  return out;
}

void Market::advance_to(std::int64_t sim_ms) {
  while (last_step_ms_ + options_.step_ms <= sim_ms) {
    last_step_ms_ += options_.step_ms;
    step(last_step_ms_);
  }
}

void Market::roll_bars(std::size_t symbol, std::int64_t t_ms) {
  State& s = states_[symbol];
  for (sdk::Timeframe tf : sdk::kAllTimeframes) {
    Series& series = s.series[index(tf)];
    while (series.current.next_open_ms <= t_ms) {
      const Bar closed = series.current;
      for (auto* l : listeners_) l->on_bar_closed(symbol, tf, closed);
      series.history.push_back(closed);
      const std::size_t cap = tf == sdk::Timeframe::m1 ? options_.history_1m : options_.history_other;
      while (series.history.size() > cap) series.history.pop_front();
      Bar next;
      next.open_ms = closed.next_open_ms;
      next.next_open_ms = next_bar_open_ms(tf, next.open_ms);
      next.open = next.high = next.low = next.close = closed.close;
      series.current = next;
    }
  }
}

void Market::trade(std::size_t symbol, bool taker_buy, std::int64_t qty, std::int64_t t_ms) {
  State& s = states_[symbol];
  const std::int64_t price = taker_buy ? s.bid + 1 : s.bid;
  const TradeEvent e{symbol, s.next_trade_id++, price, qty, taker_buy, t_ms};
  for (auto& series : s.series) {
    Bar& b = series.current;
    if (b.trades == 0) b.first_trade_id = e.id;
    b.last_trade_id = e.id;
    b.high = std::max(b.high, price);
    b.low = std::min(b.low, price);
    b.close = price;
    b.volume += qty;
    b.quote_volume += qty * price;
    if (taker_buy) {
      b.taker_buy_volume += qty;
      b.taker_buy_quote += qty * price;
    }
    ++b.trades;
  }
  for (auto* l : listeners_) l->on_trade(e);
}

void Market::step(std::int64_t t_ms) {
  for (std::size_t i = 0; i < states_.size(); ++i) {
    roll_bars(i, t_ms);
    State& s = states_[i];
    const Instrument& inst = instruments_[i];
    bool book_changed = false;
    if (s.rng.chance(1, 2)) {
      const std::int64_t floor = std::max<std::int64_t>(1, inst.start_price / 100);
      s.bid = std::max(floor, s.bid + s.rng.between(-3, 3));
      book_changed = true;
    }
    const auto trades = s.rng.between(0, 2);
    for (std::int64_t n = 0; n < trades; ++n) {
      const bool taker_buy = s.rng.chance(1, 2);
      const std::int64_t qty = s.rng.between(inst.min_qty, inst.min_qty * 50);
      // Trades of one step print 1 ms apart from the step's time on (after the bar roll, so
      // they always belong to the bar that contains their time stamp).
      trade(i, taker_buy, qty, t_ms + n);
      book_changed = true;
    }
    if (book_changed) {
      s.bid_qty = s.rng.between(inst.min_qty, inst.min_qty * 500);
      s.ask_qty = s.rng.between(inst.min_qty, inst.min_qty * 500);
      ++s.book_update_id;
      const BookEvent b{i, s.book_update_id, s.bid, s.bid_qty, s.bid + 1, s.ask_qty, t_ms};
      for (auto* l : listeners_) l->on_book(b);
    }
  }
}

}  // namespace tradehost::sim
