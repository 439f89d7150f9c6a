// Refused: the manifest's name is not a lowercase identifier.
#include <tradehost/sdk/plugin_export.hpp>

#include "test_adapter.hpp"

namespace tradehost::test_plugin {
constexpr sdk::Manifest kManifest = manifest_named("Bad Name", 10);
using Adapter = TestAdapter<kManifest>;
}  // namespace tradehost::test_plugin

TRADEHOST_EXPORT_ADAPTER(tradehost::test_plugin::Adapter)
