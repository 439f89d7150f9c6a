#include "trading/state_store.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

namespace tradehost::sim {

sdk::Status StateStore::load(Ledger& ledger) const {
  if (!enabled()) return sdk::ok();
  std::ifstream in(path());
  if (!in) return sdk::ok();  // first start
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return sdk::fail(sdk::ErrorCode::invalid_config, path() + " is not valid JSON");
  return ledger.load_json(j);
}

sdk::Status StateStore::save(const Ledger& ledger) const {
  if (!enabled()) return sdk::ok();
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  const std::string tmp = path() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << ledger.to_json().dump();
    if (!out) return sdk::fail(sdk::ErrorCode::io, "cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path().c_str()) != 0) return sdk::fail(sdk::ErrorCode::io, "cannot rename " + tmp);
  return sdk::ok();
}

}  // namespace tradehost::sim
