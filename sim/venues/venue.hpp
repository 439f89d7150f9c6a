// Venue: one simulated exchange (its REST routes, its WebSocket protocol, its frame formats).
//
// A venue is a Router for its own listener and a MarketListener for the shared market. It gets
// a `flush` call every push interval (real time) to send what it batches, such as kline updates.
// Each venue is written from its protocol document on its own: no code is shared with the
// adapters in plugins/, or the integration tests would prove nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "market/market.hpp"
#include "trading/accounts.hpp"
#include "server/http_types.hpp"
#include "sim_clock.hpp"

namespace tradehost::sim {

// Tunable numbers of a venue (heartbeats, caps, lifetimes), settable with
// `--set <venue>.<name>=<value>`; the defaults are the venues' documented values.
using Tuning = std::map<std::string, std::int64_t>;

struct VenueContext {
  Market& market;
  SimClock& clock;
  std::string host;                     // 127.0.0.1
  std::vector<Account> accounts = {};   // every venue's; each venue takes its own
  std::string state_dir = {};           // empty: nothing survives a restart
  bool tls = false;                     // --tls: hand out https:// and wss:// URLs
};

// Faults every venue takes (docs/exchange-sim.md "Faults"); 0 = off. Set them like tuning:
// --set binance.fault_stall=1, or POST /set on the control endpoint while running.
inline const Tuning kFaultDefaults = {
    {"fault_stall", 0},                 // send no data and no heartbeat (a silent stall)
    {"fault_close_after_messages", 0},  // drop each connection after N data frames
    {"fault_malformed_every", 0},       // cut every Nth data frame in half
    {"fault_ignore_pongs", 0},          // act as if no pong arrived
    {"fault_ack_delay_ms", 0},          // hold subscription acknowledgements back
    {"fault_lag_ms", 0},                // connections opened meanwhile get every frame this late
    {"fault_rest_status", 0},           // answer every REST call with this status (429, 418, 503)
    {"fault_retry_after_s", 0},         // Retry-After (or the venue's equivalent) on those answers
    {"fault_rest_get_only", 0},         // 1: only GET requests get fault_rest_status (POSTs such as
                                        //    KuCoin's bullet token still work)
    {"fault_rest_bad_bars", 0},         // 1: REST kline answers carry each bar's low above its high
};

class Venue : public Router, public MarketListener {
 public:
  Venue() : faults_(kFaultDefaults) {}
  Tuning& faults() { return faults_; }
  std::int64_t fault(std::string_view key) const override {
    auto it = faults_.find(std::string(key));
    return it == faults_.end() ? 0 : it->second;
  }

  virtual std::string_view name() const = 0;
  virtual Tuning& tuning() = 0;
  // Sends what is batched (kline updates); called about every 250 ms of real time.
  virtual void flush() {}
  // Called once the listener is bound, so that URLs handed out (KuCoin's bullet) are right.
  virtual void set_port(std::uint16_t port) { port_ = port; }
  // Ready-line entry: {"rest": ..., "ws": ...}.
  virtual void describe(nlohmann::json& out) const = 0;
  // Drops every WebSocket connection now (fault injection and shutdown).
  virtual std::size_t drop_connections() = 0;
  // A one-off fault action named on the control endpoint (POST /trigger?venue=V&action=A), such
  // as KuCoin's `expire_tokens`. Returns false for an action this venue does not know.
  virtual bool trigger(std::string_view /*action*/) { return false; }
  // Loads what --state-dir kept of this venue's accounts, orders and positions.
  virtual sdk::Status load_state() { return sdk::ok(); }

 protected:
  // The bars a REST kline answer serves: as the market made them, or under fault_rest_bad_bars
  // with each low one tick above its high (an answer a client must refuse, not pass on).
  std::vector<Bar> served_bars(std::vector<Bar> bars) const {
    if (fault("fault_rest_bad_bars") != 0) {
      for (Bar& b : bars) b.low = b.high + 1;
    }
    return bars;
  }

  std::uint16_t port_ = 0;
  Tuning faults_;
};

}  // namespace tradehost::sim
