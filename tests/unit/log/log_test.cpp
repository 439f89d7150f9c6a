#include "log/log.hpp"

#include <algorithm>
#include <cstddef>
#include <new>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

TEST(TextLog, AForgedNewlineInAValueOrTheMessageStaysOnOneLine) {
  const std::string venue_text = "bad symbol\n2026-12-06T00:00:00.000Z ERROR   forged [fake key=v]";
  const std::string line = render(Level::warning, "venue_error", "venue said: " + venue_text,
                                  {{"reason", venue_text}, {"code", "-1121"}}, Format::text);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_NE(line.find("venue said: bad symbol\\n2026-12-06"), std::string::npos) << line;
  EXPECT_NE(line.find(" reason=\"bad symbol\\n2026-12-06T00:00:00.000Z ERROR   forged [fake key=v]\""),
            std::string::npos)
      << line;
  EXPECT_NE(line.find(" code=-1121]"), std::string::npos) << line;
}

TEST(TextLog, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string line =
      render(Level::info, "e", "m\"\r\x01", {{"k", "a\" x=\"forged\\"}, {"t", "tab\there"}}, Format::text);
  EXPECT_NE(line.find(" m\\\"\\r\\x01 [e"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( k="a\" x=\"forged\\")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"( t="tab\there")"), std::string::npos) << line;
  EXPECT_EQ(line.find('\r'), std::string::npos) << line;
}

TEST(JsonLog, MasksASecretHoldingQuotesAndBackslashesBeforeEscaping) {
  const std::string planted = R"(PLANTED"quote\back-9d1e)";
  Secret s(planted);
  const std::string line =
      render(Level::error, "signed", "rejected " + planted, {{"body", "{\"sig\":\"" + planted + "\"}"}}, Format::json);
  EXPECT_EQ(line.find("PLANTED"), std::string::npos) << line;
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j.at("msg"), "rejected ***");
  EXPECT_EQ(j.at("body"), R"({"sig":"***"})");
  const std::string text = render(Level::error, "signed", "rejected " + planted, {{"sig", planted}}, Format::text);
  EXPECT_EQ(text.find("PLANTED"), std::string::npos) << text;
}

TEST(Wipe, OverwritesEveryByteAStringOwnsAndKeepsItsBuffer) {
  for (const std::string& value : {std::string("short-key"), std::string(200, 'k')}) {
    std::string text = value;
    const char* buffer = text.data();
    const std::size_t capacity = text.capacity();
    wipe(text);
    EXPECT_TRUE(text.empty());
    ASSERT_EQ(text.data(), buffer);  // still ours: reading it is not a read after free
    ASSERT_EQ(text.capacity(), capacity);
    EXPECT_TRUE(std::all_of(buffer, buffer + capacity, [](char c) { return c == 0; })) << value.size();
  }
}

TEST(Secret, WipesItsOwnStorageWhenDestroyed) {
  // A short value lives inside the Secret object (the small-string buffer). Constructed in storage
  // the test owns, its bytes can be read after the destructor without touching freed memory.
  alignas(Secret) unsigned char storage[sizeof(Secret)];
  auto* secret = new (storage) Secret(std::string("sk-1234567"));
  ASSERT_EQ(secret->reveal(), "sk-1234567");
  secret->~Secret();
  const std::string bytes(reinterpret_cast<const char*>(storage), sizeof(storage));
  EXPECT_EQ(bytes.find("sk-1234567"), std::string::npos);
  EXPECT_EQ(bytes.find("1234"), std::string::npos);
}

TEST(Secret, LeavesNothingInTheObjectItWasMovedFrom) {
  alignas(Secret) unsigned char storage[sizeof(Secret)];
  auto* from = new (storage) Secret(std::string("sk-7654321"));
  Secret to(std::move(*from));
  EXPECT_EQ(to.reveal(), "sk-7654321");
  const std::string bytes(reinterpret_cast<const char*>(storage), sizeof(storage));
  EXPECT_EQ(bytes.find("7654"), std::string::npos);
  from->~Secret();
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
