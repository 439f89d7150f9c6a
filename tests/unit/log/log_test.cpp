#include "log/log.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "log/secret.hpp"

namespace tradehost::log {
namespace {

TEST(Secret, FormatsAsStarsAndRevealsOnlyOnRequest) {
  Secret s("sk-live-abcdef123456");
  EXPECT_EQ(fmt::format("key={}", s), "key=***");
  EXPECT_EQ(s.reveal(), "sk-live-abcdef123456");
}

TEST(Scrub, MasksEveryRegisteredSecretEverywhere) {
  Secret s("hunter2-very-secret");
  EXPECT_EQ(scrub("a hunter2-very-secret b hunter2-very-secret"), "a *** b ***");
  EXPECT_EQ(scrub("nothing here"), "nothing here");
}

TEST(Scrub, IgnoresValuesTooShortToMaskSafely) {
  register_secret("abc");
  EXPECT_EQ(scrub("abc abc"), "abc abc");
}

TEST(LogLevels, ParseTheNamesOperatorsType) {
  EXPECT_EQ(*parse_level("warning"), Level::warning);
  EXPECT_EQ(*parse_level("warn"), Level::warning);
  EXPECT_FALSE(parse_level("WARNING").has_value());
  EXPECT_EQ(*parse_format("json"), Format::json);
  EXPECT_FALSE(parse_format("yaml").has_value());
}

}  // namespace
}  // namespace tradehost::log
