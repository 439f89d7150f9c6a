// The examplex adapter under the tradehost conformance kit, plus the venue rules the kit cannot
// know (how examplex spells things). Recorded frames are in ../frames.
#include <gtest/gtest.h>

#include <tradehost/conformance/gtest.hpp>

#include "examplex_adapter.hpp"

namespace {

TEST(Examplex, PassesTheConformanceKit) {
  examplex::ExamplexAdapter adapter;
  tradehost::conformance::expect_conformant(adapter, {.frames_dir = EXAMPLEX_FRAMES_DIR});
}

TEST(Examplex, SpellsSymbolsAndTopicsItsOwnWay) {
  examplex::ExamplexAdapter adapter;
  const tradehost::sdk::UnifiedSymbol btc{"BTC", "USDT", "USDT"};
  EXPECT_EQ(*adapter.venue_symbol(btc), "BTC-USDT");
  EXPECT_EQ(*adapter.stream_name({tradehost::sdk::EventKind::kline, btc, tradehost::sdk::Timeframe::h1}),
            "kline.1h.BTC-USDT");
  EXPECT_FALSE(adapter.venue_symbol({"BTC", "USD", "BTC"})) << "inverse contracts are not examplex's";
}

TEST(Examplex, AnswersTheServersPingAndCountsAcks) {
  examplex::ExamplexAdapter adapter;
  const tradehost::sdk::UnifiedSymbol btc{"BTC", "USDT", "USDT"};
  const tradehost::sdk::SymbolBinding bindings[] = {{1, btc, {}}};
  ASSERT_TRUE(adapter.bind_symbols(bindings));
  std::vector<tradehost::sdk::Event> storage(8);
  auto decode = [&](std::string text) {
    text.resize(text.size() + tradehost::sdk::kFramePadding, '\0');
    tradehost::sdk::EventBuffer out(storage.data(), storage.size());
    return adapter.decode({text.data(), text.size() - tradehost::sdk::kFramePadding, false}, out);
  };
  EXPECT_EQ(decode(R"({"op":"ping"})").control, tradehost::sdk::ControlKind::ping);
  EXPECT_EQ(*adapter.ping_reply(), R"({"op":"pong"})");
  const auto ack = decode(R"({"op":"subscribe","id":7,"ok":true})");
  EXPECT_EQ(ack.control, tradehost::sdk::ControlKind::ack);
  EXPECT_EQ(ack.request_id, 7u);
  const auto refused = decode(R"({"op":"subscribe","id":8,"ok":false,"msg":"unknown topic"})");
  EXPECT_EQ(refused.control, tradehost::sdk::ControlKind::subscribe_error);
  EXPECT_STREQ(refused.detail, "unknown topic");
}

}  // namespace
