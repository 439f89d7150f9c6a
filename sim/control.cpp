#include "control.hpp"

#include <nlohmann/json.hpp>

namespace tradehost::sim {

sdk::Status apply_tuning(const std::vector<Venue*>& venues, SimClock& clock, const std::string& key,
                         std::int64_t value) {
  if (key == "sim.skew_ms") {
    clock.set_skew_ms(value);
    return sdk::ok();
  }
  const auto dot = key.find('.');
  const std::string venue = key.substr(0, dot);
  const std::string name = dot == std::string::npos ? "" : key.substr(dot + 1);
  for (Venue* v : venues) {
    if (v->name() != venue) continue;
    if (auto f = v->faults().find(name); f != v->faults().end()) {
      f->second = value;
      return sdk::ok();
    }
    auto it = v->tuning().find(name);
    if (it == v->tuning().end()) {
      std::string known;
      for (const auto& [k, _] : v->tuning()) known += (known.empty() ? "" : ", ") + k;
      for (const auto& [k, _] : v->faults()) known += ", " + k;
      return sdk::fail(sdk::ErrorCode::invalid_config, "unknown tuning key '" + key + "' (" + venue + " has: " + known + ")");
    }
    it->second = value;
    return sdk::ok();
  }
  return sdk::fail(sdk::ErrorCode::invalid_config,
                   "unknown venue in '" + key + "' (binance, bingx, kucoinfutures, or sim.skew_ms)");
}

HttpResponse ControlRouter::handle(const HttpRequest& r) {
  using json = nlohmann::json;
  if (r.method == "GET" && r.path == "/status") {
    json out{{"market_ms", market_.time_ms()},
             {"venue_ms", clock_.venue_ms()},
             {"lag_ms", stats_.lag_ms},
             {"max_lag_ms", stats_.max_lag_ms},
             {"max_lag_real_ms", static_cast<double>(stats_.max_lag_ms) / clock_.speed()},
             {"ticks", stats_.ticks},
             {"venues", json::object()}};
    for (Venue* v : venues_) {
      json t = json::object();
      for (const auto& [k, val] : v->tuning()) t[k] = val;
      for (const auto& [k, val] : v->faults()) t[k] = val;
      out["venues"][std::string(v->name())] = {{"tuning", t}};
    }
    return HttpResponse::json(200, out.dump());
  }
  if (r.method == "POST" && r.path == "/drop") {
    const auto venue = r.param("venue");
    std::size_t dropped = 0;
    for (Venue* v : venues_) {
      if (!venue || v->name() == *venue) dropped += v->drop_connections();
    }
    return HttpResponse::json(200, json{{"dropped", dropped}}.dump());
  }
  if (r.method == "POST" && r.path == "/trigger") {
    const auto venue = r.param("venue");
    const auto action = r.param("action");
    for (Venue* v : venues_) {
      if (venue && action && v->name() == *venue) {
        if (v->trigger(*action)) return HttpResponse::json(200, json{{"ok", true}}.dump());
        return HttpResponse::json(400, json{{"error", *venue + " has no action '" + *action + "'"}}.dump());
      }
    }
    return HttpResponse::json(400, json{{"error", "pass venue=NAME&action=ACTION"}}.dump());
  }
  if (r.method == "POST" && r.path == "/set") {
    const auto key = r.param("key");
    const auto value = r.param("value");
    std::int64_t n = 0;
    try {
      std::size_t used = 0;
      n = value ? std::stoll(*value, &used) : 0;
      if (value && used != value->size()) throw std::invalid_argument("trailing text");
    } catch (...) {
      return HttpResponse::json(400, json{{"error", "value must be an integer"}}.dump());
    }
    if (!key || !value) return HttpResponse::json(400, json{{"error", "pass key=VENUE.KEY&value=N"}}.dump());
    if (auto s = apply_tuning(venues_, clock_, *key, n); !s) return HttpResponse::json(400, json{{"error", s.error().message}}.dump());
    return HttpResponse::json(200, json{{"ok", true}}.dump());
  }
  return HttpResponse::json(404, json{{"error", "unknown control path " + r.path}}.dump());
}

}  // namespace tradehost::sim
