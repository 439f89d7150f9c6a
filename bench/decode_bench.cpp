// decode_bench: how fast each adapter turns one raw frame into normalized events, against
// nlohmann::json parsing the same frames in the same run (the baseline a C++ author would reach
// for), with heap allocations counted per frame (target: 0).
//
//   build/bench/decode_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Frames are the golden files tests/data/<venue>/<kind>.jsonl; each adapter is loaded from
// build/plugins the way the host loads it. BingX's baseline inflates the gzip frame too (zlib,
// stream and buffer reused), as the adapter must. ccxt pro's figures come from shared/bench (docs/performance.md).
// floor-skip and floor-walk are what any simdjson On-Demand decoder pays at least (simdjson_floor.hpp);
// tradehost-json and nlohmann-json compare BingX's JSON step alone, on the inflated frames.
#include <zlib.h>
#ifdef TRADEHOST_BENCH_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <tradehost/conformance/frame_source.hpp>
#include "bingx/gunzip.hpp"
#include "registry/plugin_registry.hpp"
#include "simdjson_floor.hpp"
#include "support/alloc_counter.hpp"

namespace {

namespace fs = std::filesystem;
using tradehost::sdk::Event;
using tradehost::sdk::EventBuffer;
using tradehost::sdk::FrameView;

struct Frames {
  std::vector<std::vector<char>> padded;  // each with kFramePadding spare bytes
  std::vector<FrameView> views;
  std::vector<std::string> text;          // for the baseline (inflated for BingX)
  std::vector<bool> binary;
};

std::string inflate_gzip(const char* data, std::size_t size) {
  z_stream z{};
  inflateInit2(&z, 16 + MAX_WBITS);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.avail_in = static_cast<uInt>(size);
  std::string out(1 << 16, '\0');
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  inflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  inflateEnd(&z);
  return out;
}

Frames load(const fs::path& file) {
  Frames f;
  std::ifstream in(file);
  tradehost::conformance::FrameSource source(in);
  while (auto frame = source.next()) {
    if (!*frame) continue;
    const FrameView v = **frame;
    std::vector<char> copy(v.data, v.data + v.size + tradehost::sdk::kFramePadding);
    f.text.push_back(v.binary ? inflate_gzip(v.data, v.size) : std::string(v.data, v.size));
    f.padded.push_back(std::move(copy));
    f.binary.push_back(v.binary);
  }
  for (std::size_t i = 0; i < f.padded.size(); ++i) {
    f.views.push_back({f.padded[i].data(), f.padded[i].size() - tradehost::sdk::kFramePadding, f.binary[i]});
  }
  return f;
}

// The same frames as JSON text: BingX's inflated, for the JSON step alone (ours against
// nlohmann, neither inflating).
Frames as_text(const Frames& frames) {
  Frames f;
  for (const std::string& text : frames.text) {
    std::vector<char> copy(text.begin(), text.end());
    copy.resize(text.size() + tradehost::sdk::kFramePadding, '\0');
    f.padded.push_back(std::move(copy));
    f.text.push_back(text);
    f.binary.push_back(false);
  }
  for (std::size_t i = 0; i < f.padded.size(); ++i) {
    f.views.push_back({f.padded[i].data(), f.text[i].size(), false});
  }
  return f;
}

struct Venue {
  std::unique_ptr<tradehost::registry::PluginRegistry> registry;
  tradehost::sdk::Adapter* adapter = nullptr;
};

void decode_frames(benchmark::State& state, tradehost::sdk::Adapter* adapter, const Frames* frames) {
  std::vector<Event> storage(256);
  EventBuffer out(storage.data(), storage.size());
  for (const auto& v : frames->views) adapter->decode(v, out), out.clear();  // warm-up
  const std::uint64_t before = tradehost::test::allocations();
  std::uint64_t decoded = 0;
  for (auto _ : state) {
    for (const auto& v : frames->views) {
      out.clear();
      auto r = adapter->decode(v, out);
      benchmark::DoNotOptimize(r);
      benchmark::DoNotOptimize(out.size());
      ++decoded;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(decoded));
  state.counters["allocs_per_frame"] = static_cast<double>(tradehost::test::allocations() - before) / static_cast<double>(decoded);
  state.counters["ns_per_frame"] = benchmark::Counter(static_cast<double>(decoded), benchmark::Counter::kIsRate |
                                                                                        benchmark::Counter::kInvert);
}

// The baseline's gunzip as a careful user would write it: one z_stream reset per frame and one
// output buffer, both reused (a fresh inflateInit2 and a zeroed 64 KiB string per frame would
// flatter us by about a microsecond).
class ReusedGunzip {
 public:
  ReusedGunzip() : out_(1 << 20, '\0') { inflateInit2(&z_, 16 + MAX_WBITS); }
  ~ReusedGunzip() { inflateEnd(&z_); }
  ReusedGunzip(const ReusedGunzip&) = delete;
  ReusedGunzip& operator=(const ReusedGunzip&) = delete;
  std::string_view inflate(const char* data, std::size_t size) {
    inflateReset(&z_);
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z_.avail_in = static_cast<uInt>(size);
    z_.next_out = reinterpret_cast<Bytef*>(out_.data());
    z_.avail_out = static_cast<uInt>(out_.size());
    ::inflate(&z_, Z_FINISH);
    return std::string_view(out_.data(), out_.size() - z_.avail_out);
  }

 private:
  z_stream z_{};
  std::string out_;
};

void nlohmann_frames(benchmark::State& state, const Frames* frames, bool gzip) {
  std::uint64_t decoded = 0;
  ReusedGunzip gunzip;
  for (auto _ : state) {
    for (std::size_t i = 0; i < frames->text.size(); ++i) {
      if (gzip) {
        const std::string_view text = gunzip.inflate(frames->views[i].data, frames->views[i].size);
        benchmark::DoNotOptimize(nlohmann::json::parse(text, nullptr, false));
      } else {
        benchmark::DoNotOptimize(nlohmann::json::parse(frames->text[i], nullptr, false));
      }
      ++decoded;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(decoded));
  state.counters["ns_per_frame"] = benchmark::Counter(static_cast<double>(decoded), benchmark::Counter::kIsRate |
                                                                                        benchmark::Counter::kInvert);
}

#ifdef TRADEHOST_BENCH_ISAL
// Intel's ISA-L (libisal-dev) as the other candidate (issue 13): isal_inflate with the gzip
// wrapper (ISAL_GZIP: header, CRC-32 and length checked by ISA-L), one state reset per frame and
// one output buffer, both reused, as zlib's.
class IsalGunzip {
 public:
  IsalGunzip() : out_(1 << 20, '\0'), state_(std::make_unique<inflate_state>()) { isal_inflate_init(state_.get()); }
  std::string_view inflate(const char* data, std::size_t size) {
    isal_inflate_reset(state_.get());
    state_->crc_flag = ISAL_GZIP;
    state_->next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(data));
    state_->avail_in = static_cast<std::uint32_t>(size);
    state_->next_out = reinterpret_cast<std::uint8_t*>(out_.data());
    state_->avail_out = static_cast<std::uint32_t>(out_.size());
    if (isal_inflate(state_.get()) != ISAL_DECOMP_OK || state_->block_state != ISAL_BLOCK_FINISH) return {};
    return std::string_view(out_.data(), state_->total_out);
  }

 private:
  std::string out_;
  std::unique_ptr<inflate_state> state_;  // 40 KiB: not on the stack
};
#endif

enum class Inflater { ours, zlib, isal };

// The gunzip step alone: ours (the BingX adapter's Gunzip) against zlib and, when built with it,
// ISA-L, each reused the same way. Every frame is checked once against ours before timing.
void gunzip_frames(benchmark::State& state, const Frames* frames, Inflater which) {
  std::uint64_t inflated = 0;
  tradehost::bingx::Gunzip gunzip(std::size_t{1} << 20, tradehost::sdk::kFramePadding);
  ReusedGunzip zlib;
#ifdef TRADEHOST_BENCH_ISAL
  IsalGunzip isal;
#endif
  auto run = [&](const FrameView& frame) {
    std::string_view out;
    switch (which) {
      case Inflater::ours: (void)gunzip.inflate(frame.data, frame.size, out); break;
      case Inflater::zlib: out = zlib.inflate(frame.data, frame.size); break;
      case Inflater::isal:
#ifdef TRADEHOST_BENCH_ISAL
        out = isal.inflate(frame.data, frame.size);
#endif
        break;
    }
    return out;
  };
  for (const FrameView& frame : frames->views) {
    std::string_view expected;
    if (gunzip.inflate(frame.data, frame.size, expected) != nullptr || run(frame) != expected) {
      state.SkipWithError("an inflater disagrees with ours on a frame");
      return;
    }
  }
  for (auto _ : state) {
    for (const FrameView& frame : frames->views) {
      benchmark::DoNotOptimize(run(frame).data());
      ++inflated;
    }
  }
  state.counters["ns_per_frame"] = benchmark::Counter(static_cast<double>(inflated), benchmark::Counter::kIsRate |
                                                                                         benchmark::Counter::kInvert);
}

// The floor under our decoders (simdjson_floor.hpp): stage 1 and a skip, or stage 1 and a walk
// of every field with nothing converted. BingX frames are inflated by our gunzip first, as the
// adapter must.
enum class Floor { skip, walk };

void floor_frames(benchmark::State& state, const Frames* frames, Floor floor) {
  tradehost::bench::SimdjsonFloor simdjson;
  tradehost::bingx::Gunzip gunzip(std::size_t{1} << 20, tradehost::sdk::kFramePadding);
  auto one = [&](const FrameView& frame) {
    std::string_view text(frame.data, frame.size);
    if (frame.binary && gunzip.inflate(frame.data, frame.size, text) != nullptr) return -1L;
    return floor == Floor::skip ? simdjson.skip_document(text.data(), text.size())
                                : simdjson.walk_document(text.data(), text.size());
  };
  for (const FrameView& frame : frames->views) {
    if (one(frame) < 0) {
      state.SkipWithError("a frame the floor cannot read: it would not be a floor");
      return;
    }
  }
  std::uint64_t read = 0;
  for (auto _ : state) {
    for (const FrameView& frame : frames->views) {
      benchmark::DoNotOptimize(one(frame));
      ++read;
    }
  }
  state.counters["ns_per_frame"] = benchmark::Counter(static_cast<double>(read), benchmark::Counter::kIsRate |
                                                                                     benchmark::Counter::kInvert);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path root = fs::path(TRADEHOST_SOURCE_DIR) / "tests" / "data";
  const fs::path plugins = fs::path(TRADEHOST_PLUGIN_DIR);
  static std::map<std::string, Venue> venues;
  static std::vector<std::unique_ptr<Frames>> all_frames;
  for (const char* name : {"binance", "bingx", "kucoinfutures"}) {
    Venue v;
    v.registry = std::make_unique<tradehost::registry::PluginRegistry>();
    if (auto s = v.registry->load_file(plugins / (std::string(name) + ".so")); !s) {
      std::cerr << name << ": " << s.error().message << "\n";
      return 1;
    }
    v.adapter = &v.registry->find(name)->adapter();
    std::vector<tradehost::sdk::SymbolBinding> bindings;
    for (const char* s : {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT"}) {
      bindings.push_back({static_cast<tradehost::sdk::SymbolId>(bindings.size()), *tradehost::sdk::parse_unified_symbol(s), {}});
    }
    (void)v.adapter->bind_symbols(bindings);
    const bool gzip = std::string(name) == "bingx";
    for (const char* kind : {"kline", "trade", "book_ticker"}) {
      const fs::path file = root / name / (std::string(kind) + ".jsonl");
      if (!fs::exists(file)) continue;
      all_frames.push_back(std::make_unique<Frames>(load(file)));
      const Frames* frames = all_frames.back().get();
      benchmark::RegisterBenchmark((std::string("tradehost/") + name + "/" + kind).c_str(), decode_frames, v.adapter, frames);
      benchmark::RegisterBenchmark((std::string("nlohmann/") + name + "/" + kind).c_str(), nlohmann_frames, frames, gzip);
      benchmark::RegisterBenchmark((std::string("floor-skip/") + name + "/" + kind).c_str(), floor_frames, frames, Floor::skip);
      benchmark::RegisterBenchmark((std::string("floor-walk/") + name + "/" + kind).c_str(), floor_frames, frames, Floor::walk);
      if (gzip) {
        benchmark::RegisterBenchmark((std::string("gunzip-ours/") + name + "/" + kind).c_str(), gunzip_frames, frames,
                                     Inflater::ours);
        benchmark::RegisterBenchmark((std::string("gunzip-zlib/") + name + "/" + kind).c_str(), gunzip_frames, frames,
                                     Inflater::zlib);
#ifdef TRADEHOST_BENCH_ISAL
        benchmark::RegisterBenchmark((std::string("gunzip-isal/") + name + "/" + kind).c_str(), gunzip_frames, frames,
                                     Inflater::isal);
#endif
        // The JSON step alone: the adapter and nlohmann on the inflated text.
        all_frames.push_back(std::make_unique<Frames>(as_text(*frames)));
        const Frames* text = all_frames.back().get();
        benchmark::RegisterBenchmark((std::string("tradehost-json/") + name + "/" + kind).c_str(), decode_frames, v.adapter, text);
        benchmark::RegisterBenchmark((std::string("nlohmann-json/") + name + "/" + kind).c_str(), nlohmann_frames, text, false);
      }
    }
    venues.emplace(name, std::move(v));
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
