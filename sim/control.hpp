// ControlRouter: the sim's own small HTTP endpoint on loopback, for tests and operators:
//   GET  /status                 market and venue time, every venue's tuning and faults
//   POST /drop?venue=NAME        drop every WebSocket connection of a venue (or all) at once
//   POST /set?key=VENUE.KEY&value=N   change a tuning value or a fault while running
//   POST /trigger?venue=V&action=A    a one-off fault action (kucoinfutures: expire_tokens)
#pragma once

#include <vector>

#include "server/http_types.hpp"
#include "sim_clock.hpp"
#include "venues/venue.hpp"

namespace tradehost::sim {

// How well the sim keeps up with its clock: how far the market's last step is behind the
// simulated time when the driver runs (a step is `--step-ms`; more means it fell behind).
struct SimStats {
  std::int64_t lag_ms = 0;
  std::int64_t max_lag_ms = 0;
  std::int64_t ticks = 0;
};

class ControlRouter final : public Router {
 public:
  ControlRouter(std::vector<Venue*> venues, SimClock& clock, Market& market, const SimStats& stats)
      : venues_(std::move(venues)), clock_(clock), market_(market), stats_(stats) {}
  HttpResponse handle(const HttpRequest& request) override;
  std::unique_ptr<WsHandler> upgrade(const HttpRequest&, HttpResponse& refusal) override {
    refusal = HttpResponse::json(404, R"({"error":"the control endpoint has no WebSocket"})");
    return nullptr;
  }

 private:
  std::vector<Venue*> venues_;
  SimClock& clock_;
  Market& market_;
  const SimStats& stats_;
};

// Applies `venue.key=value` to the named venue's tuning; errors name what is unknown.
// `sim.skew_ms` skews every venue's clock (server time and event times, not the market).
sdk::Status apply_tuning(const std::vector<Venue*>& venues, SimClock& clock, const std::string& key,
                         std::int64_t value);

}  // namespace tradehost::sim
