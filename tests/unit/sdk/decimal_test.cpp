#include <tradehost/sdk/decimal.hpp>

#include <gtest/gtest.h>

namespace sdk = tradehost::sdk;

namespace {
sdk::Decimal parsed(std::string_view text) {
  sdk::Decimal d{-1, 99};
  EXPECT_TRUE(sdk::parse_decimal(text, d)) << text;
  return d;
}
}  // namespace

TEST(ParseDecimal, KeepsTheVenuesNumberOfDecimals) {
  EXPECT_EQ(parsed("94210.50"), (sdk::Decimal{9421050, 2}));
  EXPECT_EQ(parsed("0.045"), (sdk::Decimal{45, 3}));
  EXPECT_EQ(parsed("5"), (sdk::Decimal{5, 0}));
  EXPECT_EQ(parsed("-0.005"), (sdk::Decimal{-5, 3}));
  EXPECT_EQ(parsed("0.000000000000000001"), (sdk::Decimal{1, 18}));
}

TEST(ParseDecimal, TakesEighteenSignificantDigitsHoweverManyLeadingZerosComeFirst) {
  EXPECT_EQ(parsed("123456789012345678"), (sdk::Decimal{123456789012345678, 0}));
  EXPECT_EQ(parsed("-12345678.9012345678"), (sdk::Decimal{-123456789012345678, 10}));
  // Longer than 18 digits in all, but the leading zeros are not significant.
  EXPECT_EQ(parsed("0000000000000000000042.5"), (sdk::Decimal{425, 1}));
  EXPECT_EQ(parsed("0.00000000000000012"), (sdk::Decimal{12, 17}));
}

TEST(ParseDecimal, RefusesAnythingButPlainDecimalsAndLeavesTheOutputAlone) {
  for (std::string_view bad : {"", "-", ".5", "5.", "1e3", "+1", " 1", "1 ", "1.2.3", "abc",
                               "1234567890123456789", "0.0000000000000000001", "99999999999999999999",
                               "18446744073709551617", "1.-2", "--1", "1..2"}) {
    sdk::Decimal d{7, 1};
    EXPECT_FALSE(sdk::parse_decimal(bad, d)) << bad;
    EXPECT_EQ(d, (sdk::Decimal{7, 1})) << bad;
  }
}
