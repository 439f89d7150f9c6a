// Adapters that are wrong in one way each, for the conformance kit's own tests: the examplex
// template adapter with one behaviour broken (BROKEN_* set by CMake).
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include <tradehost/sdk/plugin_export.hpp>

#include "examplex_adapter.hpp"

namespace broken {

namespace sdk = tradehost::sdk;

class Adapter final : public examplex::ExamplexAdapter {
 public:
#if defined(BROKEN_ROUNDTRIP)
  // BTC-USDT comes back as ETH/USDT:USDT.
  sdk::Result<sdk::UnifiedSymbol> unified_symbol(std::string_view) const noexcept override {
    return sdk::UnifiedSymbol{"ETH", "USDT", "USDT"};
  }
#elif defined(BROKEN_FRAMES)
  // Every stream in one subscribe frame, past the declared 20 per message.
  sdk::Result<sdk::ConnectionPlan> connection_plan(std::string_view ws_base, std::uint32_t,
                                                   std::span<const sdk::StreamKey> streams,
                                                   std::uint64_t first_id) noexcept override {
    sdk::ConnectionPlan plan;
    plan.url = std::string(ws_base);
    const std::string frame = "{\"op\":\"subscribe\",\"id\":" + std::to_string(first_id) + ",\"args\":[]}";
    plan.frames.push_back(frame);
    plan.request_ids.push_back(first_id);
    std::vector<std::uint32_t> all;
    for (std::size_t i = 0; i < streams.size(); ++i) all.push_back(static_cast<std::uint32_t>(i));
    plan.frame_streams.push_back(all);
    return plan;
  }
#elif defined(BROKEN_ERROR_WITH_EVENT)
  // A refused frame still leaves an event behind.
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    const auto r = examplex::ExamplexAdapter::decode(frame, out);
    if (r.status == sdk::DecodeStatus::error) {
      sdk::Event e{};
      e.kind = sdk::EventKind::trade;
      out.push(e);
    }
    return r;
  }
#elif defined(BROKEN_TRADE_IDS)
  // Declares rising trade ids, then sends 0 for every trade.
  const sdk::Manifest& manifest() const noexcept override {
    static const sdk::Manifest m = [] {
      sdk::Manifest copy = examplex::manifest();
      copy.trade_ids = sdk::TradeIds::increasing;
      return copy;
    }();
    return m;
  }
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    sdk::Event storage[64];
    sdk::EventBuffer decoded(storage, 64);
    const auto r = examplex::ExamplexAdapter::decode(frame, decoded);
    for (sdk::Event e : decoded) {
      if (e.kind == sdk::EventKind::trade) e.trade.trade_id = 0;
      out.push(e);
    }
    return r;
  }
#elif defined(BROKEN_GLOBAL_STATE)
  // A de-duplication cache of trade ids shared by every adapter of the plugin (a static): a
  // second adapter, on another connection, drops every trade the first one saw.
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    static std::array<std::int64_t, 64> seen{};
    static std::size_t seen_count = 0;
    sdk::Event storage[64];
    sdk::EventBuffer decoded(storage, 64);
    const auto r = examplex::ExamplexAdapter::decode(frame, decoded);
    for (const sdk::Event& e : decoded) {
      if (e.kind == sdk::EventKind::trade) {
        if (std::find(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen_count), e.trade.trade_id) !=
            seen.begin() + static_cast<std::ptrdiff_t>(seen_count)) {
          continue;
        }
        if (seen_count < seen.size()) seen[seen_count++] = e.trade.trade_id;
      }
      out.push(e);
    }
    return r;
  }
#elif defined(BROKEN_TRADES_WITHOUT_IDS)
  // Offers trades by id over REST while its manifest says its trades carry no id.
  sdk::Result<std::optional<sdk::HttpRequestSpec>> trades_request(const sdk::UnifiedSymbol&, std::int64_t from_id,
                                                                  std::uint32_t) noexcept override {
    sdk::HttpRequestSpec spec;
    spec.method = "GET";
    spec.target = "/api/trades?from=" + std::to_string(from_id);
    return std::optional<sdk::HttpRequestSpec>(spec);
  }
#elif defined(BROKEN_ALLOCATES)
  // A copy of every frame on the heap.
  sdk::DecodeResult decode(sdk::FrameView frame, sdk::EventBuffer& out) noexcept override {
    try {
      last_ = std::string(frame.data, frame.size);
    } catch (...) {
    }
    return examplex::ExamplexAdapter::decode(frame, out);
  }

 private:
  std::string last_;
#endif
};

}  // namespace broken

TRADEHOST_EXPORT_ADAPTER(broken::Adapter)
