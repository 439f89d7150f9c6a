// The KuCoin venue's private-side pieces without the process: §7 signature checks against the
// protocol page's worked example, private topic shapes, and whole-lot fills in the ledger.
#include <gtest/gtest.h>

#include "market/market.hpp"
#include "trading/ledger.hpp"
#include "venues/kucoinfutures/kucoin_auth.hpp"
#include "venues/kucoinfutures/kucoin_topics.hpp"

namespace tradehost::sim::kucoinfutures {
namespace {

// protocols/kucoinfutures.md §7 worked example.
constexpr const char* kSecret = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3";
constexpr const char* kPassphrase = "tradehost-pass";
constexpr const char* kPassphraseV2 = "EZIxL2R+mLypDcScWnfST/VnQ5HUHESWlKlv8COJr3E=";
constexpr std::int64_t kTimestamp = 1'732'441'200'000;

class KucoinAuthTest : public ::testing::Test {
 protected:
  KucoinAuthTest()
      : market_(*make_instruments("BTC", 1), MarketOptions{1, kTimestamp, 500}),
        ledger_("kucoinfutures", market_,
                {Account{"kucoinfutures", "example", "example-key", kSecret, kPassphrase, 1'000'000'000'000}}, 1) {}

  static HttpRequest request(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& sign, const std::string& passphrase = kPassphraseV2) {
    HttpRequest r;
    r.method = method;
    r.target = target;
    const auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.raw_query = target.substr(q + 1);
    r.query = parse_query(r.raw_query);
    r.body = body;
    r.headers = {{"kc-api-key", "example-key"},
                 {"kc-api-sign", sign},
                 {"kc-api-timestamp", std::to_string(kTimestamp)},
                 {"kc-api-passphrase", passphrase},
                 {"kc-api-key-version", "2"}};
    return r;
  }

  std::string code_of(const HttpRequest& r, std::int64_t venue_ms = kTimestamp) const {
    const AuthResult a = authenticate(r, ledger_, venue_ms);
    if (a.account != nullptr) return "ok";
    const auto at = a.error.body.find("\"code\":\"");
    return a.error.body.substr(at + 8, 6);
  }

  Market market_;
  Ledger ledger_;
};

TEST_F(KucoinAuthTest, AcceptsTheWorkedExampleSignatures) {
  EXPECT_EQ(
      code_of(request(
          "POST", "/api/v1/orders",
          R"({"clientOid":"th-0001","side":"buy","symbol":"XBTUSDTM","type":"limit","price":"97010.5","size":5,"leverage":3,"timeInForce":"GTC","marginMode":"ISOLATED"})",
          "eKWaIXiQ/GUuZUAj+hcIqMuMFiou5iFvYmP8ef+LVPA=")),
      "ok");
  EXPECT_EQ(code_of(request("GET", "/api/v1/orders?status=active&symbol=XBTUSDTM", "",
                            "8k/pkJrPD038gLN4YWlbN7GafLhl5xXLLf2nNH76gAk=")),
            "ok");
  EXPECT_EQ(code_of(request("DELETE", "/api/v1/orders/client-order/th-0001?symbol=XBTUSDTM", "",
                            "BzTYqjXJowS6kTQGHGm4QhTAW/HoeVnADOi+Nfo7TnI=")),
            "ok");
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "", "YgUOngnjNUaWg797VXddV2MvD+hdmicB1Cp1KkD9gz0=")),
            "ok");
}

TEST_F(KucoinAuthTest, SignsThePercentDecodedQuery) {
  // §7: the endpoint is signed with raw (not percent-encoded) values.
  const HttpRequest encoded = request("GET", "/api/v1/orders?status=active&symbol=XBT%55SDTM", "",
                                      "8k/pkJrPD038gLN4YWlbN7GafLhl5xXLLf2nNH76gAk=");
  EXPECT_EQ(string_to_sign("1", encoded), "1GET/api/v1/orders?status=active&symbol=XBTUSDTM");
  EXPECT_EQ(code_of(encoded), "ok");
}

TEST_F(KucoinAuthTest, RefusesEachBrokenPartWithItsCode) {
  const std::string sign = "YgUOngnjNUaWg797VXddV2MvD+hdmicB1Cp1KkD9gz0=";
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "", sign), kTimestamp + 5'001), "400002");
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "", sign), kTimestamp - 5'001), "400002");
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "", sign), kTimestamp + 5'000), "ok");
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "", sign, kPassphrase)), "400004")
      << "a v2 key needs the HMAC'd passphrase";
  EXPECT_EQ(code_of(request("POST", "/api/v1/bullet-private", "x", sign)), "400005");
  HttpRequest v1 = request("POST", "/api/v1/bullet-private", "", sign, kPassphrase);
  v1.headers.back().second = "1";
  EXPECT_EQ(code_of(v1), "ok") << "a v1 key sends the passphrase in plain text";
  HttpRequest unknown = request("POST", "/api/v1/bullet-private", "", sign);
  unknown.headers[0].second = "nobody";
  EXPECT_EQ(code_of(unknown), "400003");
  HttpRequest missing = request("POST", "/api/v1/bullet-private", "", sign);
  missing.headers.erase(missing.headers.begin() + 1);
  EXPECT_EQ(code_of(missing), "400001");
}

TEST(KucoinPrivateTopics, NamesFollowSection9) {
  auto names = [](const std::string& topic) { return private_topic_names(parse_topic(topic)); };
  EXPECT_EQ(parse_topic("/contractMarket/tradeOrders").status, TopicStatus::private_topic);
  EXPECT_EQ(names("/contractMarket/tradeOrders"), std::vector<std::string>{"/contractMarket/tradeOrders"});
  EXPECT_EQ(names("/contractMarket/tradeOrders:XBTUSDTM,ETHUSDTM"),
            (std::vector<std::string>{"/contractMarket/tradeOrders:XBTUSDTM", "/contractMarket/tradeOrders:ETHUSDTM"}));
  EXPECT_EQ(names("/contract/position:XBTUSDTM"), std::vector<std::string>{"/contract/position:XBTUSDTM"});
  EXPECT_FALSE(names("/contract/position").has_value());
  EXPECT_EQ(names("/contract/positionAll"), std::vector<std::string>{"/contract/positionAll"});
  EXPECT_FALSE(names("/contractAccount/wallet:USDT").has_value());
}

TEST(KucoinLots, FillsComeInWholeContracts) {
  Market market(*make_instruments("BTC,ETH", 1), MarketOptions{1, kTimestamp, 500});
  market.advance_to(kTimestamp + 60'000);
  Ledger ledger("kucoinfutures", market, default_accounts(), 1);
  const Instrument& eth = market.instruments()[1];
  ASSERT_EQ(eth.contract_steps, 10);
  for (std::int64_t contracts = 1; contracts <= 30; contracts += 7) {
    PlaceRequest r;
    r.account = "sim-kucoin-key";
    r.symbol = 1;
    r.type = OrderType::market;
    r.qty = contracts * eth.contract_steps;
    r.lot_steps = eth.contract_steps;
    const LedgerResult placed = ledger.place(r, kTimestamp + 60'000);
    ASSERT_EQ(placed.reject, Reject::none);
    EXPECT_EQ(placed.order->filled, r.qty);
    for (const Fill& f : placed.order->fills) EXPECT_EQ(f.qty % eth.contract_steps, 0) << "a fraction of a contract";
  }
}

}  // namespace
}  // namespace tradehost::sim::kucoinfutures
