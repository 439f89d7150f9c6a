#include "venues/venue_factory.hpp"

#include "venues/binance/binance_venue.hpp"
#include "venues/bingx/bingx_venue.hpp"
#include "venues/kucoinfutures/kucoin_venue.hpp"

namespace tradehost::sim {

std::vector<std::unique_ptr<Venue>> make_venues(VenueContext context) {
  std::vector<std::unique_ptr<Venue>> out;
  out.push_back(std::make_unique<binance::BinanceVenue>(context));
  out.push_back(std::make_unique<bingx::BingxVenue>(context));
  out.push_back(std::make_unique<kucoinfutures::KucoinVenue>(context));
  return out;
}

}  // namespace tradehost::sim
