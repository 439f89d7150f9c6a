// Refused when binance.so is already loaded: a second plugin with the same name.
#include <tradehost/sdk/plugin_export.hpp>

#include "test_adapter.hpp"

namespace tradehost::test_plugin {
constexpr sdk::Manifest kManifest = manifest_named("binance", 5);
using Adapter = TestAdapter<kManifest>;
}  // namespace tradehost::test_plugin

TRADEHOST_EXPORT_ADAPTER(tradehost::test_plugin::Adapter)
