// Keeps a venue's ledger in <state-dir>/<venue>.json so that accounts, orders and positions
// survive a restart of the sim. Writes go to a temporary file that is then renamed over the old
// one, so a crash mid-write never leaves a torn file.
#pragma once

#include <string>

#include <tradehost/sdk/result.hpp>

#include "trading/ledger.hpp"

namespace tradehost::sim {

class StateStore {
 public:
  StateStore(std::string dir, std::string venue) : dir_(std::move(dir)), venue_(std::move(venue)) {}
  bool enabled() const { return !dir_.empty(); }
  // Loads the venue's file into `ledger` if there is one.
  sdk::Status load(Ledger& ledger) const;
  sdk::Status save(const Ledger& ledger) const;

 private:
  std::string path() const { return dir_ + "/" + venue_ + ".json"; }
  std::string dir_;
  std::string venue_;
};

}  // namespace tradehost::sim
