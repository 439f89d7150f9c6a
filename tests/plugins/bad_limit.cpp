// Refused: a default stream limit of 0.
#include <tradehost/sdk/plugin_export.hpp>

#include "test_adapter.hpp"

namespace tradehost::test_plugin {
constexpr sdk::Manifest kManifest = manifest_named("badlimit", 0);
using Adapter = TestAdapter<kManifest>;
}  // namespace tradehost::test_plugin

TRADEHOST_EXPORT_ADAPTER(tradehost::test_plugin::Adapter)
