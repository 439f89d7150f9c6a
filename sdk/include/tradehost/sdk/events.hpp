// Normalized market events, the output of an adapter's decoder (DESIGN.md "Normalized events").
//
// Plain data only: events cross the plugin boundary in caller-owned buffers and hold no heap
// memory. A symbol is a host-assigned SymbolId; the host maps it back to `BTC/USDT:USDT`.
// Prices and quantities are exact decimals (mantissa x 10^-scale), as the venues send them.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <string_view>

#include <tradehost/sdk/timeframe.hpp>

namespace tradehost::sdk {

enum class EventKind : std::uint8_t { kline = 1, trade, book_ticker };
enum class Side : std::uint8_t { buy = 1, sell };

constexpr std::string_view to_string(EventKind k) noexcept {
  switch (k) {
    case EventKind::kline: return "kline";
    case EventKind::trade: return "trade";
    case EventKind::book_ticker: return "book_ticker";
  }
  return "?";
}
constexpr std::optional<EventKind> parse_event_kind(std::string_view s) noexcept {
  for (EventKind k : {EventKind::kline, EventKind::trade, EventKind::book_ticker}) {
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}
constexpr std::string_view to_string(Side s) noexcept { return s == Side::buy ? "buy" : "sell"; }
constexpr std::optional<Side> parse_side(std::string_view s) noexcept {
  if (s == "buy") return Side::buy;
  if (s == "sell") return Side::sell;
  return std::nullopt;
}

using SymbolId = std::uint32_t;

// An exact decimal: value = mantissa / 10^scale. "94210.50" is {9421050, 2}.
struct Decimal {
  std::int64_t mantissa;  // no initializers: events stay trivial (value-initialize for zero)
  std::uint8_t scale;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

struct Kline {
  SymbolId symbol;
  Timeframe timeframe;
  bool closed;  // the venue will not change this bar again
  std::int64_t open_time_ms;
  Decimal open, high, low, close;
  Decimal volume;  // base asset (KuCoin: contracts converted by the adapter)
};

struct Trade {
  SymbolId symbol;
  Side side;  // taker side
  std::int64_t time_ms;
  std::int64_t trade_id;
  Decimal price, qty;
};

struct BookTicker {
  SymbolId symbol;
  std::int64_t time_ms;
  Decimal bid, bid_qty, ask, ask_qty;
};

// One normalized event; `kind` says which member is meaningful.
struct Event {
  EventKind kind = EventKind::kline;
  union {
    Kline kline;
    Trade trade;
    BookTicker book_ticker;
  };
};

static_assert(std::is_trivially_copyable_v<Event>, "events cross the boundary as plain data");
static_assert(sizeof(Decimal) == 16, "layout changed: bump kAbiVersion");
static_assert(sizeof(Kline) == 96, "layout changed: bump kAbiVersion");
static_assert(sizeof(Trade) == 56, "layout changed: bump kAbiVersion");
static_assert(sizeof(BookTicker) == 80, "layout changed: bump kAbiVersion");
static_assert(sizeof(Event) == 104, "layout changed: bump kAbiVersion");

// Caller-owned storage that a decoder appends to. It never allocates: push() refuses when the
// storage is full (the host sizes it for the largest frame it expects and counts refusals).
class EventBuffer {
 public:
  EventBuffer(Event* storage, std::size_t capacity) noexcept : data_(storage), capacity_(capacity) {}
  bool push(const Event& event) noexcept {
    if (size_ == capacity_) {
      overflowed_ = true;
      return false;
    }
    data_[size_++] = event;
    return true;
  }
  void clear() noexcept {
    size_ = 0;
    overflowed_ = false;
  }
  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool overflowed() const noexcept { return overflowed_; }
  const Event& operator[](std::size_t i) const noexcept { return data_[i]; }
  const Event* begin() const noexcept { return data_; }
  const Event* end() const noexcept { return data_ + size_; }

 private:
  Event* data_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  bool overflowed_ = false;
};

}  // namespace tradehost::sdk
