// Tests that decimals go to the journal's TEXT and back exactly, scale included.
#include "journal/decimal_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace tradehost::journal {
namespace {

TEST(DecimalText, PrintsTheScaleTheVenueSent) {
  EXPECT_EQ(decimal_to_text({10, 3}), "0.010");
  EXPECT_EQ(decimal_to_text({9421050, 2}), "94210.50");
  EXPECT_EQ(decimal_to_text({5, 0}), "5");
  EXPECT_EQ(decimal_to_text({12, 5}), "0.00012");
  EXPECT_EQ(decimal_to_text({0, 2}), "0.00");
}

TEST(DecimalText, PrintsNegativesIncludingTheSmallestMantissa) {
  EXPECT_EQ(decimal_to_text({-12340, 3}), "-12.340");
  EXPECT_EQ(decimal_to_text({-5, 4}), "-0.0005");
  EXPECT_EQ(decimal_to_text({std::numeric_limits<std::int64_t>::min(), 0}), "-9223372036854775808");
}

TEST(DecimalText, ReadsBackExactlyWhatItPrinted) {
  for (sdk::Decimal d :
       {sdk::Decimal{10, 3}, sdk::Decimal{-12340, 3}, sdk::Decimal{12, 5},
        sdk::Decimal{999999999999999999, 18}, sdk::Decimal{0, 0}, sdk::Decimal{-1, 18}}) {
    const auto back = decimal_from_text(decimal_to_text(d));
    ASSERT_TRUE(back.has_value()) << decimal_to_text(d);
    EXPECT_EQ(*back, d) << decimal_to_text(d);
  }
}

TEST(DecimalText, RefusesTextThatIsNotAnExactDecimal) {
  EXPECT_FALSE(decimal_from_text("1e5").has_value());
  EXPECT_FALSE(decimal_from_text("").has_value());
  EXPECT_FALSE(decimal_from_text("0.1 ").has_value());
  EXPECT_FALSE(decimal_from_text("94210.5000000000000000001").has_value());
}

}  // namespace
}  // namespace tradehost::journal
