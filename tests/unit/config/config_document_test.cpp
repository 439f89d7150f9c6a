#include "config/config_document.hpp"

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace tradehost::config {
namespace {

using test::TempDir;

TEST(ConfigDocument, YamlLeavesCarryTheLineOfTheirKey) {
  TempDir dir;
  auto doc = load_config_document(dir.write("c.yaml",
                                            "# comment\nuniverse:\n  fixed_symbols:\n    - BTC/USDT:USDT\n"
                                            "websocket:\n  max_streams_per_exchange:\n    bingx: 5\n"));
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  const ConfigEntry* symbols = doc->find("universe.fixed_symbols");
  ASSERT_NE(symbols, nullptr);
  EXPECT_EQ(symbols->kind, ConfigEntry::Kind::list);
  EXPECT_EQ(symbols->line, 3);
  EXPECT_EQ(symbols->items, std::vector<std::string>{"BTC/USDT:USDT"});
  const ConfigEntry* cap = doc->find("websocket.max_streams_per_exchange.bingx");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->text, "5");
  EXPECT_EQ(cap->line, 7);
  EXPECT_EQ(doc->line_of("websocket.max_streams_per_exchange"), 6);
}

TEST(ConfigDocument, TomlGivesTheSameKeysAsYaml) {
  TempDir dir;
  auto doc = load_config_document(dir.write("c.toml",
                                            "[universe]\nfixed_symbols = [\"BTC/USDT:USDT\"]\n\n"
                                            "[websocket.max_streams_per_exchange]\nbingx = 5\n"));
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  const ConfigEntry* cap = doc->find("websocket.max_streams_per_exchange.bingx");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->text, "5");
  EXPECT_EQ(cap->line, 5);
  ASSERT_NE(doc->find("universe.fixed_symbols"), nullptr);
  EXPECT_EQ(doc->find("universe.fixed_symbols")->line, 2);
}

TEST(ConfigDocument, AMissingFileIsNotFound) {
  TempDir dir;
  auto doc = load_config_document(dir.path() / "missing.yaml");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, sdk::ErrorCode::not_found);
}

TEST(ConfigDocument, ParseErrorsNameFileAndLine) {
  TempDir dir;
  const auto yaml = dir.write("bad.yaml", "a:\n  b: [1, 2\n");
  auto y = load_config_document(yaml);
  ASSERT_FALSE(y.has_value());
  EXPECT_NE(y.error().message.find(yaml.string() + ":"), std::string::npos) << y.error().message;
  const auto toml = dir.write("bad.toml", "[a]\nb = = 1\n");
  auto t = load_config_document(toml);
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message.find(toml.string() + ":2"), std::string::npos) << t.error().message;
}

TEST(ConfigDocument, AnEmptyYamlFileIsAnEmptyConfig) {
  TempDir dir;
  auto doc = load_config_document(dir.write("empty.yaml", "# nothing yet\n"));
  ASSERT_TRUE(doc.has_value());
  EXPECT_TRUE(doc->entries.empty());
}

TEST(ConfigDocument, AListOfTablesIsMarkedOther) {
  TempDir dir;
  auto doc = load_config_document(dir.write("c.yaml", "universe:\n  fixed_symbols:\n    - {a: 1}\n"));
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->find("universe.fixed_symbols")->kind, ConfigEntry::Kind::other);
}

}  // namespace
}  // namespace tradehost::config
