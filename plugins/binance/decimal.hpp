// The venue's decimal text as exact sdk::Decimal values: the SDK's parser (sdk/decimal.hpp), the
// same for every adapter.
#pragma once

#include <tradehost/sdk/decimal.hpp>

namespace tradehost::binance {

using sdk::parse_decimal;

}  // namespace tradehost::binance
