#include <tradehost/conformance/check.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include <tradehost/sdk/event_checks.hpp>

#include <tradehost/conformance/alloc_counter.hpp>
#include <tradehost/conformance/event_json.hpp>
#include <tradehost/conformance/frame_source.hpp>

namespace tradehost::conformance {
namespace {

constexpr const char* kGuide = "docs/adapter-guide.md";
constexpr std::size_t kEventCapacity = 256;

struct Recorded {
  std::string file;
  std::size_t line = 0;
  std::string bytes;  // the frame (padded when decoded)
  bool binary = false;
};

class Checker {
 public:
  Checker(sdk::Adapter& adapter, const Options& options) : a_(adapter), options_(options) {
    if (options_.symbols.empty()) {
      for (const char* base : {"BTC", "ETH", "SOL"}) options_.symbols.push_back({base, "USDT", "USDT"});
    }
  }

  Report run() {
    check_manifest();
    if (!manifest_ok_) return std::move(report_);
    check_symbols();
    check_timeframes();
    check_streams();
    check_bind();
    check_connections();
    check_heartbeat();
    check_rest();
    load_frames();
    check_recorded();
    check_instances();
    check_malformed();
    check_fuzzed();
    check_allocations();
    not_applicable("signing", "the SDK has no signing calls yet: they arrive with live trading");
    return std::move(report_);
  }

 private:
  // ---- reporting -------------------------------------------------------------------------------
  void pass(std::string check) { report_.findings.push_back({std::move(check), Finding::Outcome::pass, {}, {}, {}}); }
  void fail(std::string check, std::string expected, std::string got, const char* section) {
    report_.findings.push_back({std::move(check), Finding::Outcome::fail, std::move(expected), std::move(got),
                                std::string(kGuide) + "#" + section});
  }
  void not_applicable(std::string check, std::string why) {
    report_.findings.push_back({std::move(check), Finding::Outcome::not_applicable, {}, std::move(why), {}});
  }
  // Passes `check` unless a failure was recorded under it since `mark`.
  void pass_unless_failed(std::size_t mark, const std::string& check) {
    for (std::size_t i = mark; i < report_.findings.size(); ++i) {
      if (report_.findings[i].outcome == Finding::Outcome::fail) return;
    }
    pass(check);
  }

  // ---- manifest and names ----------------------------------------------------------------------
  void check_manifest() {
    if (options_.abi_version != sdk::kAbiVersion) {
      fail("abi", "ABI version " + std::to_string(sdk::kAbiVersion), "ABI version " + std::to_string(options_.abi_version),
           "abi-versions");
      return;
    }
    pass("abi");
    const sdk::Manifest& m = a_.manifest();
    if (auto valid = sdk::validate_manifest(m); !valid) {
      fail("manifest", "a manifest the host accepts", valid.error().message, "manifest");
      return;
    }
    for (auto [what, url, schemes] :
         {std::tuple{"rest_url", m.rest_url, std::string_view("https://")}, std::tuple{"ws_url", m.ws_url, std::string_view("wss://")}}) {
      if (!url.starts_with(schemes)) {
        fail(std::string("manifest.") + what, std::string("a production endpoint starting with ") + std::string(schemes),
             "'" + std::string(url) + "'", "manifest");
        return;
      }
    }
    manifest_ok_ = true;
    pass("manifest");
  }

  void check_symbols() {
    const auto mark = report_.findings.size();
    for (const auto& symbol : options_.symbols) {
      auto venue = a_.venue_symbol(symbol);
      if (!venue) {
        fail("names.symbols", "a venue symbol for " + symbol.to_string(), venue.error().message, "names");
        continue;
      }
      auto back = a_.unified_symbol(*venue);
      if (!back || !(*back == symbol)) {
        fail("names.symbols", symbol.to_string() + " back from '" + *venue + "'",
             back ? back->to_string() : back.error().message, "names");
      }
    }
    if (a_.unified_symbol("")) fail("names.symbols", "an empty venue symbol refused", "accepted", "names");
    pass_unless_failed(mark, "names.symbols");
  }

  void check_timeframes() {
    const auto mark = report_.findings.size();
    const auto& declared = a_.manifest().timeframes;
    for (sdk::Timeframe tf : sdk::kAllTimeframes) {
      const bool listed = std::find(declared.begin(), declared.end(), tf) != declared.end();
      auto venue = a_.venue_timeframe(tf);
      if (!listed) {
        if (venue) {
          fail("names.timeframes", std::string(sdk::to_string(tf)) + " refused (not in the manifest)",
               "mapped to '" + *venue + "'", "names");
        }
        continue;
      }
      if (!venue) {
        fail("names.timeframes", std::string("a venue interval for ") + std::string(sdk::to_string(tf)),
             venue.error().message, "names");
        continue;
      }
      auto back = a_.unified_timeframe(*venue);
      if (!back || *back != tf) {
        fail("names.timeframes", std::string(sdk::to_string(tf)) + " back from '" + *venue + "'",
             back ? std::string(sdk::to_string(*back)) : back.error().message, "names");
      }
    }
    pass_unless_failed(mark, "names.timeframes");
  }

  void check_streams() {
    const auto mark = report_.findings.size();
    for (const auto& key : all_streams()) {
      auto name = a_.stream_name(key);
      if (!name) {
        fail("names.streams", "a stream name for " + key.to_string(), name.error().message, "names");
        continue;
      }
      auto back = a_.parse_stream_name(*name);
      if (!back || !(*back == key)) {
        fail("names.streams", key.to_string() + " back from '" + *name + "'",
             back ? back->to_string() : back.error().message, "names");
      }
    }
    pass_unless_failed(mark, "names.streams");
  }

  std::vector<sdk::StreamKey> all_streams() const {
    std::vector<sdk::StreamKey> out;
    for (const auto& symbol : options_.symbols) {
      for (sdk::Timeframe tf : a_.manifest().timeframes) out.push_back({sdk::EventKind::kline, symbol, tf});
      out.push_back({sdk::EventKind::trade, symbol, sdk::Timeframe::m1});
      out.push_back({sdk::EventKind::book_ticker, symbol, sdk::Timeframe::m1});
    }
    return out;
  }

  void check_bind() {
    bindings_.clear();
    for (const auto& symbol : options_.symbols) {
      bindings_.push_back({static_cast<sdk::SymbolId>(bindings_.size() + 1), symbol, {}});
    }
    if (auto bound = a_.bind_symbols(bindings_); !bound) {
      fail("bind_symbols", "the symbols bound", bound.error().message, "decoding");
      bindings_.clear();
      return;
    }
    pass("bind_symbols");
  }

  // ---- connections ---------------------------------------------------------------------------
  void check_connections() {
    const auto mark = report_.findings.size();
    const sdk::ConnectionLimits& limits = a_.manifest().limits;
    std::map<std::uint32_t, std::vector<sdk::StreamKey>> groups;
    for (const auto& key : all_streams()) groups[a_.stream_group(key)].push_back(key);
    const std::string base(a_.manifest().ws_url);
    for (const auto& [group, streams] : groups) {
      for (std::size_t begin = 0; begin < streams.size(); begin += limits.streams_per_connection) {
        const std::size_t end = std::min(streams.size(), begin + limits.streams_per_connection);
        const std::vector<sdk::StreamKey> shard(streams.begin() + static_cast<std::ptrdiff_t>(begin),
                                                streams.begin() + static_cast<std::ptrdiff_t>(end));
        check_plan(base, group, shard);
      }
      // One stream more than a connection may carry must be refused, not planned.
      if (limits.streams_per_connection < 5000) {
        std::vector<sdk::StreamKey> too_many;
        for (std::uint32_t i = 0; i <= limits.streams_per_connection; ++i) too_many.push_back(streams[i % streams.size()]);
        if (a_.connection_plan(base, group, too_many, 1)) {
          fail("connections.limit", "a plan for " + std::to_string(too_many.size()) + " streams refused (limit " +
                                        std::to_string(limits.streams_per_connection) + " per connection)",
               "planned", "connections");
        }
      }
    }
    pass_unless_failed(mark, "connections");
  }

  void check_plan(const std::string& base, std::uint32_t group, const std::vector<sdk::StreamKey>& streams) {
    const std::string where = "connections group " + std::to_string(group);
    auto plan = a_.connection_plan(base, group, streams, 1);
    if (!plan) {
      fail(where, "a connection plan for " + std::to_string(streams.size()) + " streams", plan.error().message, "connections");
      return;
    }
    if (plan->url.empty()) fail(where, "a URL to dial", "an empty URL", "connections");
    if (plan->frames.empty()) fail(where, "at least one subscribe frame", "none", "connections");
    if (plan->request_ids.size() != plan->frames.size() || plan->frame_streams.size() != plan->frames.size()) {
      fail(where, "one request id and one stream list per frame",
           std::to_string(plan->frames.size()) + " frames, " + std::to_string(plan->request_ids.size()) + " ids, " +
               std::to_string(plan->frame_streams.size()) + " stream lists",
           "connections");
      return;
    }
    std::vector<int> covered(streams.size(), 0);
    std::set<std::uint64_t> ids;
    for (std::size_t f = 0; f < plan->frames.size(); ++f) {
      const auto& frame = plan->frames[f];
      const auto& list = plan->frame_streams[f];
      if (list.size() > a_.manifest().limits.streams_per_message) {
        fail(where, "at most " + std::to_string(a_.manifest().limits.streams_per_message) + " streams per frame",
             std::to_string(list.size()) + " in frame " + std::to_string(f + 1) + ": " + frame.substr(0, 120),
             "connections");
      }
      for (std::uint32_t i : list) {
        if (i < covered.size()) ++covered[i];
      }
      if (plan->request_ids[f] != 0 && !ids.insert(plan->request_ids[f]).second) {
        fail(where, "distinct request ids", "id " + std::to_string(plan->request_ids[f]) + " twice", "connections");
      }
      if (!frame.empty() && (frame.front() == '{' || frame.front() == '[') && !nlohmann::json::accept(frame)) {
        fail(where, "well-formed JSON subscribe frames", frame.substr(0, 120), "connections");
      }
    }
    for (std::size_t i = 0; i < covered.size(); ++i) {
      if (covered[i] != 1) {
        fail(where, "every stream in exactly one frame's frame_streams",
             streams[i].to_string() + " in " + std::to_string(covered[i]), "connections");
      }
    }
  }

  // ---- heartbeats and REST --------------------------------------------------------------------
  void check_heartbeat() {
    const auto mark = report_.findings.size();
    const sdk::HeartbeatSpec hb = a_.heartbeat();
    using Mode = sdk::HeartbeatSpec::Mode;
    if (hb.mode != Mode::protocol_pings && hb.mode != Mode::client_text_ping && hb.mode != Mode::server_text_ping) {
      fail("heartbeat", "a known heartbeat mode", "mode " + std::to_string(static_cast<int>(hb.mode)), "heartbeats");
    }
    if (hb.silence_ms == 0) {
      fail("heartbeat", "a silence limit (silence_ms) so that a stalled stream is noticed", "0", "heartbeats");
    }
    if (hb.mode == Mode::client_text_ping) {
      if (hb.interval_ms == 0 || hb.timeout_ms == 0) {
        fail("heartbeat", "interval_ms and timeout_ms for client pings", "interval " + std::to_string(hb.interval_ms) +
                                                                              " ms, timeout " + std::to_string(hb.timeout_ms) + " ms",
             "heartbeats");
      }
      auto a = a_.ping_frame(7);
      auto b = a_.ping_frame(7);
      if (!a) fail("heartbeat", "a ping frame", a.error().message, "heartbeats");
      else if (!b || *a != *b) fail("heartbeat", "the same ping frame for the same id", "different frames", "heartbeats");
    }
    if (hb.mode == Mode::server_text_ping) {
      if (auto reply = a_.ping_reply(); !reply || reply->empty()) {
        fail("heartbeat", "a reply to the venue's ping", reply ? "an empty reply" : reply.error().message, "heartbeats");
      }
    }
    pass_unless_failed(mark, "heartbeat");
  }

  void check_rest() {
    const auto mark = report_.findings.size();
    if (options_.symbols.empty() || a_.manifest().timeframes.empty()) return;
    const std::int64_t start = 1767225600000;  // 2026-01-01T00:00Z
    auto req = a_.kline_request(options_.symbols.front(), a_.manifest().timeframes.front(), start, start + 3600000, 100);
    if (!req) {
      fail("rest.klines", "a REST kline request", req.error().message, "rest");
    } else {
      if (!req->target.starts_with('/')) fail("rest.klines", "a target starting with '/'", "'" + req->target + "'", "rest");
      if (req->method != "GET" && req->method != "POST") fail("rest.klines", "GET or POST", req->method, "rest");
      auto again = a_.kline_request(options_.symbols.front(), a_.manifest().timeframes.front(), start, start + 3600000, 100);
      if (!again || again->target != req->target) {
        fail("rest.klines", "the same request for the same inputs", again ? again->target : again.error().message, "rest");
      }
    }
    pass_unless_failed(mark, "rest.klines");

    // ABI 6: an adapter that fetches trades by id must number its trades (trade_ids increasing),
    // or the host could not tell which ones a reconnect missed.
    const auto trades_mark = report_.findings.size();
    auto trades = a_.trades_request(options_.symbols.front(), 1000, 100);
    if (!trades) {
      fail("rest.trades", "a REST trades request, or none", trades.error().message, "rest");
    } else if (trades->has_value()) {
      if (a_.manifest().trade_ids != sdk::TradeIds::increasing) {
        fail("rest.trades", "trade_ids increasing in the manifest (trades are fetched by id)", "trade_ids none",
             "rest");
      }
      if (!(*trades)->target.starts_with('/')) {
        fail("rest.trades", "a target starting with '/'", "'" + (*trades)->target + "'", "rest");
      }
    }
    pass_unless_failed(trades_mark, "rest.trades");
  }

  // ---- decoding --------------------------------------------------------------------------------
  void load_frames() {
    if (options_.frames_dir.empty()) return;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(options_.frames_dir, ec)) {
      const auto name = entry.path().filename().string();
      if (name.ends_with(".jsonl") && !name.ends_with(".expected.jsonl")) files.push_back(entry.path());
    }
    if (ec) {
      fail("decode.frames", "a readable frames directory", options_.frames_dir.string() + ": " + ec.message(), "recorded-frames");
      return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      FrameSource source(in);
      const std::string file = path.filename().string();
      while (auto frame = source.next()) {
        if (!*frame) {
          fail("decode.frames " + file + ":" + std::to_string(source.line()), "a frame (text, or b64:<base64>)",
               frame->error().message, "recorded-frames");
          continue;
        }
        const sdk::FrameView& v = **frame;
        (file.find("malformed") != std::string::npos ? malformed_ : recorded_)
            .push_back({file, source.line(), std::string(v.data, v.size), v.binary});
      }
    }
    if (recorded_.empty() && malformed_.empty()) {
      fail("decode.frames", "recorded frames (<kind>.jsonl) in " + options_.frames_dir.string(), "none", "recorded-frames");
    }
  }

  // Decodes `bytes` into `events_` as the host does (padded copy, fresh buffer view).
  sdk::DecodeResult decode(const std::string& bytes, bool binary, sdk::EventBuffer& out) {
    return decode_with(a_, bytes, binary, out);
  }
  sdk::DecodeResult decode_with(sdk::Adapter& adapter, const std::string& bytes, bool binary, sdk::EventBuffer& out) {
    padded_.assign(bytes.begin(), bytes.end());
    padded_.resize(bytes.size() + sdk::kFramePadding, '\0');
    return adapter.decode(sdk::FrameView{padded_.data(), bytes.size(), binary}, out);
  }

  // What one frame decoded to, as text: the events as `tradehost decode` prints them, or the
  // result's status and detail.
  std::string outcome_text(const sdk::DecodeResult& result, const sdk::EventBuffer& out) const {
    std::string text = std::to_string(static_cast<int>(result.status)) + " " + result.detail;
    for (const auto& e : out) text += " " + event_json(e, a_.manifest().name, symbol_name(symbol_of(e)));
    return text;
  }

  // ABI 5: the host decodes each connection with an adapter of its own. A second adapter from the
  // factory, bound the same way, must decode the recorded frames exactly as the first one did:
  // decode state kept outside the adapter (a static, a global) would leak from one connection into
  // another.
  void check_instances() {
    if (!options_.new_instance) {
      not_applicable("decode.instances", "no factory to make a second adapter with");
      return;
    }
    if (recorded_.empty() || bindings_.empty() || first_outcomes_.size() != recorded_.size()) {
      not_applicable("decode.instances", "no recorded frames");
      return;
    }
    auto made = options_.new_instance();
    if (!made || !*made) {
      fail("decode.instances", "a second adapter from the factory", made ? "none" : made.error().message, "decoding");
      return;
    }
    sdk::Adapter& second = **made;
    if (auto bound = second.bind_symbols(bindings_); !bound) {
      fail("decode.instances", "the second adapter to take the symbols the first took", bound.error().message,
           "decoding");
      return;
    }
    std::vector<sdk::Event> storage(kEventCapacity);
    for (std::size_t i = 0; i < recorded_.size(); ++i) {
      sdk::EventBuffer out(storage.data(), storage.size());
      const auto result = decode_with(second, recorded_[i].bytes, recorded_[i].binary, out);
      if (const std::string got = outcome_text(result, out); got != first_outcomes_[i]) {
        fail("decode.instances " + where(recorded_[i]), "what the first adapter decoded: " + first_outcomes_[i],
             got + " (decode state shared between adapters?)", "decoding");
        return;
      }
    }
    pass("decode.instances (" + std::to_string(recorded_.size()) + " frames, a second adapter)");
  }

  std::string where(const Recorded& r) const { return r.file + ":" + std::to_string(r.line); }

  static sdk::SymbolId symbol_of(const sdk::Event& e) {
    switch (e.kind) {
      case sdk::EventKind::kline: return e.kline.symbol;
      case sdk::EventKind::trade: return e.trade.symbol;
      case sdk::EventKind::book_ticker: return e.book_ticker.symbol;
    }
    return 0;
  }

  std::string symbol_name(sdk::SymbolId id) const {
    for (const auto& b : bindings_) {
      if (b.id == id) return b.symbol.to_string();
    }
    return "?";
  }

  // Why an event is not one the host can use, or "": the SDK's own checks plus what only the
  // kit knows (the ids it bound, the manifest's timeframes).
  std::string invalid(const sdk::Event& e) const {
    const sdk::SymbolId id = symbol_of(e);
    if (std::none_of(bindings_.begin(), bindings_.end(), [&](const auto& b) { return b.id == id; })) {
      return "symbol id " + std::to_string(id) + " was never bound";
    }
    if (e.kind == sdk::EventKind::kline) {
      const auto& tfs = a_.manifest().timeframes;
      if (std::find(tfs.begin(), tfs.end(), e.kline.timeframe) == tfs.end()) return "a timeframe not in the manifest";
    }
    const char* why = sdk::event_problem(e);
    return why == nullptr ? std::string() : std::string(why);
  }

  void check_recorded() {
    if (options_.frames_dir.empty()) {
      not_applicable("decode.recorded", "no --frames directory given");
      return;
    }
    if (bindings_.empty()) return;
    const auto mark = report_.findings.size();
    std::vector<sdk::Event> storage(kEventCapacity);
    std::map<std::string, std::vector<std::string>> printed;  // file -> event lines
    std::map<std::pair<std::string, sdk::SymbolId>, std::int64_t> last_trade_id;  // per file and symbol
    std::size_t events = 0;
    first_outcomes_.clear();
    for (const auto& r : recorded_) {
      sdk::EventBuffer out(storage.data(), storage.size());
      const auto result = decode(r.bytes, r.binary, out);
      if (options_.new_instance) first_outcomes_.push_back(outcome_text(result, out));  // for check_instances
      if (result.status == sdk::DecodeStatus::error) {
        fail("decode.recorded " + where(r), "events or a control result", std::string("an error: ") + result.detail,
             "decoding");
        continue;
      }
      if (result.status != sdk::DecodeStatus::events && out.size() > 0) {
        fail("decode.recorded " + where(r), "events only with DecodeStatus::events", std::to_string(out.size()) +
                                                                                         " events with a control result",
             "decoding");
      }
      for (const auto& e : out) {
        ++events;
        if (auto why = invalid(e); !why.empty()) {
          fail("decode.recorded " + where(r), "valid normalized events", why, "events");
        }
        // The host delivers a trade only if its id is above the last one of its symbol when the
        // manifest declares rising ids: an id at or below the one before it in a recording is a
        // trade the host would drop.
        if (e.kind == sdk::EventKind::trade && a_.manifest().trade_ids == sdk::TradeIds::increasing) {
          const auto [previous, first] = last_trade_id.try_emplace({r.file, e.trade.symbol}, e.trade.trade_id);
          if (!first && e.trade.trade_id <= previous->second) {
            fail("decode.recorded " + where(r),
                 "a trade_id above " + std::to_string(previous->second) + ", the one before it for " +
                     symbol_name(e.trade.symbol) + " (the manifest declares trade_ids increasing)",
                 "trade_id " + std::to_string(e.trade.trade_id) + ": the host would drop this trade", "events");
          }
          previous->second = std::max(previous->second, e.trade.trade_id);
        }
        printed[r.file].push_back(event_json(e, a_.manifest().name, symbol_name(symbol_of(e))));
      }
    }
    if (!recorded_.empty() && events == 0) {
      fail("decode.recorded", "at least one event from the recorded frames", "none", "recorded-frames");
    }
    check_expected(printed);
    pass_unless_failed(mark, "decode.recorded (" + std::to_string(recorded_.size()) + " frames, " +
                                 std::to_string(events) + " events)");
  }

  // <kind>.expected.jsonl: the events of <kind>.jsonl as `tradehost decode` prints them.
  void check_expected(const std::map<std::string, std::vector<std::string>>& printed) {
    std::set<std::string> files;
    for (const auto& r : recorded_) files.insert(r.file);
    for (const auto& file : files) {
      const auto path = options_.frames_dir / (file.substr(0, file.size() - 6) + ".expected.jsonl");
      std::ifstream in(path);
      if (!in) continue;
      std::vector<std::string> want;
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) want.push_back(line);
      }
      const auto it = printed.find(file);
      const std::vector<std::string> got = it == printed.end() ? std::vector<std::string>{} : it->second;
      for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
        const std::string w = i < want.size() ? want[i] : "(no more events)";
        const std::string g = i < got.size() ? got[i] : "(no more events)";
        if (w != g) {
          fail("decode.expected " + path.filename().string() + " event " + std::to_string(i + 1), w, g, "recorded-frames");
          break;
        }
      }
    }
  }

  void check_malformed() {
    if (malformed_.empty()) {
      not_applicable("decode.malformed", "no malformed*.jsonl among the recorded frames");
      return;
    }
    const auto mark = report_.findings.size();
    std::vector<sdk::Event> storage(kEventCapacity);
    for (const auto& r : malformed_) {
      sdk::EventBuffer out(storage.data(), storage.size());
      const auto result = decode(r.bytes, r.binary, out);
      if (result.status != sdk::DecodeStatus::error || out.size() != 0) {
        fail("decode.malformed " + where(r), "DecodeStatus::error and no event",
             std::to_string(out.size()) + " events, status " + std::to_string(static_cast<int>(result.status)),
             "decoding");
      } else if (result.detail[0] == '\0') {
        fail("decode.malformed " + where(r), "a reason in DecodeResult::detail", "an empty detail", "decoding");
      }
    }
    pass_unless_failed(mark, "decode.malformed (" + std::to_string(malformed_.size()) + " frames)");
  }

  // Every recorded frame cut short and with bytes overwritten: no crash, and either an error
  // with no event or only valid events.
  void check_fuzzed() {
    if (recorded_.empty() || bindings_.empty()) return;
    const auto mark = report_.findings.size();
    std::vector<sdk::Event> storage(kEventCapacity);
    std::size_t variants = 0;
    auto probe = [&](const Recorded& r, const std::string& bytes, const std::string& how) {
      ++variants;
      sdk::EventBuffer out(storage.data(), storage.size());
      const auto result = decode(bytes, r.binary, out);
      if (result.status == sdk::DecodeStatus::error && out.size() != 0) {
        fail("decode.fuzzed " + where(r) + " " + how, "no event with an error", std::to_string(out.size()) + " events",
             "decoding");
      }
      for (const auto& e : out) {
        if (auto why = invalid(e); !why.empty()) {
          fail("decode.fuzzed " + where(r) + " " + how, "only valid events from a damaged frame", why, "decoding");
          return;
        }
      }
    };
    for (const auto& r : recorded_) {
      const std::size_t n = r.bytes.size();
      for (std::size_t cut : {std::size_t{0}, std::size_t{1}, n / 4, n / 2, 3 * n / 4, n > 0 ? n - 1 : 0}) {
        probe(r, r.bytes.substr(0, cut), "cut at " + std::to_string(cut));
      }
      for (std::size_t k = 1; k <= 8 && n > 0; ++k) {
        std::string bent = r.bytes;
        const std::size_t at = (k * 7919) % n;
        for (char c : {'"', '}', '9', '\0', '-', ','}) {
          bent[at] = c;
          probe(r, bent, "byte " + std::to_string(at) + " set to " + std::to_string(static_cast<int>(c)));
        }
      }
    }
    pass_unless_failed(mark, "decode.fuzzed (" + std::to_string(variants) + " damaged frames)");
  }

  void check_allocations() {
    if (recorded_.empty() || bindings_.empty()) {
      not_applicable("decode.allocations", "no recorded frames to decode");
      return;
    }
    std::vector<sdk::Event> storage(kEventCapacity);
    std::vector<std::string> padded;
    for (const auto& r : recorded_) {
      std::string p = r.bytes;
      p.resize(r.bytes.size() + sdk::kFramePadding, '\0');
      padded.push_back(std::move(p));
    }
    auto decode_all = [&] {
      for (std::size_t i = 0; i < recorded_.size(); ++i) {
        sdk::EventBuffer out(storage.data(), storage.size());
        (void)a_.decode(sdk::FrameView{padded[i].data(), recorded_[i].bytes.size(), recorded_[i].binary}, out);
      }
    };
    decode_all();  // warm-up: first use may size buffers
    decode_all();
    const std::size_t before = allocations();
    for (int round = 0; round < 3; ++round) decode_all();
    const std::size_t made = allocations() - before;
    if (made != 0) {
      fail("decode.allocations", "0 heap allocations per frame in steady state",
           std::to_string(made) + " allocations over " + std::to_string(3 * recorded_.size()) + " frames", "decoding");
      return;
    }
    pass("decode.allocations (0 over " + std::to_string(3 * recorded_.size()) + " frames)");
  }

  sdk::Adapter& a_;
  Options options_;
  Report report_;
  bool manifest_ok_ = false;
  std::vector<sdk::SymbolBinding> bindings_;
  std::vector<Recorded> recorded_;
  std::vector<std::string> first_outcomes_;  // per recorded frame, what the first adapter decoded
  std::vector<Recorded> malformed_;
  std::string padded_;
};

}  // namespace

bool Report::passed() const { return failures() == 0; }

std::size_t Report::failures() const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
    return f.outcome == Finding::Outcome::fail;
  }));
}

Report check_adapter(sdk::Adapter& adapter, const Options& options) { return Checker(adapter, options).run(); }

std::string format(const Finding& f) {
  switch (f.outcome) {
    case Finding::Outcome::pass: return "PASS " + f.check;
    case Finding::Outcome::not_applicable: return "N/A  " + f.check + ": " + f.got;
    case Finding::Outcome::fail: break;
  }
  return "FAIL " + f.check + ": expected " + f.expected + "; got " + f.got + ". See " + f.guide;
}

}  // namespace tradehost::conformance
