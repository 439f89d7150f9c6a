// The sim's trading core: signing checks against the venues' published vectors, and the ledger's
// matching, positions, fees and idempotent client ids.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "market/market.hpp"
#include "trading/hmac.hpp"
#include "trading/ledger.hpp"

namespace tradehost::sim {
namespace {

TEST(SimHmac, MatchesBinancesDocumentedVector) {
  // protocols/binance.md §7, verified there with python's hmac.
  EXPECT_EQ(to_hex(hmac_sha256("2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9",
                               "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&"
                               "timestamp=1591702613943")),
            "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
}

TEST(SimHmac, MatchesBingxsDocumentedVector) {
  EXPECT_EQ(to_hex(hmac_sha256("mheO6dR8ovSsxZQCOYEFCtelpuxcWGTfHw7te326y6jOwq5WpvFQ9JNljoTwBXZGv5It07m9RXSPpDQEK2w",
                               "symbol=BTC-USDT&timestamp=1667872120843&side=LONG&leverage=6")),
            "4f581ecdb1fa09b9d6e57886b6f70cffed17f82b93399722939e49a38edec2bf");
}

TEST(SimHmac, MatchesKucoinsWorkedExample) {
  const std::string secret = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3";
  EXPECT_EQ(to_base64(hmac_sha256(secret, "tradehost-pass")), "EZIxL2R+mLypDcScWnfST/VnQ5HUHESWlKlv8COJr3E=");
  EXPECT_EQ(to_base64(hmac_sha256(secret, "1732441200000POST/api/v1/bullet-private")),
            "YgUOngnjNUaWg797VXddV2MvD+hdmicB1Cp1KkD9gz0=");
}

class LedgerTest : public ::testing::Test {
 protected:
  LedgerTest()
      : market_(*make_instruments("BTC,ETH", 1), MarketOptions{1, 1'767'225'600'000, 500}),
        ledger_("binance", market_, default_accounts(), 1000) {
    market_.advance_to(1'767'225'600'000);
  }
  PlaceRequest market_buy(std::int64_t qty, std::string client_id = "") {
    return PlaceRequest{"sim-binance-key", 0, OrderSide::buy, OrderType::market, TimeInForce::gtc, 0, qty,
                        std::move(client_id), false, 10};
  }
  Market market_;
  Ledger ledger_;
};

TEST_F(LedgerTest, AMarketOrderFillsAtTheAskAndOpensAPosition) {
  const BookEvent book = market_.book(0);
  auto r = ledger_.place(market_buy(book.ask_qty), 1);
  ASSERT_EQ(r.reject, Reject::none);
  EXPECT_EQ(r.order->status, OrderStatus::filled);
  ASSERT_EQ(r.order->fills.size(), 1u);
  EXPECT_EQ(r.order->fills[0].price, book.ask);
  EXPECT_EQ(ledger_.position("sim-binance-key", 0).qty, book.ask_qty);
  EXPECT_LT(ledger_.balance("sim-binance-key"), 10'000LL * 100'000'000) << "the taker fee is paid";
}

TEST_F(LedgerTest, ALargeOrderFillsInPartsAtWorsePrices) {
  const BookEvent book = market_.book(0);
  auto r = ledger_.place(market_buy(book.ask_qty + 300), 1);
  ASSERT_EQ(r.reject, Reject::none);
  ASSERT_GE(r.order->fills.size(), 2u);
  EXPECT_EQ(r.order->fills[1].price, book.ask + 1);
  EXPECT_EQ(r.order->filled, book.ask_qty + 300);
}

TEST_F(LedgerTest, AClientIdIsNeverUsedTwice) {
  auto first = ledger_.place(market_buy(1, "th-0001"), 1);
  ASSERT_EQ(first.reject, Reject::none);
  auto again = ledger_.place(market_buy(1, "th-0001"), 2);
  EXPECT_EQ(again.reject, Reject::duplicate_client_id);
  EXPECT_EQ(again.order, first.order) << "the duplicate points at the existing order";
  EXPECT_EQ(ledger_.position("sim-binance-key", 0).qty, 1);
}

TEST_F(LedgerTest, ARestingLimitOrderFillsAsMakerWhenTheMarketTradesThrough) {
  const BookEvent book = market_.book(0);
  PlaceRequest r = market_buy(5, "th-limit");
  r.type = OrderType::limit;
  r.price = book.bid - 2;
  auto placed = ledger_.place(r, 1);
  ASSERT_EQ(placed.reject, Reject::none);
  EXPECT_EQ(placed.order->status, OrderStatus::open);
  ledger_.on_market_trade(TradeEvent{0, 1, book.bid - 3, 1, false, 2});
  auto found = ledger_.find("sim-binance-key", std::nullopt, std::string("th-limit"));
  ASSERT_EQ(found.reject, Reject::none);
  EXPECT_EQ(found.order->status, OrderStatus::filled);
  EXPECT_TRUE(found.order->fills[0].maker);
  EXPECT_EQ(found.order->fills[0].price, book.bid - 2);
}

TEST_F(LedgerTest, ReduceOnlyCannotOpenAndClosingRealisesPnl) {
  PlaceRequest sell = market_buy(3);
  sell.side = OrderSide::sell;
  sell.reduce_only = true;
  EXPECT_EQ(ledger_.place(sell, 1).reject, Reject::reduce_only_would_increase);
  ASSERT_EQ(ledger_.place(market_buy(3), 1).reject, Reject::none);
  auto closed = ledger_.place(sell, 2);
  ASSERT_EQ(closed.reject, Reject::none);
  EXPECT_EQ(ledger_.position("sim-binance-key", 0).qty, 0);
  EXPECT_LT(closed.order->fills[0].realized_pnl, 0) << "bought at the ask, sold at the bid";
}

TEST_F(LedgerTest, PostOnlyThatWouldTakeIsRefusedAndCancelWorksOnce) {
  const BookEvent book = market_.book(0);
  PlaceRequest r = market_buy(1);
  r.type = OrderType::limit;
  r.tif = TimeInForce::post_only;
  r.price = book.ask;
  EXPECT_EQ(ledger_.place(r, 1).reject, Reject::post_only_would_take);
  r.price = book.bid - 5;
  auto placed = ledger_.place(r, 1);
  ASSERT_EQ(placed.reject, Reject::none);
  EXPECT_EQ(ledger_.cancel("sim-binance-key", placed.order->id, std::nullopt, 2).reject, Reject::none);
  EXPECT_EQ(ledger_.cancel("sim-binance-key", placed.order->id, std::nullopt, 3).reject, Reject::not_open);
}

TEST_F(LedgerTest, TooLargeForTheBalanceIsInsufficientMargin) {
  EXPECT_EQ(ledger_.place(market_buy(1'000'000), 1).reject, Reject::insufficient_margin);
}

TEST_F(LedgerTest, StateSurvivesAJsonRoundTrip) {
  ASSERT_EQ(ledger_.place(market_buy(2, "th-keep"), 1).reject, Reject::none);
  const auto saved = ledger_.to_json();
  Ledger restored("binance", market_, default_accounts(), 1000);
  ASSERT_TRUE(restored.load_json(saved).has_value());
  EXPECT_EQ(restored.position("sim-binance-key", 0).qty, 2);
  EXPECT_EQ(restored.balance("sim-binance-key"), ledger_.balance("sim-binance-key"));
  EXPECT_EQ(restored.place(market_buy(1, "th-keep"), 2).reject, Reject::duplicate_client_id);
}

}  // namespace
}  // namespace tradehost::sim
