// exchange-sim: wires the market, the three venues and their listeners, prints the ready line.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <csignal>
#include <iostream>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "control.hpp"
#include "market/market.hpp"
#include "options.hpp"
#include "server/http_server.hpp"
#include "server/tls.hpp"
#include "sim_clock.hpp"
#include "venues/venue_factory.hpp"

namespace {

namespace net = boost::asio;
using namespace tradehost::sim;

std::int64_t now_floored_to_minute_ms() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return now / 60000 * 60000;
}

// Drives the market from the clock every 10 ms and flushes the venues every 250 ms (real time).
void schedule_tick(net::steady_timer& timer, Market& market, SimClock& clock, std::vector<Venue*>& venues,
                   std::chrono::steady_clock::time_point& last_flush, SimStats& stats) {
  timer.expires_after(std::chrono::milliseconds(10));
  timer.async_wait([&](const boost::system::error_code& ec) {
    if (ec) return;
    const std::int64_t target = clock.market_ms();
    stats.lag_ms = target - market.time_ms();
    stats.max_lag_ms = std::max(stats.max_lag_ms, stats.lag_ms);
    ++stats.ticks;
    market.advance_to(target);
    if (std::chrono::steady_clock::now() - last_flush >= std::chrono::milliseconds(250)) {
      last_flush = std::chrono::steady_clock::now();
      for (Venue* v : venues) v->flush();
    }
    schedule_tick(timer, market, clock, venues, last_flush, stats);
  });
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    std::cerr << options.error().message << "\n" << usage();
    return 2;
  }
  if (options->help) {
    std::cout << usage();
    return 0;
  }
  auto instruments = make_instruments(options->symbols, options->seed);
  if (!instruments) {
    std::cerr << "exchange-sim: " << instruments.error().message << "\n";
    return 2;
  }
  const std::int64_t start_ms = options->start_ms.value_or(now_floored_to_minute_ms());
  SimClock clock(start_ms, options->speed);
  Market market(std::move(*instruments), MarketOptions{options->seed, start_ms, options->step_ms});

  net::io_context io;
  std::vector<Account> accounts = default_accounts();
  if (!options->accounts_file.empty()) {
    auto loaded = load_accounts(options->accounts_file);
    if (!loaded) {
      std::cerr << "exchange-sim: " << loaded.error().message << "\n";
      return 2;
    }
    accounts = std::move(*loaded);
  }
  std::optional<TlsMaterial> tls;
  std::string ca_file = options->ca_file;
  if (options->tls) {
    auto material = make_self_signed_certificate();
    if (!material) {
      std::cerr << "exchange-sim: " << material.error().message << "\n";
      return 1;
    }
    tls = std::move(*material);
    if (ca_file.empty()) {
      ca_file = (std::filesystem::temp_directory_path() / ("exchange-sim-" + std::to_string(getpid()) + "-ca.pem")).string();
    }
    std::ofstream out(ca_file, std::ios::trunc);
    out << tls->cert_pem;
    if (!out) {
      std::cerr << "exchange-sim: cannot write the CA to " << ca_file << " (--ca-file)\n";
      return 2;
    }
  }
  VenueContext context{market, clock, options->host, accounts, options->state_dir, options->tls};
  auto owned_venues = make_venues(context);
  std::vector<Venue*> venues;
  for (auto& v : owned_venues) {
    venues.push_back(v.get());
    market.add_listener(v.get());
  }
  for (Venue* v : venues) {
    if (auto status = v->load_state(); !status) {
      std::cerr << "exchange-sim: --state-dir: " << status.error().message << "\n";
      return 2;
    }
  }
  for (const auto& [key, value] : options->tuning) {
    if (auto status = apply_tuning(venues, clock, key, value); !status) {
      std::cerr << "exchange-sim: --set " << status.error().message << "\n";
      return 2;
    }
  }

  SimStats stats;
  ControlRouter control(venues, clock, market, stats);
  std::vector<std::unique_ptr<HttpServer>> servers;
  auto port_for = [&](std::size_t i) -> std::uint16_t {
    return options->port == 0 ? 0 : static_cast<std::uint16_t>(options->port + i);
  };
  nlohmann::json ready{{"ready", true}, {"seed", options->seed}, {"speed", options->speed}, {"start_ms", start_ms},
                       {"venues", nlohmann::json::object()}};
  for (std::size_t i = 0; i <= venues.size(); ++i) {
    Router& router = i < venues.size() ? static_cast<Router&>(*venues[i]) : static_cast<Router&>(control);
    auto server = HttpServer::listen(io, router, options->host, port_for(i), tls ? &*tls : nullptr);
    if (!server) {
      std::cerr << "exchange-sim: " << server.error().message << "\n";
      return 1;
    }
    if (i < venues.size()) {
      venues[i]->set_port((*server)->port());
      venues[i]->describe(ready["venues"][std::string(venues[i]->name())]);
    } else {
      ready["control"] = (tls ? "https://" : "http://") + options->host + ":" + std::to_string((*server)->port());
    }
    servers.push_back(std::move(*server));
  }

  if (tls) {
    ready["ca_file"] = ca_file;
    // Every URL a venue described is served over TLS.
    for (auto& [name, venue] : ready["venues"].items()) {
      for (const char* key : {"rest", "ws"}) {
        std::string url = venue.value(key, "");
        if (url.rfind("http://", 0) == 0) url.replace(0, 7, "https://");
        if (url.rfind("ws://", 0) == 0) url.replace(0, 5, "wss://");
        venue[key] = url;
      }
    }
  }
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int signal) {
    std::cerr << "exchange-sim: signal " << signal << ", shutting down\n";
    for (auto& s : servers) s->stop();
    io.stop();
  });
  net::steady_timer timer(io);
  auto last_flush = std::chrono::steady_clock::now();
  schedule_tick(timer, market, clock, venues, last_flush, stats);

  // The venue clock as the line goes out, so a client can map venue time to its own clock.
  ready["venue_ms"] = clock.venue_ms();
  std::cout << ready.dump() << std::endl;  // the one line on stdout, flushed
  std::cerr << "exchange-sim: ready, " << market.instruments().size() << " symbols, seed " << options->seed
            << ", speed " << options->speed << "\n";
  io.run();
  if (options->tls && options->ca_file.empty()) std::filesystem::remove(ca_file);  // ours to clean up
  return 0;
}
