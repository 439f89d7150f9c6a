#include "config/config_document.hpp"

#include <gtest/gtest.h>

#include "config/limits.hpp"
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

// ---- limits (config/limits.hpp): each refusal is `rejected` with file:line and the limit ----

std::string repeat(std::string_view text, std::size_t n) {
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

// "a.a.a...a" with n parts.
std::string dotted(std::size_t n) { return "a" + repeat(".a", n - 1); }

// Expects a refusal by a limit whose message starts with file:line and holds `what`.
void expect_refused(const sdk::Result<ConfigDocument>& doc, const std::filesystem::path& file, int line,
                    const std::string& what) {
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, sdk::ErrorCode::rejected) << doc.error().message;
  EXPECT_EQ(doc.error().message.rfind(file.string() + ":" + std::to_string(line) + ": ", 0), 0u)
      << doc.error().message;
  EXPECT_NE(doc.error().message.find(what), std::string::npos) << doc.error().message;
}

TEST(ConfigLimits, AFileOverOneMebibyteIsRefusedBeforeParsing) {
  TempDir dir;
  // Valid YAML all the way, so only the size can refuse it: a comment line per 64 bytes.
  const std::string line = "# " + std::string(61, 'x') + "\n";
  const auto f = dir.write("big.yaml", repeat(line, kMaxConfigFileBytes / line.size() + 10));
  expect_refused(load_config_document(f), f, static_cast<int>(kMaxConfigFileBytes / line.size()) + 1,
                 "over the limit of 1048576 bytes (1 MiB)");
}

TEST(ConfigLimits, ADeviceThatNeverEndsCostsOneMebibyte) {
  // A config symlinked to /dev/zero: no size to stat, so only the bounded read stops it.
  TempDir dir;
  const auto link = dir.path() / "zero.yaml";
  std::filesystem::create_symlink("/dev/zero", link);
  auto doc = load_config_document(link);
  expect_refused(doc, link, 1, "the file is over the limit of 1048576 bytes (1 MiB)");
}

TEST(ConfigLimits, AFileOfExactlyTheLimitIsRead) {
  TempDir dir;
  std::string text = "a: 1\n# ";
  text += std::string(kMaxConfigFileBytes - text.size() - 1, 'x') + "\n";
  auto doc = load_config_document(dir.write("edge.yaml", text));
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->find("a")->text, "1");
}

TEST(ConfigLimits, ATomlHeaderOfTwentyThousandPartsIsRefusedWithItsLine) {
  TempDir dir;
  const auto f = dir.write("deep.toml", "[universe]\nfixed_symbols = []\n[" + dotted(20000) + "]\nx = 1\n");
  expect_refused(load_config_document(f), f, 3, "nested deeper than 32 levels (limit 32)");
}

TEST(ConfigLimits, ATomlHeaderAsLongAsTheFileLimitAllowsIsRefused) {
  // About 500,000 parts: toml++ itself overflowed the stack on this before our walk began.
  TempDir dir;
  const auto f = dir.write("deeper.toml", "[" + dotted(kMaxConfigFileBytes / 2 - 8) + "]\n");
  expect_refused(load_config_document(f), f, 1, "nested deeper than 32 levels");
}

TEST(ConfigLimits, ADeepTomlDottedKeyIsRefused) {
  TempDir dir;
  const auto f = dir.write("key.toml", "# " + dotted(100) + "\n[websocket]\n" + dotted(100) + " = 1\n");
  expect_refused(load_config_document(f), f, 3, "nested deeper than 32 levels");
}

TEST(ConfigLimits, DeepTomlArraysAndInlineTablesAreRefused) {
  TempDir dir;
  const auto arrays = dir.write("arrays.toml", "a = 1\nb = " + repeat("[", 100) + repeat("]", 100) + "\n");
  expect_refused(load_config_document(arrays), arrays, 2, "nested deeper than 32 levels");
  const auto tables = dir.write("tables.toml", "b = " + repeat("{a = ", 100) + "1" + repeat("}", 100) + "\n");
  expect_refused(load_config_document(tables), tables, 1, "nested deeper than 32 levels");
}

TEST(ConfigLimits, TomlDepthCountsTheHeaderAndTheKeyTogether) {
  TempDir dir;
  // 20 parts of header + 13 of key = 33 levels; each alone is fine.
  const auto f = dir.write("sum.toml", "[" + dotted(20) + "]\n" + dotted(13) + " = 1\n");
  expect_refused(load_config_document(f), f, 2, "nested deeper than 32 levels");
  const auto ok = dir.write("ok.toml", "[" + dotted(20) + "]\n" + dotted(12) + " = 1\n");
  auto doc = load_config_document(ok);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_NE(doc->find(dotted(32)), nullptr);
}

TEST(ConfigLimits, DotsInTomlStringsCommentsAndValuesAreNotLevels) {
  TempDir dir;
  const std::string dots = repeat(".", 100);
  const auto f = dir.write("dots.toml", "# " + dots + "\n\"" + dots + "\" = '" + dots + "'\nb = \"\"\"\n" + dots +
                                            "\n\"\"\"\nc = [1.5, 2.5, " + repeat("0.5, ", 40) + "3.5]\n[d]\ne = 1.5\n");
  auto doc = load_config_document(f);
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  EXPECT_EQ(doc->find("d.e")->line, 8);
}

TEST(ConfigLimits, DeepYamlNestingIsRefused) {
  TempDir dir;
  // Within yaml-cpp's own guard: our walk refuses it at level 33.
  std::string block;
  for (int i = 0; i < 40; ++i) block += std::string(2 * static_cast<std::size_t>(i), ' ') + "a:\n";
  const auto f = dir.write("block.yaml", block + std::string(80, ' ') + "b: 1\n");
  expect_refused(load_config_document(f), f, 33, "nested deeper than 32 levels (limit 32)");
  // Beyond it: yaml-cpp stops, and the refusal is the same.
  const auto flow = dir.write("flow.yaml", "a: " + repeat("[", 100000) + repeat("]", 100000) + "\n");
  expect_refused(load_config_document(flow), flow, 1, "nested deeper than 32 levels");
}

TEST(ConfigLimits, NestedYamlAliasesStopAtTheNodeLimit) {
  // Nine levels of nine aliases of the level below: 9^9 leaves from 825 bytes.
  std::string text = "a0: &a0 {k: v}\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {";
    for (int j = 0; j < 9; ++j) text += (j ? ", k" : "k") + std::to_string(j) + ": *a" + std::to_string(i - 1);
    text += "}\n";
  }
  TempDir dir;
  const auto f = dir.write("bomb.yaml", text);
  auto doc = load_config_document(f);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, sdk::ErrorCode::rejected);
  EXPECT_NE(doc.error().message.find("more than 10000 keys, values and list items (limit 10000"), std::string::npos)
      << doc.error().message;
}

TEST(ConfigLimits, ALongListCountsEachItem) {
  TempDir dir;
  const auto f = dir.write("list.toml", "[universe]\nfixed_symbols = [" + repeat("\"BTC/USDT:USDT\", ", 10001) + "]\n");
  expect_refused(load_config_document(f), f, 2, "more than 10000 keys, values and list items");
}

TEST(ConfigLimits, LongKeysAndValuesAreRefused) {
  TempDir dir;
  const auto key = dir.write("key.yaml", "universe:\n  " + std::string(300, 'k') + ": 1\n");
  expect_refused(load_config_document(key), key, 2, "is longer than 256 bytes (limit 256)");
  const auto value =
      dir.write("value.toml", "[exchanges.binance]\nrest_url = \"https://" + std::string(5000, 'h') + "\"\n");
  expect_refused(load_config_document(value), value, 2,
                 "the value of 'exchanges.binance.rest_url' is longer than 4096 bytes (limit 4096)");
}

}  // namespace
}  // namespace tradehost::config
