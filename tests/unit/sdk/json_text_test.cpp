// raw_json_text: in-place reads of JSON strings, refusing escapes.
#include <tradehost/sdk/json_text.hpp>

#include <gtest/gtest.h>

namespace {

// What simdjson's raw_json_string gives: a pointer just past the opening quote.
struct FakeRaw {
  const char* p;
  const char* raw() const { return p; }
};

TEST(RawJsonText, ReadsUpToTheClosingQuoteWithoutCopying) {
  const char frame[] = R"("94187.20","x")";
  std::string_view out;
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{frame + 1}, out));
  EXPECT_EQ(out, "94187.20");
  EXPECT_EQ(out.data(), frame + 1) << "a view into the frame, not a copy";
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{frame + 12}, out));
  EXPECT_EQ(out, "x");
}

TEST(RawJsonText, AnEscapeIsRefusedAndAnEmptyStringIsEmpty) {
  const char escaped[] = R"("BTC\"USDT")";
  std::string_view out = "untouched";
  EXPECT_FALSE(tradehost::sdk::raw_json_text(FakeRaw{escaped + 1}, out));
  EXPECT_EQ(out, "untouched");
  const char empty[] = R"("")";
  ASSERT_TRUE(tradehost::sdk::raw_json_text(FakeRaw{empty + 1}, out));
  EXPECT_TRUE(out.empty());
}

}  // namespace
