#include "config/key_schema.hpp"

#include <gtest/gtest.h>

namespace tradehost::config {
namespace {

ConfigDocument doc_with(std::vector<std::pair<std::string, int>> keys) {
  ConfigDocument doc{"config.yaml", {}, {}};
  for (auto& [k, line] : keys) doc.entries.push_back({k, ConfigEntry::Kind::scalar, "1", {}, line});
  return doc;
}

TEST(KeySchema, KnownKeysAndExchangeNamesPass) {
  auto problems = check_keys(doc_with({{"universe.fixed_symbols", 1},
                                       {"websocket.max_streams_per_exchange.custom_exchange", 2},
                                       {"exchanges.bingx.rest_url", 3},
                                       {"portfolio.equity_usd", 4}}));
  EXPECT_TRUE(problems.empty());
}

TEST(KeySchema, AMisspelledTableIsReportedOnceAtItsOwnKeyWithASuggestion) {
  auto doc = doc_with({{"websocket.max_stream_per_exchange.bingx", 13}, {"websocket.max_stream_per_exchange.binance", 14}});
  doc.key_lines["websocket.max_stream_per_exchange"] = 12;
  auto problems = check_keys(doc);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "websocket.max_stream_per_exchange");
  EXPECT_EQ(problems[0].line, 12);
  EXPECT_EQ(problems[0].suggestion, "websocket.max_streams_per_exchange");
}

TEST(KeySchema, AFarOffKeyGetsNoSuggestion) {
  auto problems = check_keys(doc_with({{"telemetry.endpoint", 1}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "telemetry");
  EXPECT_FALSE(problems[0].suggestion.has_value());
}

TEST(KeySchema, SuggestionsKeepTheExchangeNameTheOperatorWrote) {
  auto problems = check_keys(doc_with({{"exchanges.bingx.rest_ur", 1}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].suggestion, "exchanges.bingx.rest_url");
}

TEST(KeySchema, CredentialsInTheFileAreASeparateProblem) {
  auto problems = check_keys(doc_with({{"exchanges.binance.api_key", 4}, {"exchanges.kucoinfutures.passphrase", 5}}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].kind, KeyProblem::Kind::secret_in_file);
  EXPECT_EQ(problems[1].kind, KeyProblem::Kind::secret_in_file);
}

TEST(KeySchema, EditDistanceCountsSingleEdits) {
  EXPECT_EQ(edit_distance("stream", "streams"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(KeySchema, LeavesAreToldApartFromTables) {
  EXPECT_TRUE(is_schema_leaf("universe.fixed_symbols"));
  EXPECT_TRUE(is_schema_leaf("websocket.max_streams_per_exchange.anything"));
  EXPECT_FALSE(is_schema_leaf("websocket.max_streams_per_exchange"));
  EXPECT_FALSE(is_schema_leaf("universe"));
}

}  // namespace
}  // namespace tradehost::config
