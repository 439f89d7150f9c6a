// The venues this sim serves, in the order of their listeners (binance, bingx, kucoinfutures).
#pragma once

#include <memory>
#include <vector>

#include "venues/venue.hpp"

namespace tradehost::sim {

std::vector<std::unique_ptr<Venue>> make_venues(VenueContext context);

}  // namespace tradehost::sim
